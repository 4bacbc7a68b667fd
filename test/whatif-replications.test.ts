/** `sim run --replications N` as a user runs it (the built CLI; npm test builds it first). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim, tempDir } from './helpers/cli.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';

/** The deterministic scenario with Poisson arrivals, so replications differ. */
const RANDOM = DETERMINISTIC.replace('constant, rate: 1/s', 'poisson, rate: 2/s').replace('duration: 10m', 'duration: 2m');
const read = (...parts: string[]): string => readFileSync(path.join(...parts), 'utf8');

describe('sim run --replications', () => {
  it('writes replication 1 as sim run does, the estimates beside it, the same bytes with 1 and 2 workers', () => {
    const dir = tempDir({ 'r.yaml': RANDOM });
    const single = sim(['run', 'r.yaml', '--quiet', '--out', 'one'], dir);
    const one = sim(['run', 'r.yaml', '--replications', '4', '--workers', '1', '--out', 'w1'], dir);
    const two = sim(['run', 'r.yaml', '--replications', '4', '--workers', '2', '--quiet', '--out', 'w2'], dir);
    expect(one.stderr).toBe('');
    expect([single.status, one.status, two.status]).toEqual([0, 0, 0]);
    // Replication 1 uses the scenario's seed: its reports are exactly sim run's.
    for (const f of ['summary.json', 'functions.csv', 'timeseries.csv']) expect(read(dir, 'w1', f)).toBe(read(dir, 'one', f));
    for (const f of ['replications.md', 'replications.json']) expect(read(dir, 'w2', f)).toBe(read(dir, 'w1', f));
    const md = read(dir, 'w1', 'replications.md');
    expect(one.stdout).toContain(md);
    expect(md).toMatch(/^## det: 4 replications \(seeds derived from seed 3\)/);
    expect(md).toMatch(/- ✅ holds: `api.latency.p99 < 1200ms` \(\d[\d,.]* ± \d/);
    expect(md).toContain('Expect lines are judged on the 95% interval of the mean over replications');
    const json = JSON.parse(read(dir, 'w1', 'replications.json'));
    expect(json.seeds).toHaveLength(4);
    expect(json.seeds[0]).toBe(3);
    expect(json.meetsAllExpect).toBe(true);
    expect(json.functions.api.cost.ci95).toBeGreaterThan(0); // Poisson arrivals: the count varies
  });

  it('exits 1 when an expect line fails on its interval, and refuses a bad count with exit 2', () => {
    const dir = tempDir({ 'r.yaml': RANDOM.replace('p99 < 1200ms', 'p99 < 900ms') });
    const r = sim(['run', 'r.yaml', '--replications', '3', '--workers', '1', '--quiet', '--out', 'o'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/does not hold on its 95% interval over 3 replications/);
    expect(read(dir, 'o', 'replications.md')).toMatch(/❌ broken: `api.latency.p99 < 900ms`/);
    const bad = sim(['run', 'r.yaml', '--replications', '0'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--replications: expected a whole number from 1 to 1000/);
  });
});
