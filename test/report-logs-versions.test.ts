/**
 * Logs of a function with versions: each version instance writes `logs/<fn>.v<N>.log` (no colon:
 * upload-artifact and Windows refuse one) and its START lines say `Version: N`, as AWS prints them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simInProcess, tempDir } from './helpers/cli.js';

const SCENARIO = `name: v
seed: 1
duration: 10s
functions:
  api:
    duration: 20ms
    versions: { "1": {}, "2": {} }
    aliases: { live: { version: "1", weights: { "2": 0.5 } } }
workloads:
  - { function: "api:live", arrivals: { process: constant, rate: 10/s } }
  - { function: api, arrivals: { process: constant, rate: 1/s } }
reports: { formats: [json, logs] }
`;

describe('logs of versions', () => {
  it('one file per instance with a safe name, START lines naming the version', async () => {
    const dir = tempDir({ 'v.yaml': SCENARIO });
    const r = await simInProcess(['run', 'v.yaml', '--quiet', '--out', 'o'], dir);
    expect(r.stderr).toBe('');
    const logs = path.join(dir, 'o', 'logs');
    expect(readdirSync(logs).sort()).toEqual(['api.log', 'api.v1.log', 'api.v2.log']);
    const version = (file: string) => new Set([...readFileSync(path.join(logs, file), 'utf8').matchAll(/START RequestId: \S+\tVersion: (\S+)/g)].map((m) => m[1]));
    expect(version('api.log')).toEqual(new Set(['$LATEST']));
    expect(version('api.v1.log')).toEqual(new Set(['1']));
    expect(version('api.v2.log')).toEqual(new Set(['2']));
  });
});
