/** What `sim validate` and summary.txt say of versions and aliases. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, simInProcess } from './helpers/cli.js';

describe('versions and aliases in the CLI', () => {
  it('validate counts a function with versions once, with its versions and aliases', async () => {
    const r = await simInProcess(['validate', path.join(ROOT, 'scenarios', 'weighted-alias.yaml')], ROOT);
    expect(r.stdout).toMatch(/ok \(weighted-alias: 1 function \(2 versions, 1 alias\), 1 workload\)/);
  });

});
