/**
 * `sim import`'s output: a starting scenario with every value the template gives, a placeholder
 * duration per function (a template cannot say how long the code runs), and one commented
 * workload per trigger, for people who prefer a copy to `template:`.
 */
import { basename, extname } from 'node:path';
import { Document, isScalar } from 'yaml';
import type { ImportedTemplate, Trigger } from './import-template.js';

/** The placeholder each function's duration gets; the comment beside it says it must be measured. */
export const PLACEHOLDER_DURATION = '100ms';

/** A scenario name from the template's file name (the scenario name's characters only). */
function scenarioName(file: string): string {
  const name = basename(file, extname(file)).replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100);
  return /^\.*$/.test(name) ? 'imported' : name;
}

/** One commented workload for a trigger. */
function workloadLines(t: Trigger): string[] {
  const target =
    'function' in t.target ? `function: ${t.target.function}`
    : 'queue' in t.target ? `queue: ${t.target.queue}`
    : 'topic' in t.target ? `topic: ${t.target.topic}`
    : `stream: ${t.target.stream}`;
  const arrivals = t.schedule !== undefined ? `{ process: schedule, expression: ${JSON.stringify(t.schedule)} }` : '{ process: poisson, rate: 10/s }';
  const why =
    t.notSimulated ??
    (t.schedule !== undefined ? 'the template\'s schedule'
    : t.via !== undefined ? `requests clients send through API ${t.via}`
    : 'topic' in t.target ? 'messages publishers send to the topic'
    : 'messages or records the producers send');
  return [
    `#  - name: ${t.origin.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 100)}   # ${t.type} (${t.origin}): ${why}`,
    `#    ${target}`,
    ...(t.via !== undefined ? [`#    via: ${t.via}`] : t.invocation && 'function' in t.target ? [`#    invocation: ${t.invocation}`] : []),
    `#    arrivals: ${arrivals}`,
  ];
}

/** The scenario YAML text for an imported template. */
export function renderScenario(imported: ImportedTemplate, notes: readonly string[] = imported.notes.map((n) => n.text)): string {
  const functions = JSON.parse(JSON.stringify(imported.functions)) as Record<string, Record<string, unknown>>;
  for (const fn of Object.values(functions)) fn.duration = PLACEHOLDER_DURATION;
  const data: Record<string, unknown> = { name: scenarioName(imported.template.file), duration: '1h', functions };
  if (Object.keys(imported.queues).length) data.queues = imported.queues;
  if (Object.keys(imported.streams).length) data.streams = imported.streams;
  if (Object.keys(imported.topics).length) data.topics = imported.topics;
  if (imported.eventSourceMappings.length) data.eventSourceMappings = imported.eventSourceMappings;
  if (Object.keys(imported.apiGateways).length) data.apiGateways = imported.apiGateways;
  const doc = new Document(JSON.parse(JSON.stringify(data)));
  for (const name of Object.keys(functions)) {
    const node = doc.getIn(['functions', name, 'duration'], true);
    if (isScalar(node)) node.comment = ' TODO: measured execution time (the template cannot say); e.g. {dist: lognormal, p50: 80ms, p99: 600ms}';
  }
  const header = [
    `# Started from ${imported.template.file} by sim import. Every value comes from the template except the`,
    '# TODO durations and the workloads. `template: <file>` in a scenario imports the same values without a copy.',
    ...notes.map((n) => `#   note: ${n}`),
  ];
  const triggers = imported.triggers.length
    ? ['# One workload per trigger of the template: uncomment, then set the rates.', 'workloads: []', ...imported.triggers.flatMap(workloadLines)]
    : ['workloads: []'];
  return [...header, doc.toString({ lineWidth: 0 }).trimEnd(), ...triggers, ''].join('\n');
}
