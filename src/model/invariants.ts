/**
 * The conservation identities every run must satisfy (report-format.md, design.md "Conservation"):
 * every request, async event, message and record ends exactly once or is still pending at the end.
 * A broken identity is a bug in the model, never bad input, so `sim run` exits 3 with the numbers
 * and the tests call {@link checkInvariants} after every simulation. Cost: a few additions per
 * function, queue and stream, nothing per invocation.
 */
import type { AsyncResults, Results } from './results.js';

/** One side of an identity: named counts whose sum must equal the other side. */
type Terms = ReadonlyArray<readonly [name: string, value: number]>;

/** A stock carried over from the warm-up, as a term (none without a warm-up). */
function atStart(name: string, value: number | undefined): Terms {
  return value === undefined ? [] : [[name, value]];
}

/**
 * Every broken identity of `results`, one line each with the numbers, e.g.
 * `function "api": requests (100) != successes (90) + errors (5) + throttles (3) + inFlightAtEnd (1) = 99`.
 * Empty when all hold.
 */
export function checkInvariants(results: Results): string[] {
  const broken: string[] = [];
  const identity = (subject: string, left: Terms, right: Terms): void => {
    const sum = (terms: Terms): number => terms.reduce((s, [, v]) => s + v, 0);
    const l = sum(left);
    const r = sum(right);
    if (l === r && Number.isFinite(l)) return;
    const show = (terms: Terms): string => terms.map(([n, v]) => `${n} (${v})`).join(' + ');
    const total = (terms: Terms, value: number): string => (terms.length > 1 ? ` = ${value}` : '');
    broken.push(`${subject}: ${show(left)}${total(left, l)} != ${show(right)}${total(right, r)}`);
  };

  const asyncIdentities = (subject: string, a: AsyncResults | undefined): void => {
    if (a === undefined) return;
    identity(`${subject} async`, [['received', a.received], ...atStart('pendingAtStart', a.pendingAtStart)], [
      ['succeeded', a.succeeded],
      ['dropped', a.dropped],
      ['pendingAtEnd', a.pendingAtEnd],
    ]);
    identity(`${subject} async`, [['dropped', a.dropped]], [
      ['retriesExhausted', a.retriesExhausted],
      ['eventAgeExceeded', a.eventAgeExceeded],
    ]);
  };

  for (const f of results.functions) {
    const subject = `function "${f.name}"`;
    // With a warm-up, the measured period starts with a stock of requests, events, messages and
    // records already under way: it joins the left side ("AtStart" terms, present only then).
    identity(subject, [['requests', f.requests], ...atStart('inFlightAtStart', f.inFlightAtStart)], [
      ['successes', f.successes],
      ['errors', f.errors],
      ['throttles', f.throttles],
      ['inFlightAtEnd', f.inFlightAtEnd],
    ]);
    identity(subject, [['invocations', f.invocations]], [['successes', f.successes], ['errors', f.errors]]);
    const reasons = f.throttleReasons;
    identity(subject, [['throttles', f.throttles]], [
      ['throttleReasons.account', reasons.account],
      ['throttleReasons.reserved', reasons.reserved],
      ['throttleReasons.scaling', reasons.scaling],
      ['throttleReasons.rate', reasons.rate],
    ]);
    if (f.timeouts > f.errors) broken.push(`${subject}: timeouts (${f.timeouts}) > errors (${f.errors})`);
    asyncIdentities(subject, f.async);
  }
  // An alias's own async queue (events sent to fn:alias), as a function's.
  for (const a of results.aliases ?? []) asyncIdentities(`alias "${a.name}"`, a.async);
  for (const q of results.queues ?? []) {
    identity(`queue "${q.name}"`, [['sent', q.sent], ...atStart('visibleAtStart', q.visibleAtStart), ...atStart('inFlightAtStart', q.inFlightAtStart)], [
      ['deleted', q.deleted],
      ['deadLettered', q.deadLettered],
      ['visibleAtEnd', q.visibleAtEnd],
      ['inFlightAtEnd', q.inFlightAtEnd],
    ]);
  }
  for (const s of results.streams ?? []) {
    identity(`stream "${s.name}"`, [['records', s.records], ...atStart('pendingAtStart', s.pendingAtStart)], [
      ['processed', s.processed],
      ['lost', s.lost],
      ['failed', s.failed],
      ['pendingAtEnd', s.pendingAtEnd],
    ]);
  }
  for (const t of results.topics ?? []) {
    for (const d of t.deliveries) identity(`topic "${t.name}" to ${d.kind} "${d.name}"`, [['delivered', d.delivered]], [['published', t.published]]);
  }
  for (const a of results.apiGateways ?? []) {
    identity(`API "${a.name}"`, [['requests', a.requests], ...atStart('pendingAtStart', a.pendingAtStart)], [
      ['successes', a.successes],
      ['functionErrors', a.functionErrors],
      ['lambdaThrottles', a.lambdaThrottles],
      ['timeouts', a.timeouts],
      ['throttles', a.throttles],
      ['pendingAtEnd', a.pendingAtEnd],
    ]);
  }
  for (const d of results.dependencies ?? []) {
    if (d.type === 'database') {
      identity(`dependency "${d.name}"`, [['acquired', d.acquired], ['heldAtStart', d.heldAtStart]], [['released', d.released], ['heldAtEnd', d.heldAtEnd]]);
    } else {
      identity(`dependency "${d.name}"`, [['calls', d.calls]], [['admitted', d.admitted], ['throttled', d.throttled]]);
    }
  }
  return broken;
}

/** A broken conservation identity: a bug in lambda-sim (the CLI exits 3 with this message). */
export class InvariantError extends Error {
  constructor(readonly broken: readonly string[]) {
    super(`conservation broken (a bug): ${broken.join('; ')}`);
    this.name = 'InvariantError';
  }
}

/** @throws InvariantError when any identity of {@link checkInvariants} is broken */
export function assertInvariants(results: Results): void {
  const broken = checkInvariants(results);
  if (broken.length > 0) throw new InvariantError(broken);
}
