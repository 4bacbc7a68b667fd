/**
 * `dependencies:` (downstream databases and tables) and a function's `uses:` (docs/front-doors.md
 * "Downstream dependencies"). The model is src/model/dependency-*.ts.
 *
 * Sources of the defaults:
 * - acquireTimeout without a proxy: none, the invocation waits until its own timeout; drivers'
 *   pools wait without limit by default (node-postgres `connectionTimeoutMillis` 0 = no timeout,
 *   https://node-postgres.com/apis/pool).
 * - acquireTimeout with a proxy: 120 s, RDS Proxy's default ConnectionBorrowTimeout
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-connections.html).
 * - a table's burst: one second of calls (burst = rate). An assumption: DynamoDB may keep up to
 *   300 s of unused capacity for bursts (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html).
 * - hold: whole (a connection opened per invocation, or one kept per environment and busy for it);
 *   onExhausted: wait; calls: 1; onThrottled: error (what the application sees once the SDK's own
 *   retries are spent).
 */
import { z } from 'zod';
import type { DependencyInput, DependencyUseInput } from '../model/input.js';
import { US_PER_SECOND } from '../kernel/time.js';
import { customIssue, durationField, enumField, intField, listChoices, numberField, rateField, strictObject } from './fields.js';
import { didYouMean } from './suggest.js';

const PROXY_BORROW_TIMEOUT_US = 120 * US_PER_SECOND;

const NAME_EXPECTED = 'a dependency name of 1 to 100 letters, digits, hyphens or underscores';
const dependencyName = z.string({ error: NAME_EXPECTED }).regex(/^(?!\d+$)[A-Za-z0-9_-]{1,100}$/, { error: NAME_EXPECTED });

const databaseSchema = strictObject(
  {
    type: z.literal('database'),
    connections: intField(1).describe('The connection limit left for the functions (max_connections less what others hold).'),
    acquireTimeout: durationField({ min: 0 })
      .optional()
      .describe('How long an invocation waits for a connection before it fails. Default: no limit (the function\'s timeout ends the wait); 120s with a proxy.'),
    proxy: strictObject(
      { connections: intField(1).describe('Database connections the proxy may open (its MaxConnectionsPercent of the limit).') },
      { expected: 'a proxy such as {connections: 20}' },
    )
      .optional()
      .describe('RDS Proxy in front: invocations borrow one of its connections for their hold.'),
  },
  { expected: 'a database such as {type: database, connections: 100}' },
).transform(
  (d): DependencyInput => ({
    type: 'database',
    connections: d.connections,
    ...(d.acquireTimeout !== undefined ? { acquireTimeout: d.acquireTimeout } : d.proxy !== undefined ? { acquireTimeout: PROXY_BORROW_TIMEOUT_US } : {}),
    ...(d.proxy !== undefined ? { proxy: d.proxy } : {}),
  }),
);

const WHOLE_RATE = 'a whole number of calls per second such as 1000/s';
const tableSchema = strictObject(
  {
    type: z.literal('table'),
    rate: rateField().describe('Calls per second the table admits (a whole number per second), e.g. 1000/s.'),
    burst: intField(1).optional().describe('Calls that may arrive at once after a quiet spell. Default: one second of calls (= rate).'),
  },
  { expected: 'a table such as {type: table, rate: 1000/s}' },
)
  .superRefine((t, ctx) => {
    if (!Number.isInteger(t.rate)) ctx.issues.push(customIssue(WHOLE_RATE, `${t.rate}/s`, {}, ['rate']));
  })
  .transform((t): DependencyInput => ({ type: 'table', rate: t.rate, burst: t.burst ?? t.rate }));

const dependencySchema = z
  .discriminatedUnion('type', [databaseSchema, tableSchema], { error: 'a dependency with type database or table' })
  .describe('A downstream dependency: a database (connection limit) or a table (request-rate limit).');

export const dependenciesSchema = z
  .record(dependencyName, dependencySchema, { error: 'a mapping of dependency names to dependencies' })
  .optional()
  .describe('Downstream databases and tables by name; a function names the ones it uses in uses.');

const useSchema = strictObject(
  {
    dependency: z.string({ error: 'the name of a dependency under dependencies' }).describe('A key of dependencies.'),
    hold: z
      .union([z.literal('whole'), numberField(0, 1, true)], { error: 'whole or a share of the duration greater than 0 and at most 1' })
      .default('whole')
      .describe('Database: how long a connection is held from the handler\'s start: whole (default) or a share of the drawn duration (0.3).'),
    onExhausted: enumField(['wait', 'error']).default('wait').describe('Database: wait for a free connection (up to acquireTimeout; default) or fail at once.'),
    calls: intField(1).default(1).describe('Table: calls per invocation, made when the handler starts. Default 1.'),
    onThrottled: enumField(['error', 'wait'])
      .default('error')
      .describe('Table: a throttled call fails the invocation (default), or waits for its turn (the SDK retries; the invocation runs longer).'),
  },
  { expected: 'a use such as {dependency: orders-db}' },
).transform(
  (u): DependencyUseInput => ({
    dependency: u.dependency,
    hold: u.hold === 'whole' ? 1 : u.hold,
    onExhausted: u.onExhausted,
    calls: u.calls,
    onThrottled: u.onThrottled,
  }),
);

export const usesField = z
  .array(useSchema, { error: 'a list of uses such as [{dependency: orders-db}]' })
  .optional()
  .describe('Downstream dependencies the handler uses (at most one database and one table). Default: none.');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each `uses` entry names a dependency of the scenario; a function uses at most one database and one table. */
export function checkDependencies(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(value) || !isRecord(value.functions)) return;
  const deps = isRecord(value.dependencies) ? value.dependencies : {};
  const names = Object.keys(deps);
  for (const [fn, config] of Object.entries(value.functions)) {
    if (!isRecord(config) || !Array.isArray(config.uses)) continue;
    const seen = new Set<string>();
    config.uses.forEach((u, i) => {
      if (!isRecord(u) || typeof u.dependency !== 'string') return;
      const path = ['functions', fn, 'uses', i, 'dependency'];
      const dep = Object.hasOwn(deps, u.dependency) ? deps[u.dependency] : undefined;
      if (dep === undefined) {
        const expected = names.length === 0 ? 'a dependency under dependencies (the scenario has none)' : `a dependency under dependencies (${listChoices(names)})`;
        ctx.issues.push(customIssue(expected, u.dependency, { hint: didYouMean(u.dependency, names) }, path));
        return;
      }
      const type = isRecord(dep) && typeof dep.type === 'string' ? dep.type : '';
      if (seen.has(type)) {
        ctx.issues.push(customIssue(`at most one ${type} per function`, u.dependency, { reason: `a function may use one database and one table; ${fn} names a second ${type}` }, path));
      }
      seen.add(type);
    });
  }
}
