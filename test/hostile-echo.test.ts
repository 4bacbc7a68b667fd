/**
 * Issue #20, groups 2 and 8 (arguments): what an error line echoes from input is short and escaped
 * (no file echoed beyond an excerpt, no control character reaching the terminal), and a repeated
 * single-valued option or an empty --out is refused with one line, exit 2.
 */
import { describe, expect, it } from 'vitest';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';

const SECRET = `SECRET_TOKEN=${'s'.repeat(300)}`;

describe('echoed input', () => {
  it('shows a few short header cells of a data file, never the whole header', async () => {
    const header = `A=1\u0000B=2\u001b[2J\u0000${SECRET},${Array.from({ length: 30 }, (_, i) => `c${i}`).join(',')}`;
    const dir = hostileDir({
      'env.csv': `${header}\n1,2\n`,
      'emp.yaml': 'name: e\nduration: 1s\nfunctions:\n  api: { duration: { dist: empirical, file: env.csv, column: nope } }\n',
    });
    const r = await hostile(['validate', 'emp.yaml'], dir);
    expectOneLine(r, /env\.csv:1: expected one of the columns "A=1\\0B=2\\x1b\[2J\\0SECRET_TOKEN=s+\.\.\.", "c0", .*\.\.\. \(31 columns\), found no column "nope"/);
    expect(r.stderr).not.toContain('s'.repeat(60));
    expect(r.stderr.length).toBeLessThan(400);
  });

  it('escapes control characters in keys', async () => {
    const dir = hostileDir({ 'key.yaml': 'name: e\nduration: 1s\nfunctions:\n  "a\\e[2Jb\\rc": { duration: 1ms }\n' });
    const r = await hostile(['validate', 'key.yaml'], dir);
    expectOneLine(r, /functions\.a\\x1b\[2Jb\\rc: expected a function name/);
  });

  it('bounds a very long value and escapes a bidi override in it', async () => {
    const r = await hostile(['validate', 'tiny.yaml', '--set', `functions.api.runtime=\u202e${'x'.repeat(5000)}`]);
    expectOneLine(r, /\\u202e/);
    expect(r.stderr.length).toBeLessThan(700);
  });

  it('escapes an argument yargs echoes', async () => {
    const r = await hostile(['validate', 'tiny.yaml', '--seed', '1\u001b[31m']);
    expectOneLine(r, /Unknown argument|--seed/);
  });
});

describe('arguments', () => {
  it.each([
    [['run', 'tiny.yaml', '--seed', '1', '--seed', '2'], /--seed given 2 times \("1", "2"\): give it once/],
    [['run', 'tiny.yaml', '--out', 'a', '--out', 'b'], /--out given 2 times \("a", "b"\): give it once/],
    [['run', 'tiny.yaml', '--out', ''], /--out: expected a folder name, found an empty string/],
    [['run', 'tiny.yaml', '--out', '  '], /--out: expected a folder name, found an empty string/],
    [['sweep', 'tiny.yaml', '--workers', '1', '--workers', '2'], /--workers given 2 times/],
    [['compare', 'tiny.yaml', '--replications', '1', '--replications', '2'], /--replications given 2 times/],
  ])('refuses %j', async (args, pattern) => {
    expectOneLine(await hostile(args), pattern);
  });
});
