/**
 * Issue #20, group 7: silent data loss. A trace row whose time does not exist or is not finite is
 * refused with its line (the first bad row), never dropped; an all-invalid trace is refused.
 */
import { describe, it } from 'vitest';
import { expectOneLine, hostile, hostileDir } from './helpers/hostile.js';

const traceScenario = `name: t
duration: 1m
functions:
  api: { duration: 10ms }
workloads:
  - function: api
    arrivals: { process: trace, file: trace.csv, format: timestamps }
`;

async function refuse(csv: string, pattern: RegExp): Promise<void> {
  expectOneLine(await hostile(['validate', 't.yaml'], hostileDir({ 't.yaml': traceScenario, 'trace.csv': csv })), pattern);
}

describe('trace timestamps', () => {
  it('refuses a date that does not exist, naming its line', () =>
    refuse('time\n2024-05-01T12:00:00Z\n2024-05-01T12:00:01Z\n2024-13-45T99:00:00Z\n2024-05-01T12:00:02Z\n', /trace\.csv:4: expected an ISO-8601 time .* found "2024-13-45T99:00:00Z"/));

  it('refuses a day that rolls over (February 30)', () => refuse('2024-02-28T00:00:00Z\n2024-02-30T00:00:00Z\n', /trace\.csv:2: .*found "2024-02-30T00:00:00Z"/));

  it('refuses an all-invalid trace at its first row', () => refuse('2024-13-45T99:00:00Z\n2024-14-45T99:00:00Z\n', /trace\.csv:1: .*found "2024-13-45T99:00:00Z"/));

  it('refuses seconds that overflow to Infinity', () => refuse('0\n1\n1e400\n', /trace\.csv:3: expected seconds from the start .* found "1e400"/));
});
