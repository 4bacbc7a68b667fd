/** A bad sweep dimension is reported where the user wrote it: the `sweep.vary` key (file:line:column) or the `--vary` option. */
import { describe, expect, it } from 'vitest';
import { simInProcess, tempDir } from './helpers/cli.js';
import { DETERMINISTIC } from './helpers/whatif-fixtures.js';

const withVary = (vary: string): string => `${DETERMINISTIC}sweep:\n  vary:\n    ${vary}\n`;

describe('sweep.vary in the scenario', () => {
  it('sim validate refuses a misspelt key path at its line and column, with a did-you-mean (sim run ignores the block)', async () => {
    const dir = tempDir({ 's.yaml': withVary('functions.api.memorySise: [512, 1024]') });
    const line = withVary('').split('\n').length - 1; // the vary key is on the last line
    const validate = await simInProcess(['validate', 's.yaml'], dir);
    expect(validate.status).toBe(2);
    expect(validate.stderr).toBe(`sim: s.yaml:${line}:5: sweep.vary.functions.api.memorySise: expected a known key, found memorySise (did you mean "memorySize"?)\n`);
    const sweep = await simInProcess(['sweep', 's.yaml', '--quiet'], dir);
    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toBe(validate.stderr);
    expect(sweep.stderr).not.toContain('--set');
  });

  it('points at a bad value in the list, and says a range over 10,000 values is too long', async () => {
    const dir = tempDir({ 'v.yaml': withVary('functions.api.memorySize: [512, 99999]'), 'r.yaml': withVary('functions.api.memorySize: 128..10128 step 1') });
    const line = withVary('').split('\n').length - 1;
    expect((await simInProcess(['validate', 'v.yaml'], dir)).stderr).toBe(
      `sim: v.yaml:${line}:37: sweep.vary.functions.api.memorySize: expected a whole number of MB from 128 to 10240, found 99999\n`,
    );
    expect((await simInProcess(['validate', 'r.yaml'], dir)).stderr).toMatch(/^sim: r\.yaml:\d+:31: sweep\.vary\.functions\.api\.memorySize: expected at most 10,000 values .*found 10,001 values in "128\.\.10128 step 1"\n$/);
  });
});

describe('--vary on the command line', () => {
  it('names an unknown function as such, with the scenario\'s function to suggest', async () => {
    const dir = tempDir({ 's.yaml': DETERMINISTIC });
    const r = await simInProcess(['sweep', 's.yaml', '--vary', 'functions.nope.memorySize=512,1024'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sim: --vary functions.nope.memorySize=512,1024: functions.nope: expected a function the scenario defines (api), found "nope", which does not exist (did you mean "api"?)\n');
  });

  it('names the --vary option (not a --set) for a misspelt key', async () => {
    const dir = tempDir({ 's.yaml': DETERMINISTIC });
    const r = await simInProcess(['sweep', 's.yaml', '--vary', 'functions.api.memorySise=512,1024'], dir);
    expect(r.stderr).toBe('sim: --vary functions.api.memorySise=512,1024: functions.api.memorySise: expected a known key, found memorySise (did you mean "memorySize"?)\n');
  });
});
