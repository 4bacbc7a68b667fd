/**
 * The `template:` key and `sim import`: intrinsic functions resolve statically, the scenario's own
 * values win (and the report says so), errors point into the template, and a compare of two
 * template versions runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.js';
import { importTemplate } from '../src/scenario/template/import-template.js';
import { parseTemplate } from '../src/scenario/template/template-file.js';
import { runScenario } from '../src/run/run.js';
import { ROOT, simInProcess, tempDir } from './helpers/cli.js';
import { thrown, yaml } from './helpers/scenario-error.js';

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const imported = (text: string, parameters?: Record<string, string>) => importTemplate(parseTemplate(text, 'template.yaml'), { parameters });

/** A SAM template that uses each static intrinsic function once. */
const INTRINSICS = yaml(
  'Transform: AWS::Serverless-2016-10-31',
  'Parameters:',
  '  Stage: { Type: String, Default: dev }',
  '  Memory: { Type: Number, Default: 256 }',
  '  SharedQueueArn: { Type: String }',
  'Mappings:',
  '  Sizes:',
  '    dev: { Reserved: 5 }',
  '    prod: { Reserved: 50 }',
  'Conditions:',
  '  IsProd: !Equals [!Ref Stage, prod]',
  '  NotProd: !Not [!Condition IsProd]',
  '  Either: !Or [!Condition IsProd, !Condition NotProd]',
  'Resources:',
  '  Api:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      MemorySize: !Ref Memory',
  '      Timeout: !Select [1, !Split [",", "3,15,30"]]',
  '      Runtime: !Join ["", [python, "3.12"]]',
  '      ReservedConcurrentExecutions: !FindInMap [Sizes, !Ref Stage, Reserved]',
  '      ProvisionedConcurrencyConfig: !If [IsProd, {ProvisionedConcurrentExecutions: 20}, !Ref AWS::NoValue]',
  '      EphemeralStorage: { Size: !If [Either, 1024, 512] }',
  '      FunctionName: !Sub "${Stage}-api-${AWS::Region}"',
  '      Events:',
  '        Shared: { Type: SQS, Properties: { Queue: !Ref SharedQueueArn } }',
  '        Nightly: { Type: Schedule, Properties: { Schedule: "cron(0 2 * * ? *)" } }',
  '  ProdOnly:',
  '    Type: AWS::SQS::Queue',
  '    Condition: IsProd',
  '  Other:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      MemorySize: !ImportValue shared-memory',
);

describe('intrinsic functions resolve statically', () => {
  it('Parameters (Default), Mappings, Conditions, !If / AWS::NoValue, !Select, !Split, !Join', () => {
    const t = imported(INTRINSICS);
    expect(plain(t.functions.Api)).toEqual({ runtime: 'python3.12', memorySize: 256, reservedConcurrency: 5, timeout: '15s', ephemeralStorage: 1024 });
    expect(Object.keys(t.queues)).not.toContain('ProdOnly');
    expect(t.notes.map((n) => n.text)).toContain('template template.yaml: resources left out by their Condition: ProdOnly (IsProd is false)');
  });

  it('--parameter wins over Default and flips the conditions', () => {
    const t = imported(INTRINSICS, { Stage: 'prod', Memory: '2048' });
    expect(plain(t.functions.Api)).toMatchObject({ memorySize: 2048, reservedConcurrency: 50, provisionedConcurrency: 20 });
    expect(Object.keys(t.queues)).toContain('ProdOnly');
  });

  it('what only a deployment knows is one note naming the value and the default kept', () => {
    const notes = imported(INTRINSICS).notes.map((n) => n.text);
    expect(notes).toContain(
      "template template.yaml: Resources.Other.Properties.MemorySize is !ImportValue shared-memory, which is not known before deployment; functions.Other.memorySize keeps the scenario's default",
    );
    expect(notes).toContain(
      "template template.yaml: Resources.Api.Properties.Events.Shared.Properties.Queue is parameter SharedQueueArn (no Default), which is not known before deployment; it is simulated as queue ApiSharedQueue with the scenario's defaults",
    );
  });

  it('a schedule is a trigger (a commented workload), never imported traffic', () => {
    expect(imported(INTRINSICS).triggers).toContainEqual({
      origin: 'Api.Events.Nightly', type: 'Schedule', target: { function: 'Api' }, invocation: 'async', schedule: 'cron(0 2 * * ? *)',
    });
  });

  it('an unknown ! tag is an error at its place; nothing is executed', () => {
    const e = thrown(() => imported(yaml('Resources:', '  F:', '    Type: AWS::Lambda::Function', '    Properties: { MemorySize: !Eval "1+1" }')));
    expect(e.format()).toBe('template.yaml:4:37: Resources.F.Properties.MemorySize: expected a CloudFormation intrinsic tag such as !Ref, !GetAtt or !Sub, found !Eval');
  });
});

describe('CloudFormation (JSON) resources', () => {
  const json = JSON.stringify({
    Resources: {
      constructor: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'ingest', MemorySize: '1024', Timeout: 60, Runtime: 'java21', PackageType: 'Zip', SnapStart: { ApplyOn: 'PublishedVersions' } } },
      toString: { Type: 'AWS::Lambda::Function', Properties: { PackageType: 'Image', Architectures: ['arm64'], Layers: ['arn:aws:lambda:us-east-1:1:layer:x:1'] } },
      Clicks: { Type: 'AWS::Kinesis::Stream', Properties: { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: 'ingest', EventSourceArn: { 'Fn::GetAtt': ['Clicks', 'Arn'] }, BatchSize: 500, ParallelizationFactor: 4, StartingPosition: 'AT_TIMESTAMP' },
      },
      Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'constructor' }, FunctionVersion: '1', Name: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 3 } } },
      Retries: { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: { Ref: 'toString' }, Qualifier: '$LATEST', MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 120 } },
      Bucket: { Type: 'AWS::S3::Bucket' },
    },
  });

  it('read into prototype-free maps: logical ids such as constructor and toString are plain names', () => {
    const t = imported(json);
    expect(plain(t.functions)).toEqual({
      constructor: { runtime: 'java21', memorySize: 1024, timeout: '60s', packageType: 'zip', provisionedConcurrency: 3 },
      toString: { architecture: 'arm64', packageType: 'image', asyncConfig: { maximumRetryAttempts: 0, maximumEventAge: '120s' } },
    });
    expect(plain(t.streams)).toEqual({ Clicks: { type: 'kinesis' } });
    expect(plain(t.eventSourceMappings)).toEqual([{ source: 'Clicks', function: 'constructor', batchSize: 500, parallelizationFactor: 4 }]);
  });

  it('lists versions, SnapStart and layers as not simulated, S3 as not read', () => {
    const notes = imported(json).notes.map((n) => n.text);
    expect(notes).toContain('template template.yaml: not imported: SnapStart (constructor); the simulator models it: add the function\'s `snapStart:` to the scenario (docs/model.md)');
    expect(notes).toContain('template template.yaml: imported but not simulated yet: layers (toString)');
    expect(notes).toContain('template template.yaml: not imported: versions and aliases (provisioned concurrency is applied to the function as a whole) (Live); the simulator models it: add the function\'s `versions:` and `aliases:` to the scenario (docs/deployments.md)');
    expect(notes).toContain('template template.yaml: resource types the import does not read: AWS::S3::Bucket (Bucket)');
    expect(notes).toContain("template template.yaml: stream Clicks is on-demand: its shard count changes with traffic; streams.Clicks.shards keeps the scenario's default (1)");
  });
});

/** A scenario folder with a template and a scenario that names it. */
function project(template: string, scenario: string[]): string {
  return tempDir({ 'template.yaml': template, 'scenario.yaml': yaml(...scenario) });
}

const SMALL = yaml(
  'Resources:',
  '  Api:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      MemorySize: 512',
  '      Timeout: 10',
  '      ReservedConcurrentExecutions: 40',
);

describe('template: in a scenario', () => {
  it('the scenario adds what the template cannot say; its own values win, and the report says which', async () => {
    const dir = project(SMALL, ['name: s', 'duration: 1m', 'template: ./template.yaml', 'functions:', '  Api: { duration: 50ms, memorySize: 1024 }',
      'workloads: [{ function: Api, arrivals: { process: poisson, rate: 5/s } }]']);
    const scenario = loadScenario(path.join(dir, 'scenario.yaml'));
    expect(scenario.functions.Api).toMatchObject({ memorySize: 1024, timeout: 10_000_000, reservedConcurrency: 40 });
    const { summary } = await runScenario(scenario);
    expect(summary.notes[0]).toMatch(/^template \S*template\.yaml: imported 1 function$/);
    expect(summary.notes[1]).toMatch(/^template \S*template\.yaml: the scenario overrides functions\.Api\.memorySize \(template: 512\)$/);
  });

  it('--set template=... swaps the template (the compare of two template versions)', () => {
    const dir = project(SMALL, ['name: s', 'duration: 1m', 'template: ./template.yaml', 'functions: { Api: { duration: 50ms } }']);
    writeFileSync(path.join(dir, 'pr.yaml'), SMALL.replace('MemorySize: 512', 'MemorySize: 2048'));
    expect(loadScenario(path.join(dir, 'scenario.yaml'), { overrides: ['template=./pr.yaml'] }).functions.Api.memorySize).toBe(2048);
  });

  it('a bad imported value is an error in the template, with the scenario key it became', () => {
    const dir = project(SMALL.replace('MemorySize: 512', 'MemorySize: 20000'), ['name: s', 'duration: 1m', 'template: ./template.yaml', 'functions: { Api: { duration: 50ms } }']);
    const e = thrown(() => loadScenario(path.join(dir, 'scenario.yaml')));
    expect(e.format()).toMatch(/template\.yaml:5:19: Resources\.Api\.Properties\.MemorySize: expected a whole number of MB from 128 to 10240, found 20000 \(imported as functions\.Api\.memorySize\)$/);
  });

  it('a scenario name that is a near miss of the template\'s: a hint on the error, a note when it runs', async () => {
    const typo = project(SMALL, ['name: s', 'duration: 1m', 'template: ./template.yaml', 'functions: { Apy: { duration: 50ms } }']);
    expect(thrown(() => loadScenario(path.join(typo, 'scenario.yaml'))).format()).toMatch(
      /add functions\.Api\.duration to the scenario; a template does not say how long the code runs; functions\.Apy is not in the template: a typo of Api\?\)$/,
    );
    const both = project(SMALL, ['name: s', 'duration: 1m', 'template: ./template.yaml', 'functions: { Api: { duration: 50ms }, Apx: { duration: 50ms } }']);
    const { summary } = await runScenario(loadScenario(path.join(both, 'scenario.yaml')));
    // Api is written too, so Apx is not offered Api: it is a function of its own, without a note.
    expect(summary.notes.some((n) => n.includes('Apx'))).toBe(false);
  });

  it('a missing duration stays an error of the scenario, with a hint', () => {
    const dir = project(SMALL, ['name: s', 'duration: 1m', 'template: ./template.yaml']);
    const e = thrown(() => loadScenario(path.join(dir, 'scenario.yaml')));
    expect(e.format()).toMatch(/^.*scenario\.yaml:1:1: functions\.Api\.duration: expected .*, found nothing \(functions\.Api comes from .*template\.yaml \(Resources\.Api\): add functions\.Api\.duration to the scenario; a template does not say how long the code runs\)$/);
  });

  it('a missing template file is an error at the template key', () => {
    const dir = tempDir({ 'scenario.yaml': yaml('name: s', 'duration: 1m', 'template: ./nope.yaml', 'functions: { f: { duration: 1s } }') });
    const e = thrown(() => loadScenario(path.join(dir, 'scenario.yaml')));
    expect(e.format()).toMatch(/scenario\.yaml:3:11: template: expected a readable SAM or CloudFormation template, found no file at this path \(.*nope\.yaml\)$/);
  });

  it('a template value that cannot mean anything points at its line', () => {
    const dir = project(SMALL.replace('Timeout: 10', 'Timeout: ten'), ['name: s', 'duration: 1m', 'template: ./template.yaml']);
    expect(thrown(() => loadScenario(path.join(dir, 'scenario.yaml'))).format()).toMatch(/template\.yaml:6:16: Resources\.Api\.Properties\.Timeout: expected a whole number, found ten$/);
  });
});

describe('sim import and the sam-app example', () => {
  it('prints a starting scenario that validates, with a commented workload per trigger', async () => {
    const dir = tempDir();
    const r = await simInProcess(['import', path.join(ROOT, 'scenarios', 'sam-app', 'template.yaml'), '--parameter', 'Stage=dev'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('    memorySize: 512\n    reservedConcurrency: 10\n');
    expect(r.stdout).toContain('#    queue: OrdersQueue');
    expect(r.stdout).toContain('#    function: ApiFunction\n#    via: ServerlessHttpApi');
    expect(r.stdout).toContain('apiGateways:\n  ServerlessHttpApi:\n    type: http\n');
    writeFileSync(path.join(dir, 'started.yaml'), r.stdout);
    expect((await simInProcess(['validate', 'started.yaml'], dir)).status).toBe(0);
    // Uncommenting the workloads gives a scenario that runs: the API Gateway workload goes through the API.
    const uncommented = r.stdout.replace('workloads: []\n', 'workloads:\n').replace(/^#(  - |    )/gm, '$1');
    writeFileSync(path.join(dir, 'uncommented.yaml'), uncommented);
    expect((await simInProcess(['validate', 'uncommented.yaml'], dir)).stderr).toBe('');
  });

  it('exits 2 with the template position for a broken template', async () => {
    const dir = tempDir({ 't.yaml': yaml('Resources:', '  A:', '    Type: AWS::SQS::Queue', '  A:', '    Type: AWS::SQS::Queue') });
    const r = await simInProcess(['import', 't.yaml'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sim: t.yaml:4:3: Resources.A: expected each key at most once in a mapping, found "A" a second time\n');
  });

  it('maps VpcConfig to vpc: true, an HttpApi event to an API in front of the function, an SNS event to a topic', () => {
    const t = imported(
      yaml(
        'Resources:', '  Fn:', '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12',
        '      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }',
        '      Events:', '        Get: { Type: HttpApi, Properties: { Path: /x, Method: get } }',
        '        Rest: { Type: Api, Properties: { RestApiId: !Ref Public, Path: /y, Method: post } }',
        '        Paid: { Type: SNS, Properties: { Topic: !Ref Orders } }',
        '  Public: { Type: AWS::Serverless::Api, Properties: { StageName: prod } }',
        '  Orders: { Type: AWS::SNS::Topic }',
        '  Audit: { Type: AWS::SQS::Queue }',
        '  Receipts:', '    Type: AWS::SNS::Topic', '    Properties:', '      Subscription: [{ Protocol: sqs, Endpoint: !GetAtt Audit.Arn }]',
      ),
    );
    expect(plain(t.functions)).toEqual({ Fn: { runtime: 'python3.12', vpc: true } });
    expect(plain(t.apiGateways)).toEqual({ ServerlessHttpApi: { type: 'http' }, Public: { type: 'rest' } });
    expect(plain(t.topics)).toEqual({ Orders: { functions: ['Fn'], queues: [] }, Receipts: { functions: [], queues: ['Audit'] } });
    expect(t.triggers.map((x) => [x.origin, x.via, x.target])).toEqual([
      ['Fn.Events.Get', 'ServerlessHttpApi', { function: 'Fn' }],
      ['Fn.Events.Rest', 'Public', { function: 'Fn' }],
      ['Fn.Events.Paid', undefined, { topic: 'Orders' }],
    ]);
  });

  it('refuses a --parameter outside AllowedValues, and a misspelt parameter name with a did-you-mean', async () => {
    const text = yaml('Parameters:', '  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod] }', 'Resources:', '  Fn:', '    Type: AWS::Serverless::Function', '    Properties: { Runtime: python3.12 }');
    expect(thrown(() => imported(text, { Stage: 'qa' })).format()).toBe(
      'template.yaml:2:55: Parameters.Stage.AllowedValues: expected one of the AllowedValues of Stage (dev, prod), found "qa" in --parameter',
    );
    expect(thrown(() => imported(text, { Stag: 'dev' })).format()).toBe(
      'template.yaml:2:3: Parameters: expected a parameter of the template (Stage), found Stag in --parameter (did you mean "Stage"?)',
    );
    expect(plain(imported(text, { Stage: 'prod' }).functions)).toEqual({ Fn: { runtime: 'python3.12' } });
  });

  it('refuses a near miss of a property it reads (it would be dropped silently), in Globals too; leaves other properties alone', () => {
    const fn = (extra: string) => yaml('Resources:', '  Fn:', '    Type: AWS::Serverless::Function', '    Properties:', '      Handler: app.handler', '      CodeUri: src/', `      ${extra}`);
    expect(thrown(() => imported(fn('ReservedConcurrentExecution: 50'))).format()).toBe(
      'template.yaml:7:7: Resources.Fn.Properties.ReservedConcurrentExecution: expected a property of a Lambda function, found ReservedConcurrentExecution (did you mean "ReservedConcurrentExecutions"?)',
    );
    expect(thrown(() => imported(yaml('Globals:', '  Function:', '    MemmorySize: 512', 'Resources: {}'))).format()).toMatch(
      /^template\.yaml:3:5: Globals\.Function\.MemmorySize: .*did you mean "MemorySize"/,
    );
    expect(plain(imported(fn('Tracing: Active')).functions)).toEqual({ Fn: {} });
  });

  it('refuses what the scenario format refuses, pointing into the template, instead of printing a scenario that fails later', async () => {
    const template = (memory: number, batch: number) =>
      yaml(
        'Globals:', '  Function:', '    Runtime: python3.12', `    MemorySize: ${memory}`,
        'Resources:', '  Worker:', '    Type: AWS::Serverless::Function', '    Properties:', '      Handler: app.handler',
        '      Events:', '        Q:', '          Type: SQS', '          Properties:', '            Queue: !GetAtt Jobs.Arn', `            BatchSize: ${batch}`,
        '  Jobs:', '    Type: AWS::SQS::Queue',
      );
    const memory = await simInProcess(['import', 't.yaml'], tempDir({ 't.yaml': template(20000, 10) }));
    expect(memory.status).toBe(2);
    expect(memory.stdout).toBe('');
    expect(memory.stderr).toBe('sim: t.yaml:4:17: Globals.Function.MemorySize: expected a whole number of MB from 128 to 10240, found 20000 (imported as functions.Worker.memorySize)\n');
    const batch = await simInProcess(['import', 't.yaml'], tempDir({ 't.yaml': template(512, 50000) }));
    expect(batch.status).toBe(2);
    expect(batch.stderr).toMatch(/^sim: t\.yaml:15:24: Resources\.Worker\.Properties\.Events\.Q\.Properties\.BatchSize: expected an integer from 1 to 10000, found 50000/);
  });

  it('compares the example template with its pull request into compare.md', async () => {
    const out = tempDir();
    const r = await simInProcess(['compare', path.join(ROOT, 'scenarios', 'sam-app.yaml'), '--set', 'template=./sam-app/template-pr.yaml', '--workers', '1', '--out', out, '--quiet'], out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = readFileSync(path.join(out, 'compare.md'), 'utf8');
    expect(md).toContain('--set template=./sam-app/template-pr.yaml');
    // The reservation drop (60 -> 25) throttles the API; the worker's doubled memory costs more.
    expect(md).toMatch(/\| ApiFunction \| cost \|[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*\n\|  \| throttles \| 0 \| [1-9][\d,]* \|/);
    expect(md).toMatch(/\| WorkerFunction \| cost \| [\d.]+ \| [\d.]+ \| \+/);
    expect(existsSync(path.join(out, 'compare.json'))).toBe(true);
  });
});
