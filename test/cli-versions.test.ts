/** What `sim validate` and summary.txt say of versions and aliases. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, simInProcess, tempDir } from './helpers/cli.js';

describe('versions and aliases in the CLI', () => {
  it('validate counts a function with versions once, with its versions and aliases', async () => {
    const r = await simInProcess(['validate', path.join(ROOT, 'scenarios', 'weighted-alias.yaml')], ROOT);
    expect(r.stdout).toMatch(/ok \(weighted-alias: 1 function \(2 versions, 1 alias\), 1 workload\)/);
  });

  it("summary.txt has a line for an alias's own async event queue", async () => {
    const dir = tempDir({
      'a.yaml': [
        'name: a',
        'duration: 10s',
        'functions:',
        '  api: {duration: 20ms, versions: {"1": {}}, aliases: {live: {version: 1}}}',
        'workloads:',
        '  - {function: "api:live", invocation: async, arrivals: {process: constant, rate: 5/s}}',
        'reports: {formats: [summary]}',
        '',
      ].join('\n'),
    });
    const r = await simInProcess(['run', 'a.yaml', '--quiet', '--out', 'o'], dir);
    expect(r.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'o', 'summary.txt'), 'utf8')).toMatch(/^  api:live async: received 50, succeeded 50, failed finally 0 \(0 to the DLQ, 0 to the onFailure destination, 0 dropped\)/m);
  });
});
