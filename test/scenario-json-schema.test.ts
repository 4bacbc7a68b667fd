import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../src/scenario/json-schema.js';
import { DURATION_PATTERN, RATE_PATTERN } from '../src/scenario/units.js';

type Json = Record<string, any>;
const schema = scenarioJsonSchema() as Json;

describe('the JSON Schema of the scenario format', () => {
  it('serialises, with $schema, title and description first', () => {
    const text = JSON.stringify(schema);
    expect(JSON.parse(text)).toStrictEqual(schema);
    expect(Object.keys(schema).slice(0, 3)).toStrictEqual(['$schema', 'title', 'description']);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('lambda-sim scenario');
  });

  it('describes the scenario as written: required keys and no unknown keys', () => {
    expect(schema.type).toBe('object');
    expect(schema.required).toStrictEqual(['name', 'duration', 'functions']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('has every top-level property of the foundation subset', () => {
    expect(Object.keys(schema.properties)).toStrictEqual([
      'name', 'description', 'seed', 'duration', 'warmup', 'region', 'account', 'billing', 'functions', 'workloads', 'queues', 'streams', 'topics', 'buckets', 'buses', 'eventSourceMappings', 'apiGateways', 'dependencies', 'cloudfront', 'reports', 'expect', 'sweep', 'breakEven', 'template',
    ]);
    expect(Object.keys(schema.properties.account.properties)).toStrictEqual(['concurrencyLimit', 'unreservedMinimum', 'scaling', 'apiGatewayThrottle']);
    expect(Object.keys(schema.properties.billing.properties)).toStrictEqual(['granularity', 'freeTier', 'billInit', 'prices']);
    expect(Object.keys(schema.properties.reports.properties)).toStrictEqual(['dir', 'formats', 'timeseries']);
  });

  it('has every function property, with defaults as a user writes them', () => {
    const fn = schema.properties.functions.additionalProperties;
    expect(Object.keys(fn.properties)).toStrictEqual([
      'runtime', 'architecture', 'memorySize', 'ephemeralStorage', 'timeout', 'duration', 'cpuBound', 'durationMemorySize',
      'init', 'packageType', 'initMultiplier', 'memoryUsed', 'threads', 'serviceOverhead', 'errorRate', 'keepAlive', 'maxLifetime', 'reservedConcurrency',
      'provisionedConcurrency', 'prewarm', 'asyncConfig', 'environmentSelection',
      'initErrorRate', 'initFails', 'initErrorType', 'packageSize', 'unzippedSize', 'layers', 'vpc', 'vpcMode', 'uses', 'snapStart', 'versions', 'aliases', 'deployments', 'updates',
    ]);
    expect(fn.properties.cpuBound).toMatchObject({ type: 'number', minimum: 0, maximum: 1, default: 0 });
    expect(fn.properties.packageType).toMatchObject({ enum: ['zip', 'image'], default: 'zip' });
    expect(fn.properties.initMultiplier).toMatchObject({ type: 'number', default: 1 });
    expect(fn.properties.threads).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(fn.required).toStrictEqual(['duration']);
    expect(fn.additionalProperties).toBe(false);
    expect(fn.properties.memorySize).toMatchObject({ type: 'integer', minimum: 128, maximum: 10240, default: 128 });
    expect(fn.properties.timeout).toMatchObject({ type: 'string', pattern: DURATION_PATTERN, default: '3s' });
    expect(fn.properties.keepAlive.default).toBe('10m');
    expect(fn.properties.maxLifetime.default).toBe('2h');
    expect(schema.properties.functions.propertyNames.pattern).toBe('^[A-Za-z0-9_-]{1,64}$');
  });

  it('shows durations and rates as strings with a pattern and a description', () => {
    expect(schema.properties.duration).toMatchObject({ type: 'string', pattern: DURATION_PATTERN });
    expect(typeof schema.properties.duration.description).toBe('string');
    const arrivals = schema.properties.workloads.items.properties.arrivals.oneOf;
    expect(arrivals.map((o: Json) => o.properties.process.const)).toStrictEqual(['constant', 'poisson', 'burst', 'schedule', 'trace']);
    expect(arrivals[1].properties.rate).toMatchObject({ type: 'string', pattern: RATE_PATTERN });
    expect(typeof arrivals[1].properties.rate.description).toBe('string');
  });

  it('offers a duration or one of the distributions wherever a time is drawn', () => {
    const duration = schema.properties.functions.additionalProperties.properties.duration;
    expect(duration.anyOf[0]).toMatchObject({ type: 'string', pattern: DURATION_PATTERN });
    expect(duration.anyOf[1].oneOf.map((o: Json) => o.properties.dist.const)).toStrictEqual([
      'constant', 'uniform', 'exponential', 'normal', 'lognormal', 'gamma', 'empirical', 'percentiles', 'mixture',
    ]);
  });

  it('has every workload property', () => {
    const workload = schema.properties.workloads.items;
    expect(Object.keys(workload.properties)).toStrictEqual(['name', 'function', 'queue', 'stream', 'partitionKeys', 'topic', 'bucket', 'bus', 'invocation', 'payloadSize', 'start', 'end', 'arrivals', 'clientRetries', 'via']);
    expect(workload.required).toStrictEqual(['arrivals']);
  });

  it('its duration pattern accepts what the loader accepts and refuses a bare number', () => {
    const re = new RegExp(DURATION_PATTERN);
    for (const ok of ['250ms', '1.5s', '15m', '2h', '1d', '500us', '0s', '250 ms', '1e3ms']) expect(re.test(ok), ok).toBe(true);
    for (const bad of ['250', 'ms', '5sec', '-1s']) expect(re.test(bad), bad).toBe(false);
  });
});

describe('reports.dir is described as the code resolves it (issue 11, point 10)', () => {
  it('says the folder is relative to the scenario file, as reportDir() does', () => {
    expect(schema.properties.reports.properties.dir.description).toMatch(/relative to the folder of the scenario file/);
  });
});
