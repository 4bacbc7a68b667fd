/**
 * The project's own fixture templates (test/fixtures/templates/README.md), imported value by value:
 * each expected value below was read off the template by hand.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTemplate, type ImportedTemplate } from '../src/scenario/template/import-template.js';
import { readTemplate } from '../src/scenario/template/template-file.js';
import { ROOT } from './helpers/cli.js';

const dir = path.join(ROOT, 'test', 'fixtures', 'templates');
const load = (name: string, parameters?: Record<string, string>): ImportedTemplate =>
  importTemplate(readTemplate(path.join(dir, name), name), { parameters });
/** Plain copies (the importer's maps have no prototype, which toEqual would notice). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const notes = (t: ImportedTemplate): string[] => t.notes.map((n) => n.text);

describe('order-events-sqs (SQS queue and SQS event)', () => {
  const t = load('order-events-sqs.yaml');

  it('imports the function: MemorySize 256, Timeout 15; nodejs24.x is stood in for by nodejs22.x', () => {
    expect(plain(t.functions)).toEqual({ OrderEventsHandler: { runtime: 'nodejs22.x', memorySize: 256, timeout: '15s' } });
  });

  it('imports the queue (VisibilityTimeout 90) and the mapping: BatchSize 25, a 2 s window (!GetAtt OrderEventsQueue.Arn)', () => {
    expect(plain(t.queues)).toEqual({ OrderEventsQueue: { visibilityTimeout: '90s' } });
    expect(plain(t.eventSourceMappings)).toEqual([
      { source: 'OrderEventsQueue', function: 'OrderEventsHandler', batchSize: 25, maximumBatchingWindow: '2s' },
    ]);
  });

  it('lists the trigger for a commented workload; the notes say what it imported, then the runtime stand-in', () => {
    expect(t.triggers).toEqual([{ origin: 'OrderEventsHandler.Events.IncomingOrderEvents', type: 'SQS', target: { queue: 'OrderEventsQueue' } }]);
    expect(notes(t)).toEqual([
      'template order-events-sqs.yaml: imported 1 function, 1 queue, 1 event source mapping',
      "template order-events-sqs.yaml: OrderEventsHandler's runtime nodejs24.x has no INIT times in the simulator; the newest of its family it knows, nodejs22.x, stands in",
    ]);
  });

  it('remembers where each value came from', () => {
    expect(t.origins.get('functions.OrderEventsHandler.memorySize')).toEqual(['Resources', 'OrderEventsHandler', 'Properties', 'MemorySize']);
    expect(t.origins.get('queues.OrderEventsQueue.visibilityTimeout')).toEqual(['Resources', 'OrderEventsQueue', 'Properties', 'VisibilityTimeout']);
    expect(t.origins.get('eventSourceMappings.0.batchSize')).toEqual([
      'Resources', 'OrderEventsHandler', 'Properties', 'Events', 'IncomingOrderEvents', 'Properties', 'BatchSize',
    ]);
  });
});

describe('payments-fifo-api (parameters, FIFO, redrive, API and SNS)', () => {
  const file = 'payments-fifo-api.yaml';
  const t = load(file);

  it('imports both FIFO queues: VisibilityTimeout 120, the redrive to the parking queue after ReceiveLimit (4) receives', () => {
    expect(plain(t.queues)).toEqual({
      PaymentsIntakeQueue: { type: 'fifo', visibilityTimeout: '120s', deadLetterQueue: 'PaymentsParkingQueue', maxReceiveCount: 4 },
      PaymentsParkingQueue: { type: 'fifo' },
    });
  });

  it('imports the function with the parameter defaults (python3.14 -> python3.13, WorkerMemory 384; staging: no reserved concurrency) and its SQS mapping', () => {
    expect(plain(t.functions)).toEqual({ SettlementWorker: { runtime: 'python3.13', memorySize: 384 } });
    expect(plain(t.eventSourceMappings)).toEqual([{ source: 'PaymentsIntakeQueue', function: 'SettlementWorker' }]);
  });

  it('names the value no default decides, what it does not simulate and what it does not read, one note each', () => {
    const f = `template ${file}`;
    expect(notes(t)).toEqual([
      `${f}: imported 1 function, 2 queues, 1 event source mapping`,
      `${f}: FIFO queue PaymentsIntakeQueue: how many message groups producers use is not in a template; queues.PaymentsIntakeQueue.messageGroups keeps the scenario's default (1)`,
      `${f}: FIFO queue PaymentsParkingQueue: how many message groups producers use is not in a template; queues.PaymentsParkingQueue.messageGroups keeps the scenario's default (1)`,
      `${f}: SettlementWorker's runtime python3.14 has no INIT times in the simulator; the newest of its family it knows, python3.13, stands in`,
      `${f}: Resources.SettlementWorker.Properties.Timeout is parameter SettlementTimeoutSeconds (no Default), which is not known before deployment; functions.SettlementWorker.timeout keeps the scenario's default`,
      `${f}: SNS topic PaymentReceiptsTopic has no subscriber the import can read (a function's SNS event, a lambda or sqs Subscription), so it is not simulated`,
      `${f}: API PaymentsHttpApi has no function's Api or HttpApi event behind it (its integrations are not read), so it is not simulated`,
      `${f}: resource types the import does not read: AWS::IAM::Role (IntakeApiRole)`,
    ]);
  });

  it('takes --parameter values over the defaults: memory, timeout, the redrive count, and production turns on reserved concurrency', () => {
    const p = load(file, { EnvName: 'production', WorkerMemory: '768', SettlementTimeoutSeconds: '40', ReceiveLimit: '6' });
    expect(plain(p.functions)).toEqual({ SettlementWorker: { runtime: 'python3.13', memorySize: 768, timeout: '40s', reservedConcurrency: 20 } });
    expect(plain(p.queues)).toMatchObject({ PaymentsIntakeQueue: { maxReceiveCount: 6 } });
    expect(notes(p).some((n) => n.includes('not known before deployment'))).toBe(false);
  });

  it('refuses a --parameter the template does not declare, pointing at Parameters', () => {
    expect(() => load(file, { Environment: 'x' })).toThrow(
      /^payments-fifo-api\.yaml:8:3: Parameters: expected a parameter of the template \(EnvName, IntakeQueueName, ReceiveLimit, WorkerMemory, SettlementTimeoutSeconds\), found Environment in --parameter$/,
    );
  });
});

describe('clickstream-kinesis (Kinesis stream and event, on-failure queue)', () => {
  const t = load('clickstream-kinesis.yaml');

  it('imports the stream: ShardCount 4, RetentionPeriodHours 48', () => {
    expect(plain(t.streams)).toEqual({ ClickstreamStream: { type: 'kinesis', shards: 4, retention: '48h' } });
  });

  it('imports the function: python3.12, MemorySize 512, Timeout 60', () => {
    expect(plain(t.functions)).toEqual({ ClickAggregator: { runtime: 'python3.12', memorySize: 512, timeout: '60s' } });
  });

  it('imports the mapping: BatchSize 200, factor 2, 3 retries, 7200 s record age, bisect, LATEST, failures to RejectedClicksQueue', () => {
    expect(plain(t.eventSourceMappings)).toEqual([{
      source: 'ClickstreamStream', function: 'ClickAggregator', batchSize: 200, parallelizationFactor: 2, maximumRetryAttempts: 3,
      maximumRecordAge: '7200s', bisectBatchOnFunctionError: true, startingPosition: 'LATEST', onFailure: 'RejectedClicksQueue',
    }]);
    expect(plain(t.queues)).toEqual({ RejectedClicksQueue: {} });
    expect(t.triggers).toEqual([{ origin: 'ClickAggregator.Events.ClickBatches', type: 'stream', target: { stream: 'ClickstreamStream' } }]);
    expect(notes(t)).toEqual([
      'template clickstream-kinesis.yaml: imported 1 function, 1 queue, 1 stream, 1 event source mapping',
      'template clickstream-kinesis.yaml: resource types the import does not read: AWS::CloudWatch::Alarm (ClickAggregatorErrors)',
    ]);
  });
});

describe('invoice-destinations (Globals, EventInvokeConfig destinations, alias and canary)', () => {
  const file = 'invoice-destinations.yaml';
  const t = load(file);

  it('gives both functions the Globals (nodejs20.x, arm64, 256 MB, 20 s) where they do not set their own', () => {
    expect(plain(t.functions)).toEqual({
      InvoiceRenderer: {
        runtime: 'nodejs20.x', memorySize: 256, timeout: '40s', architecture: 'arm64',
        asyncConfig: { maximumRetryAttempts: 1, maximumEventAge: '900s', onSuccess: 'InvoiceMailer', onFailure: 'FailedInvoicesQueue' },
      },
      InvoiceMailer: { runtime: 'nodejs20.x', memorySize: 128, timeout: '20s', architecture: 'arm64' },
    });
    expect(t.origins.get('functions.InvoiceMailer.timeout')).toEqual(['Globals', 'Function', 'Timeout']);
    expect(t.origins.get('functions.InvoiceMailer.memorySize')).toEqual(['Resources', 'InvoiceMailer', 'Properties', 'MemorySize']);
    expect(t.origins.get('functions.InvoiceRenderer.asyncConfig.onFailure')).toEqual([
      'Resources', 'InvoiceRenderer', 'Properties', 'EventInvokeConfig', 'DestinationConfig', 'OnFailure', 'Destination',
    ]);
  });

  it('imports the failure queue; the alias and canary are not simulated, the queue policy is not read', () => {
    const f = `template ${file}`;
    expect(plain(t.queues)).toEqual({ FailedInvoicesQueue: { visibilityTimeout: '60s' } });
    expect(t.triggers).toEqual([]);
    expect(notes(t)).toEqual([
      `${f}: imported 2 functions, 1 queue`,
      `${f}: not imported: versions and aliases (provisioned concurrency is applied to the function as a whole) (InvoiceRenderer); the simulator models it: add the function's \`versions:\` and \`aliases:\` to the scenario (docs/deployments.md)`,
      `${f}: not imported: gradual deployments (DeploymentPreference) (InvoiceRenderer); the simulator models it: add the function's \`deployments:\` (strategy, alarms, hooks) to the scenario (docs/deployments.md)`,
      `${f}: resource types the import does not read: AWS::SQS::QueuePolicy (FailedInvoicesQueueAccess)`,
    ]);
  });
});

describe('inventory-stream.json (JSON, long-form intrinsics, table stream, SAM event and a plain mapping)', () => {
  const file = 'inventory-stream.json';
  const t = load(file);

  it('imports the table stream and both functions (Fn::FindInMap gives the notifier 1024 MB and 45 s)', () => {
    expect(plain(t.streams)).toEqual({ InventoryTable: { type: 'dynamodb' } });
    expect(plain(t.functions)).toEqual({
      StockLevelProjector: { runtime: 'nodejs22.x', memorySize: 192, timeout: '30s' },
      RestockNotifier: { runtime: 'java21', memorySize: 1024, timeout: '45s', architecture: 'arm64', reservedConcurrency: 5 },
    });
  });

  it('imports the SAM event and the EventSourceMapping resource, both on the table stream (Fn::GetAtt StreamArn)', () => {
    expect(plain(t.eventSourceMappings)).toEqual([
      { source: 'InventoryTable', function: 'StockLevelProjector', batchSize: 50, maximumRetryAttempts: 2, startingPosition: 'TRIM_HORIZON' },
      { source: 'InventoryTable', function: 'RestockNotifier', batchSize: 20, maximumBatchingWindow: '5s', startingPosition: 'LATEST' },
    ]);
    expect(t.triggers).toEqual([
      { origin: 'StockLevelProjector.Events.StockChanges', type: 'stream', target: { stream: 'InventoryTable' } },
      { origin: 'RestockNotifierStockMapping', type: 'stream', target: { stream: 'InventoryTable' } },
    ]);
  });

  it('notes the shard count it cannot know, the filter it does not simulate and the role it does not read', () => {
    const f = `template ${file}`;
    expect(notes(t)).toEqual([
      `${f}: imported 2 functions, 1 stream, 2 event source mappings`,
      `${f}: DynamoDB stream InventoryTable: its shard count follows the table's partitions, which a template does not state; streams.InventoryTable.shards keeps the scenario's default (1)`,
      `${f}: imported but not simulated yet: event filtering (FilterCriteria) (RestockNotifierStockMapping)`,
      `${f}: resource types the import does not read: AWS::IAM::Role (RestockNotifierRole)`,
    ]);
  });

  it('remembers where each value came from', () => {
    expect(t.origins.get('functions.RestockNotifier.memorySize')).toEqual(['Resources', 'RestockNotifier', 'Properties', 'MemorySize']);
    expect(t.origins.get('eventSourceMappings.0')).toEqual(['Resources', 'StockLevelProjector', 'Properties', 'Events', 'StockChanges']);
    expect(t.origins.get('eventSourceMappings.1')).toEqual(['Resources', 'RestockNotifierStockMapping']);
    expect(t.origins.get('eventSourceMappings.1.batchSize')).toEqual(['Resources', 'RestockNotifierStockMapping', 'Properties', 'BatchSize']);
  });
});
