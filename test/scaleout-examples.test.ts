/**
 * The scale-out examples users copy (docs/examples/github-actions-sweep.yml and
 * kubernetes-indexed-job.yaml) cannot rot: this test reads them with the `yaml` package, runs
 * every `sim` command they run, the way their engine would (each matrix value / completion index,
 * artifacts and the shared volume emulated by folders), and checks that the merge writes exactly
 * what one `sim sweep` writes.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT, simInProcess, tempDir } from './helpers/cli.js';

const EXAMPLES = path.join(ROOT, 'docs', 'examples');
const SWEEP_FILES = ['sweep.csv', 'sweep.html', 'sweep.json', 'sweep.md'];

/** scenarios/memory-sweep.yaml, one simulated minute instead of ten (some points still meet every expect line, so the merge exits 0 as the workflow needs) so the test stays quick. */
const SCENARIO = readFileSync(path.join(ROOT, 'scenarios', 'memory-sweep.yaml'), 'utf8').replace(/^duration: 10m$/m, 'duration: 1m')
  // Every step of the examples must exit 0: a p99 limit that some point of a one-minute run meets.
  .replace('render.latency.p99 < 1s', 'render.latency.p99 < 5s');

/** A test folder with the scenario where the examples read it: scenarios/memory-sweep.yaml. */
function folderWithScenario(): string {
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'scenarios'));
  writeFileSync(path.join(cwd, 'scenarios', 'memory-sweep.yaml'), SCENARIO);
  return cwd;
}

/** The words of a shell command line (the examples use no quotes), after `sim`. */
function simWords(line: string): string[] {
  const words = line.trim().split(/\s+/);
  const at = words.indexOf('sim');
  return at < 0 ? [] : words.slice(at + 1);
}

/** A trailing `*` in the last path component, expanded in `cwd` (sorted, as a shell does). */
function expandGlob(word: string, cwd: string): string[] {
  if (!word.endsWith('*')) return [word];
  const dir = path.dirname(word);
  const prefix = path.basename(word).slice(0, -1);
  return readdirSync(path.join(cwd, dir)).filter((n) => n.startsWith(prefix)).sort().map((n) => path.join(dir, n));
}

/** Run `sim ...words` in `cwd`; every run must succeed. */
async function runSim(words: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const r = await simInProcess(words, cwd);
    expect(r.stderr, `sim ${words.join(' ')}`).toBe('');
    expect(r.status, `sim ${words.join(' ')}`).toBe(0);
    return r.stdout;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The sweep a single machine would run: the shard command without --shard and --out. */
async function oneMachine(words: string[], cwd: string): Promise<string> {
  const plain: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '--shard' || words[i] === '--out') i++;
    else plain.push(words[i]);
  }
  expect(plain[0]).toBe('sweep');
  await runSim([...plain, '--out', 'one-machine', '--quiet'], cwd);
  return path.join(cwd, 'one-machine');
}

function expectSameSweep(merged: string, one: string): void {
  for (const f of SWEEP_FILES) expect(readFileSync(path.join(merged, f), 'utf8'), f).toBe(readFileSync(path.join(one, f), 'utf8'));
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

describe('docs/examples/github-actions-sweep.yml', () => {
  it('runs a shard per matrix value, uploads each partial folder, and merges them into the one-machine sweep', async () => {
    const workflow = parse(readFileSync(path.join(EXAMPLES, 'github-actions-sweep.yml'), 'utf8'));
    const shardJob = workflow.jobs.shard;
    const mergeJob = workflow.jobs.merge;
    expect(mergeJob.needs).toBe('shard');
    const values: number[] = shardJob.strategy.matrix.shard;
    const cwd = folderWithScenario();
    const sub = (text: string, v: number) => text.replaceAll('${{ matrix.shard }}', String(v));

    const steps: Step[] = shardJob.steps;
    const command = steps.find((s) => s.run !== undefined && simWords(s.run).length > 0)!.run!;
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    const download: Step = mergeJob.steps.find((s: Step) => s.uses?.startsWith('actions/download-artifact'));
    const into = String(download.with!.path);
    const pattern = new RegExp(`^${String(download.with!.pattern).replace('*', '.*')}$`);
    for (const v of values) {
      const words = simWords(sub(command, v));
      expect(words.slice(0, 3)).toEqual(['sweep', 'scenarios/memory-sweep.yaml', '--shard']);
      expect(words[3]).toBe(`${v}/${values.length}`);
      await runSim(words, cwd);
      // upload-artifact, then download-artifact into one sub-folder per artifact.
      const name = sub(String(upload.with!.name), v);
      expect(name).toMatch(pattern);
      cpSync(path.join(cwd, sub(String(upload.with!.path), v)), path.join(cwd, into, name), { recursive: true });
    }
    const mergeLine = (mergeJob.steps as Step[]).find((s) => s.run !== undefined && simWords(s.run)[0] === 'merge')!.run!;
    const mergeWords = simWords(mergeLine).flatMap((w) => expandGlob(w, cwd));
    expect(mergeWords.filter((w) => w.startsWith(`${into}/`))).toHaveLength(values.length);
    const out = mergeWords[mergeWords.indexOf('--out') + 1];
    await runSim(mergeWords, cwd);
    // The job summary step reads the merged sweep.md.
    const summary = (mergeJob.steps as Step[]).find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'))!.run!;
    expect(summary).toContain(`${out}/sweep.md`);
    expectSameSweep(path.join(cwd, out), await oneMachine(simWords(sub(command, 1)), cwd));
  });
});

describe('docs/examples/kubernetes-indexed-job.yaml', () => {
  it('runs a pod per completion index with --shard auto/N, and the merge Job writes the one-machine sweep', async () => {
    const docs = parseAllDocuments(readFileSync(path.join(EXAMPLES, 'kubernetes-indexed-job.yaml'), 'utf8')).map((d) => d.toJS());
    const jobs = docs.filter((d) => d.kind === 'Job');
    const indexed = jobs.find((j) => j.spec.completionMode === 'Indexed');
    const merge = jobs.find((j) => j !== indexed);
    const completions: number = indexed.spec.completions;
    const cwd = folderWithScenario();
    // The volumes: /results (the shared claim) and /scenarios (the ConfigMap) as folders of the test.
    mkdirSync(path.join(cwd, 'results'));
    const local = (word: string) => word.replace(/^\/(results|scenarios)(?=\/|$)/, (_, dir: string) => path.join(cwd, dir));

    const container = indexed.spec.template.spec.containers[0];
    expect(container.command[0]).toBe('sim');
    const words: string[] = container.command.slice(1);
    expect(words.slice(0, 2)).toEqual(['sweep', '/scenarios/memory-sweep.yaml']);
    expect(words[words.indexOf('--shard') + 1]).toBe(`auto/${completions}`);
    for (let index = 0; index < completions; index++) {
      await runSim(words.map(local), local(container.workingDir), { JOB_COMPLETION_INDEX: String(index) });
    }
    // The initContainer waits for exactly the shard.json files the shards wrote.
    const wait: string = merge.spec.template.spec.initContainers[0].command.join(' ');
    const m = /for i in ([\d ]+); do until \[ -f (\S+) \]/.exec(wait)!;
    expect(m[1].trim().split(' ').map(Number)).toEqual(Array.from({ length: completions }, (_, i) => i + 1));
    for (const i of m[1].trim().split(' ')) expect(existsSync(local(m[2].replace('$i', i)))).toBe(true);

    const mergeContainer = merge.spec.template.spec.containers[0];
    expect(mergeContainer.command.slice(0, 2)).toEqual(['sim', 'merge']);
    const mergeWords: string[] = mergeContainer.command.slice(1).map(local);
    const mergeCwd = local(mergeContainer.workingDir);
    await runSim(mergeWords, mergeCwd);
    const out = path.resolve(mergeCwd, mergeWords[mergeWords.indexOf('--out') + 1]);
    expectSameSweep(out, await oneMachine(words.map(local), cwd));
  });
});
