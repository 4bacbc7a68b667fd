/**
 * SAM / CloudFormation template -> the scenario's configuration sections (functions, queues,
 * streams, eventSourceMappings), each value with the template path it came from. Traffic is not
 * imported: a template's triggers are listed (sim import prints one commented workload each).
 *
 * The mapping table is in docs/import.md. A value a deployment would decide (an import from another
 * stack, a parameter without default) is left out, so the scenario's default applies, and named in
 * one note; a feature the simulator does not model yet is named in one note per feature; a resource
 * type the import does not read is listed. Only a value that cannot mean anything (MemorySize:
 * big) is an error, and it points into the template.
 */
import { DEFAULTS, LIMITS } from '../defaults.js';
import { LAMBDA_RUNTIMES } from '../runtimes.js';
import { emptyMap, templateError, type TemplateFile } from './template-file.js';
import { evaluateCondition, NO_VALUE, resolveValue, ResourceRef, Unresolved, type ResolveContext } from './intrinsics.js';
import { didYouMean } from '../suggest.js';
import { quoteInput } from '../errors.js';

type Path = (string | number)[];
type Fields = Record<string, unknown>;

/** A remark for the report; `about` is the scenario path it concerns (dropped when the scenario sets that path). */
export interface TemplateNote {
  text: string;
  about?: string;
}

/** A trigger the template declares: the traffic a workload of the scenario stands for. */
export interface Trigger {
  /** `<function>.Events.<name>` or the resource's logical id. */
  origin: string;
  /** What the event is: SQS, Schedule, Api, ... */
  type: string;
  /** The workload's target: a function, a queue or stream (for mappings), or an SNS topic. */
  target: { function: string } | { queue: string } | { stream: string } | { topic: string };
  /** The API Gateway API in front of the function (a workload's `via`). */
  via?: string;
  invocation?: 'sync' | 'async';
  /** An EventBridge schedule expression, when the trigger is a schedule. */
  schedule?: string;
  /** Why it is not simulated as such (API Gateway, SNS, S3), if so. */
  notSimulated?: string;
}

/** What {@link importTemplate} returns. */
export interface ImportedTemplate {
  template: TemplateFile;
  functions: Record<string, Fields>;
  queues: Record<string, Fields>;
  streams: Record<string, Fields>;
  eventSourceMappings: Fields[];
  apiGateways: Record<string, Fields>;
  topics: Record<string, Fields>;
  /** Dotted scenario path -> template path, for every imported value (and each function, queue, stream, mapping). */
  origins: Map<string, Path>;
  notes: TemplateNote[];
  triggers: Trigger[];
}

/** Options of {@link importTemplate}. */
export interface ImportOptions {
  /** `--parameter Name=Value` (or the scenario's `template.parameters`): wins over a parameter's Default. */
  parameters?: Record<string, string>;
  /** The scenario's region, for `AWS::Region`. */
  region?: string;
  /** Names the origin of the parameters in errors (`--parameter`, `template.parameters`). */
  parametersOrigin?: string;
}

/** The function properties the import reads (a near miss of one of these is a typo). */
const FUNCTION_PROPERTIES_READ = [
  'Architectures', 'AutoPublishAlias', 'DeadLetterQueue', 'DeploymentPreference', 'EphemeralStorage', 'EventInvokeConfig',
  'Events', 'FunctionUrlConfig', 'Layers', 'MemorySize', 'PackageType', 'ProvisionedConcurrencyConfig',
  'ReservedConcurrentExecutions', 'Runtime', 'SnapStart', 'Timeout', 'VpcConfig',
];

/**
 * Every property of AWS::Serverless::Function and AWS::Lambda::Function (SAM specification and the
 * CloudFormation resource reference), read or not: none of these is a typo.
 */
const FUNCTION_PROPERTIES: ReadonlySet<string> = new Set([
  ...FUNCTION_PROPERTIES_READ,
  'AssumeRolePolicyDocument', 'AutoPublishAliasAllProperties', 'AutoPublishCodeSha256', 'CapacityProviderConfig', 'Code',
  'CodeSigningConfigArn', 'CodeUri', 'Description', 'DurableConfig', 'Environment', 'FileSystemConfigs', 'FunctionName',
  'FunctionScalingConfig', 'Handler', 'ImageConfig', 'ImageUri', 'InlineCode', 'KmsKeyArn', 'LoggingConfig',
  'PermissionsBoundary', 'Policies', 'PropagateTags', 'RecursiveLoop', 'Role', 'RolePath', 'RuntimeManagementConfig',
  'SourceKMSKeyArn', 'Tags', 'TenancyConfig', 'Tracing', 'TracingConfig', 'VersionDeletionPolicy', 'VersionDescription',
]);

/**
 * Features the simulator models but the import does not map yet: the scenario adds them itself,
 * and the note says with which keys.
 */
/** Features the simulator models but the import does not map yet. */
const VERSIONS = 'versions and aliases (provisioned concurrency is applied to the function as a whole)';
const DEPLOYMENTS = 'gradual deployments (DeploymentPreference)';
const SCENARIO_ONLY: Record<string, { add: string; doc: string }> = {
  'API Gateway': { add: '`apiGateways:` and a workload\'s `via:`', doc: 'docs/front-doors.md' },
  'SNS topics': { add: '`topics:` and a workload\'s `topic:`', doc: 'docs/front-doors.md' },
  [VERSIONS]: { add: 'the function\'s `versions:` and `aliases:`', doc: 'docs/deployments.md' },
  [DEPLOYMENTS]: { add: 'the function\'s `deployments:` (strategy, alarms, hooks)', doc: 'docs/deployments.md' },
  SnapStart: { add: 'the function\'s `snapStart:`', doc: 'docs/model.md' },
};

/** Resource types the simulator reads, and the features it does not model yet (one note each). */
const NOT_SIMULATED: Record<string, string> = {
  'AWS::Serverless::LayerVersion': 'layers',
  'AWS::Lambda::LayerVersion': 'layers',
  'AWS::Lambda::Url': 'function URLs',
};

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof ResourceRef) && !(v instanceof Unresolved);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The newest runtime of the same family the simulator knows (python3.14 -> python3.13), if any. */
function standIn(runtime: string): string | undefined {
  const family = /^[a-z]+/.exec(runtime)?.[0];
  const known = LAMBDA_RUNTIMES.filter((r) => /^[a-z]+/.exec(r)?.[0] === family);
  const version = (r: string): number[] => (r.match(/\d+/g) ?? []).map(Number);
  const newer = (a: string, b: string): boolean => {
    const [va, vb] = [version(a), version(b)];
    for (let i = 0; i < Math.max(va.length, vb.length); i++) if ((va[i] ?? 0) !== (vb[i] ?? 0)) return (va[i] ?? 0) > (vb[i] ?? 0);
    return false;
  };
  return known.reduce<string | undefined>((best, r) => (best === undefined || newer(r, best) ? r : best), undefined);
}

/** A name from an ARN or a physical name: its last part, in the characters scenario names allow. */
function nameFromArn(arn: string, max: number): string {
  const tail = arn.replace(/\/stream\/[^/]*$/, '').split(/[:/]/).filter((s) => s !== '').pop() ?? arn;
  return tail.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, max) || 'external';
}

/** Reads one template into scenario sections; one instance per import. */
class Importer {
  readonly functions = emptyMap<Fields>();
  readonly queues = emptyMap<Fields>();
  readonly streams = emptyMap<Fields>();
  readonly mappings: Fields[] = [];
  readonly apiGateways = emptyMap<Fields>();
  readonly topics = emptyMap<Fields>();
  readonly origins = new Map<string, Path>();
  readonly notes: TemplateNote[] = [];
  readonly triggers: Trigger[] = [];
  private readonly notSimulated = new Map<string, string[]>();
  private readonly unread: string[] = [];
  private readonly skipped: string[] = [];
  /** Resource type by logical id (only resources the template creates). */
  private readonly types = emptyMap<string>();
  /** Static FunctionName -> logical id, for mappings that name a function by its physical name. */
  private readonly physicalNames = emptyMap<string>();
  private readonly ctx: ResolveContext;
  private readonly globals: Fields;

  constructor(
    private readonly t: TemplateFile,
    options: ImportOptions,
  ) {
    const top = t.value;
    const section = (name: string): Fields => (isObject(top[name]) ? (top[name] as Fields) : emptyMap());
    this.ctx = {
      parameters: this.parameters(section('Parameters'), options),
      resources: section('Resources'),
      mappings: section('Mappings'),
      conditions: section('Conditions'),
      region: options.region ?? 'us-east-1',
    };
    const globals = section('Globals');
    const fn = resolveValue(globals.Function, this.ctx);
    this.globals = isObject(fn) ? fn : emptyMap();
  }

  /** Parameter values: `--parameter` wins over Default; neither gives an Unresolved value. */
  private parameters(declared: Fields, options: ImportOptions): Fields {
    const values = emptyMap();
    for (const [name, spec] of Object.entries(declared)) {
      const fallback = isObject(spec) && Object.hasOwn(spec, 'Default') ? spec.Default : new Unresolved(`parameter ${name} (no Default)`);
      values[name] = fallback;
    }
    for (const [name, value] of Object.entries(options.parameters ?? {})) {
      if (!Object.hasOwn(declared, name)) {
        const known = Object.keys(declared);
        throw templateError(this.t, ['Parameters'], {
          expected: known.length ? `a parameter of the template (${known.join(', ')})` : 'a parameter of the template (it declares none)',
          found: `${name} in ${options.parametersOrigin ?? '--parameter'}`,
          hint: didYouMean(name, known),
        });
      }
      // CloudFormation refuses a value outside AllowedValues at deploy time: so do we.
      const spec = declared[name];
      const allowed = isObject(spec) && Array.isArray(spec.AllowedValues) ? spec.AllowedValues.map(String) : undefined;
      if (allowed !== undefined && !allowed.includes(String(value))) {
        throw templateError(this.t, ['Parameters', name, 'AllowedValues'], {
          expected: `one of the AllowedValues of ${name} (${allowed.join(', ')})`,
          found: `${quoteInput(String(value))} in ${options.parametersOrigin ?? '--parameter'}`,
          hint: didYouMean(String(value), allowed),
        });
      }
      values[name] = value;
    }
    return values;
  }

  run(): void {
    this.checkPropertyNames(this.globals, ['Globals', 'Function']);
    const resources = this.t.value.Resources;
    if (!isObject(resources)) throw templateError(this.t, ['Resources'], { expected: 'a Resources mapping', found: resources === undefined ? 'nothing' : 'not a mapping' });
    const entries = Object.entries(resources);
    for (const [id, resource] of entries) {
      if (!/^[A-Za-z0-9]+$/.test(id)) {
        throw templateError(this.t, ['Resources', id], { expected: 'a logical id of letters and digits (CloudFormation\'s rule)', found: `"${id}"`, atKey: true });
      }
      if (!isObject(resource) || typeof resource.Type !== 'string') {
        throw templateError(this.t, ['Resources', id], { expected: 'a resource: a mapping with a Type', found: isObject(resource) ? 'no Type' : 'not a mapping' });
      }
      if (typeof resource.Condition === 'string') {
        const holds = evaluateCondition(resource.Condition, this.ctx);
        if (holds === false) {
          this.skipped.push(`${id} (${resource.Condition} is false)`);
          continue;
        }
        if (holds instanceof Unresolved) this.note(`${id}'s Condition ${resource.Condition} depends on ${holds.what}, which is not known before deployment; the resource was imported`);
      }
      this.types[id] = resource.Type;
      const props = isObject(resource.Properties) ? resource.Properties : emptyMap();
      if ((resource.Type === 'AWS::Serverless::Function' || resource.Type === 'AWS::Lambda::Function') && typeof props.FunctionName === 'string') {
        this.physicalNames[props.FunctionName] = id;
      }
    }
    // Queues and streams first: functions and mappings refer to them by name.
    for (const [id, resource] of entries) {
      if (!Object.hasOwn(this.types, id)) continue;
      const props = this.properties(resource);
      const base: Path = ['Resources', id, 'Properties'];
      switch (this.types[id]) {
        case 'AWS::SQS::Queue': this.queue(id, props, base); break;
        case 'AWS::Kinesis::Stream': this.kinesis(id, props, base); break;
        case 'AWS::DynamoDB::Table': if (props.StreamSpecification !== undefined) this.stream(id, 'dynamodb', ['Resources', id]); break;
        default: break;
      }
    }
    // Then functions (mappings, invoke configs and aliases name them), then the rest.
    for (const [id, resource] of entries) {
      const type = this.types[id];
      if (type === 'AWS::Serverless::Function' || type === 'AWS::Lambda::Function') {
        const props = this.properties(resource);
        this.fn(id, props, type === 'AWS::Serverless::Function');
      }
    }
    for (const [id, resource] of entries) {
      if (!Object.hasOwn(this.types, id)) continue;
      const type = this.types[id];
      const props = this.properties(resource);
      const base: Path = ['Resources', id, 'Properties'];
      switch (type) {
        case 'AWS::Lambda::EventSourceMapping': this.mappingResource(id, props, base); break;
        case 'AWS::Lambda::EventInvokeConfig': {
          const fn = this.functionOf(base, props.FunctionName, id);
          if (fn !== undefined) this.invokeConfig(fn, props, base);
          break;
        }
        case 'AWS::Lambda::Alias':
        case 'AWS::Lambda::Version': this.versionOrAlias(id, props, base); break;
        case 'AWS::Serverless::Api':
        case 'AWS::Serverless::HttpApi':
        case 'AWS::ApiGateway::RestApi':
        case 'AWS::ApiGatewayV2::Api':
          // Functions' Api and HttpApi events (read first) brought in the APIs with a function behind them.
          if (!Object.hasOwn(this.apiGateways, id)) {
            this.note(`API ${id} has no function's Api or HttpApi event behind it (its integrations are not read), so it is not simulated`);
          }
          break;
        case 'AWS::SNS::Topic': this.topicResource(id, props, base); break;
        case 'AWS::Serverless::Function':
        case 'AWS::Lambda::Function':
        case 'AWS::SQS::Queue':
        case 'AWS::Kinesis::Stream':
        case 'AWS::DynamoDB::Table': break;
        default:
          if (Object.hasOwn(NOT_SIMULATED, type)) this.notYet(NOT_SIMULATED[type], id);
          else this.unread.push(`${type} (${id})`);
      }
    }
  }

  /** A resource's Properties with every intrinsic function resolved (a nested `!If` may choose a whole mapping). */
  private properties(resource: unknown): Fields {
    const props = isObject(resource) ? resolveValue(resource.Properties, this.ctx) : undefined;
    return isObject(props) ? props : emptyMap();
  }

  /** The notes in their final order: values first, then features not simulated, unread types, skipped resources. */
  finalNotes(): TemplateNote[] {
    const t = this.t.file;
    const counts: [number, string][] = [
      [Object.keys(this.functions).length, 'function'],
      [Object.keys(this.queues).length, 'queue'],
      [Object.keys(this.streams).length, 'stream'],
      [this.mappings.length, 'event source mapping'],
      [Object.keys(this.apiGateways).length, 'API Gateway API'],
      [Object.keys(this.topics).length, 'SNS topic'],
    ];
    const summary = counts.filter(([n], i) => n > 0 || i === 0).map(([n, word]) => plural(n, word));
    return [
      { text: `template ${t}: imported ${summary.join(', ')}` },
      ...this.notes,
      ...[...this.notSimulated].map(([feature, where]) => {
        const add = SCENARIO_ONLY[feature];
        return add === undefined
          ? { text: `template ${t}: imported but not simulated yet: ${feature} (${where.join(', ')})` }
          : { text: `template ${t}: not imported: ${feature} (${where.join(', ')}); the simulator models it: add ${add.add} to the scenario (${add.doc})` };
      }),
      ...(this.unread.length ? [{ text: `template ${t}: resource types the import does not read: ${this.unread.join(', ')}` }] : []),
      ...(this.skipped.length ? [{ text: `template ${t}: resources left out by their Condition: ${this.skipped.join(', ')}` }] : []),
    ];
  }

  private note(text: string, about?: string): void {
    this.notes.push({ text: `template ${this.t.file}: ${text}`, about });
  }

  private notYet(feature: string, where: string): void {
    const list = this.notSimulated.get(feature) ?? [];
    if (!list.includes(where)) list.push(where);
    this.notSimulated.set(feature, list);
  }

  // --- reading values ------------------------------------------------------------------------

  /** The resolved value at `path`, or undefined (absent, AWS::NoValue, or unresolvable: then a note). */
  private read(path: Path, raw: unknown, about: string): unknown {
    if (raw === undefined) return undefined;
    const value = resolveValue(raw, this.ctx);
    if (value === NO_VALUE) return undefined;
    if (value instanceof Unresolved) {
      this.note(`${path.join('.')} is ${value.what}, which is not known before deployment; ${about} keeps the scenario's default`, about);
      return undefined;
    }
    return value;
  }

  /** A whole number (CloudFormation also accepts one written as text). */
  private int(path: Path, raw: unknown, about: string): number | undefined {
    const value = this.read(path, raw, about);
    if (value === undefined) return undefined;
    const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw templateError(this.t, path, { expected: 'a whole number', found: String(value) });
    return n;
  }

  private bool(path: Path, raw: unknown, about: string): boolean | undefined {
    const value = this.read(path, raw, about);
    if (value === undefined) return undefined;
    if (value === true || value === 'true' || value === 'True') return true;
    if (value === false || value === 'false' || value === 'False') return false;
    throw templateError(this.t, path, { expected: 'true or false', found: String(value) });
  }

  /** Record one imported value at `section.name.key...` with its origin. */
  private put(target: Fields, scenarioPath: string, key: string, value: unknown, origin: Path): void {
    if (value === undefined) return;
    target[key] = value;
    this.origins.set(`${scenarioPath}.${key}`, origin);
  }

  // --- queues and streams --------------------------------------------------------------------

  private queue(id: string, props: Fields, base: Path): void {
    const q = emptyMap();
    const at = `queues.${id}`;
    this.queues[id] = q;
    this.origins.set(at, ['Resources', id]);
    if (this.bool([...base, 'FifoQueue'], props.FifoQueue, `${at}.type`)) {
      this.put(q, at, 'type', 'fifo', [...base, 'FifoQueue']);
      this.note(`FIFO queue ${id}: how many message groups producers use is not in a template; queues.${id}.messageGroups keeps the scenario's default (1)`, `${at}.messageGroups`);
    }
    const visibility = this.int([...base, 'VisibilityTimeout'], props.VisibilityTimeout, `${at}.visibilityTimeout`);
    this.put(q, at, 'visibilityTimeout', visibility === undefined ? undefined : `${visibility}s`, [...base, 'VisibilityTimeout']);
    let redrive = this.read([...base, 'RedrivePolicy'], props.RedrivePolicy, `${at}.deadLetterQueue`);
    // The console and older templates write the policy as a JSON string.
    if (typeof redrive === 'string') {
      const text = redrive;
      try {
        redrive = resolveValue(JSON.parse(text), this.ctx);
      } catch {
        throw templateError(this.t, [...base, 'RedrivePolicy'], { expected: 'a RedrivePolicy mapping or JSON text', found: text });
      }
    }
    if (isObject(redrive)) {
      const path = [...base, 'RedrivePolicy'];
      const dlq = this.sourceName([...path, 'deadLetterTargetArn'], redrive.deadLetterTargetArn, 'queue', `${id}DeadLetter`);
      const count = this.int([...path, 'maxReceiveCount'], redrive.maxReceiveCount, `${at}.maxReceiveCount`);
      if (dlq !== undefined && count !== undefined) {
        this.put(q, at, 'deadLetterQueue', dlq, [...path, 'deadLetterTargetArn']);
        this.put(q, at, 'maxReceiveCount', count, [...path, 'maxReceiveCount']);
      }
    }
  }

  private kinesis(id: string, props: Fields, base: Path): void {
    const s = this.stream(id, 'kinesis', ['Resources', id]);
    const at = `streams.${id}`;
    const mode = this.read([...base, 'StreamModeDetails', 'StreamMode'], isObject(props.StreamModeDetails) ? props.StreamModeDetails.StreamMode : undefined, `${at}.shards`);
    const shards = this.int([...base, 'ShardCount'], props.ShardCount, `${at}.shards`);
    this.put(s, at, 'shards', shards, [...base, 'ShardCount']);
    if (shards === undefined && mode === 'ON_DEMAND') {
      this.note(`stream ${id} is on-demand: its shard count changes with traffic; ${at}.shards keeps the scenario's default (1)`, `${at}.shards`);
    }
    const hours = this.int([...base, 'RetentionPeriodHours'], props.RetentionPeriodHours, `${at}.retention`);
    this.put(s, at, 'retention', hours === undefined ? undefined : `${hours}h`, [...base, 'RetentionPeriodHours']);
  }

  private stream(name: string, type: 'kinesis' | 'dynamodb', origin: Path): Fields {
    const at = `streams.${name}`;
    const s = this.streams[name] ?? emptyMap();
    this.streams[name] = s;
    this.origins.set(at, origin);
    this.put(s, at, 'type', type, origin);
    if (type === 'dynamodb') {
      this.note(`DynamoDB stream ${name}: its shard count follows the table's partitions, which a template does not state; ${at}.shards keeps the scenario's default (1)`, `${at}.shards`);
    }
    return s;
  }

  /**
   * The scenario name of a queue or stream a value refers to: a template resource's logical id, or
   * for an ARN outside the template the ARN's last part (a queue or stream with defaults is added).
   */
  private sourceName(path: Path, raw: unknown, kind: 'queue' | 'kinesis' | 'dynamodb', fallback: string): string | undefined {
    const value = resolveValue(raw, this.ctx);
    if (value === undefined || value === NO_VALUE) return undefined;
    const expectedType = kind === 'queue' ? 'AWS::SQS::Queue' : kind === 'kinesis' ? 'AWS::Kinesis::Stream' : 'AWS::DynamoDB::Table';
    let name: string;
    if (value instanceof ResourceRef) {
      if (this.types[value.logicalId] !== expectedType) {
        throw templateError(this.t, path, { expected: `a reference to an ${expectedType}`, found: `${value.logicalId} (${this.types[value.logicalId]})` });
      }
      name = value.logicalId;
      if (kind === 'dynamodb' && !Object.hasOwn(this.streams, name)) this.stream(name, 'dynamodb', ['Resources', name]);
      return name;
    }
    if (typeof value === 'string') {
      name = nameFromArn(value, 80);
      this.note(`${path.join('.')} names ${kind === 'queue' ? 'a queue' : 'a stream'} outside the template (${value}); it is simulated as ${name} with the scenario's defaults`);
    } else {
      name = fallback;
      const what = value instanceof Unresolved ? value.what : 'a value that is not an ARN';
      this.note(`${path.join('.')} is ${what}, which is not known before deployment; it is simulated as ${kind === 'queue' ? 'queue' : 'stream'} ${name} with the scenario's defaults`);
    }
    if (kind === 'queue' && !Object.hasOwn(this.queues, name) && !Object.hasOwn(this.streams, name)) {
      this.queues[name] = emptyMap();
      this.origins.set(`queues.${name}`, path);
    } else if (kind !== 'queue' && !Object.hasOwn(this.streams, name) && !Object.hasOwn(this.queues, name)) {
      this.stream(name, kind, path);
    }
    return name;
  }

  /** The name of an async destination or DLQ: a logical id or an ARN's last part (any name is counted; queues receive). */
  private destinationName(path: Path, raw: unknown, about: string): string | undefined {
    const value = this.read(path, raw, about);
    if (value instanceof ResourceRef) return value.logicalId;
    if (typeof value === 'string') return nameFromArn(value, 80);
    return undefined;
  }

  // --- API Gateway and SNS ---------------------------------------------------------------------

  /** An API Gateway API (apiGateways.<id>): its type; throttles and timeouts stay the scenario's. */
  private api(id: string, type: 'rest' | 'http', origin: Path): void {
    if (Object.hasOwn(this.apiGateways, id)) return;
    const api = emptyMap();
    api.type = type;
    this.apiGateways[id] = api;
    this.origins.set(`apiGateways.${id}`, origin);
  }

  /** The topic an SNS event names: a topic of the template, or one outside it (by its ARN). */
  private topicName(path: Path, raw: unknown): string | undefined {
    const value = resolveValue(raw, this.ctx);
    if (value instanceof ResourceRef) {
      if (this.types[value.logicalId] !== 'AWS::SNS::Topic') {
        throw templateError(this.t, path, { expected: 'a reference to an AWS::SNS::Topic', found: `${value.logicalId} (${this.types[value.logicalId]})` });
      }
      return value.logicalId;
    }
    if (typeof value !== 'string') return undefined;
    const name = nameFromArn(value, 80);
    this.note(`${path.join('.')} names a topic outside the template (${value}); it is simulated as ${name}`);
    return name;
  }

  /** Add a subscriber to topics.<topic> (created on first use: a topic needs one to be simulated). */
  private subscribe(topic: string, kind: 'functions' | 'queues', name: string, origin: Path): void {
    let t = this.topics[topic];
    if (t === undefined) {
      t = emptyMap();
      t.functions = [];
      t.queues = [];
      this.topics[topic] = t;
      this.origins.set(`topics.${topic}`, origin);
    }
    const list = t[kind] as string[];
    if (!list.includes(name)) list.push(name);
  }

  /**
   * AWS::SNS::Topic's inline Subscription list: lambda and sqs endpoints of the template (functions'
   * SNS events, read first, may have subscribed already). A topic nobody reads is left out, with a note.
   */
  private topicResource(id: string, props: Fields, base: Path): void {
    const subs = Array.isArray(props.Subscription) ? props.Subscription : [];
    subs.forEach((sub, i) => {
      if (!isObject(sub)) return;
      const endpoint = sub.Endpoint;
      const kind = sub.Protocol === 'lambda' ? 'functions' : sub.Protocol === 'sqs' ? 'queues' : undefined;
      if (kind !== undefined && endpoint instanceof ResourceRef) this.subscribe(id, kind, endpoint.logicalId, [...base, 'Subscription', i]);
    });
    if (!Object.hasOwn(this.topics, id)) {
      this.note(`SNS topic ${id} has no subscriber the import can read (a function's SNS event, a lambda or sqs Subscription), so it is not simulated`);
    }
  }

  // --- functions -----------------------------------------------------------------------------

  /**
   * A misspelt property the import reads (`ReservedConcurrentExecution`) would be dropped without a
   * word, and the simulation would run without it; CloudFormation refuses it at deploy time. So do
   * we, with a did-you-mean. Other unknown names are left alone: the import reads only what it models.
   */
  private checkPropertyNames(props: Fields, at: Path): void {
    for (const key of Object.keys(props)) {
      if (FUNCTION_PROPERTIES.has(key)) continue;
      const hint = didYouMean(key, FUNCTION_PROPERTIES_READ);
      if (hint !== undefined) throw templateError(this.t, [...at, key], { expected: 'a property of a Lambda function', found: key, hint, atKey: true });
    }
  }

  /** A function property: the resource's own, else (SAM) the Globals one. */
  private prop(id: string, props: Fields, serverless: boolean, key: string): { raw: unknown; path: Path } {
    if (Object.hasOwn(props, key) || !serverless || !Object.hasOwn(this.globals, key)) return { raw: props[key], path: ['Resources', id, 'Properties', key] };
    return { raw: this.globals[key], path: ['Globals', 'Function', key] };
  }

  private fn(id: string, props: Fields, serverless: boolean): void {
    this.checkPropertyNames(props, ['Resources', id, 'Properties']);
    if (!LIMITS.functionName.test(id)) {
      throw templateError(this.t, ['Resources', id], { expected: 'a logical id of at most 64 characters for a function (it becomes the function name)', found: `${id.length} characters`, atKey: true });
    }
    const f = emptyMap();
    const at = `functions.${id}`;
    this.functions[id] = f;
    this.origins.set(at, ['Resources', id]);
    const p = (key: string) => this.prop(id, props, serverless, key);

    const runtime = p('Runtime');
    const rt = this.read(runtime.path, runtime.raw, `${at}.runtime`);
    if (typeof rt === 'string' && (LAMBDA_RUNTIMES as readonly string[]).includes(rt)) this.put(f, at, 'runtime', rt, runtime.path);
    else if (rt !== undefined) {
      const stand = standIn(String(rt));
      this.put(f, at, 'runtime', stand, runtime.path);
      this.note(
        stand === undefined
          ? `${id}'s runtime ${String(rt)} has no INIT times in the simulator; ${at}.runtime keeps the scenario's default (${DEFAULTS.function.runtime})`
          : `${id}'s runtime ${String(rt)} has no INIT times in the simulator; the newest of its family it knows, ${stand}, stands in`,
        `${at}.runtime`,
      );
    }

    for (const [key, target] of [['MemorySize', 'memorySize'], ['ReservedConcurrentExecutions', 'reservedConcurrency']] as const) {
      const { raw, path } = p(key);
      this.put(f, at, target, this.int(path, raw, `${at}.${target}`), path);
    }
    const timeout = p('Timeout');
    const seconds = this.int(timeout.path, timeout.raw, `${at}.timeout`);
    this.put(f, at, 'timeout', seconds === undefined ? undefined : `${seconds}s`, timeout.path);

    const arch = p('Architectures');
    const archs = this.read(arch.path, arch.raw, `${at}.architecture`);
    if (archs !== undefined) {
      if (!Array.isArray(archs) || archs.length !== 1 || (archs[0] !== 'x86_64' && archs[0] !== 'arm64')) {
        throw templateError(this.t, arch.path, { expected: 'a list of one architecture: [x86_64] or [arm64]', found: JSON.stringify(archs) });
      }
      this.put(f, at, 'architecture', archs[0], arch.path);
    }
    const storage = p('EphemeralStorage');
    const size = isObject(storage.raw) ? this.int([...storage.path, 'Size'], storage.raw.Size, `${at}.ephemeralStorage`) : undefined;
    this.put(f, at, 'ephemeralStorage', size, [...storage.path, 'Size']);
    const pkg = p('PackageType');
    const packageType = this.read(pkg.path, pkg.raw, `${at}.packageType`);
    if (packageType === 'Image' || packageType === 'Zip') this.put(f, at, 'packageType', packageType === 'Image' ? 'image' : 'zip', pkg.path);
    else if (packageType !== undefined) throw templateError(this.t, pkg.path, { expected: 'Zip or Image', found: String(packageType) });

    const pc = p('ProvisionedConcurrencyConfig');
    if (isObject(pc.raw)) {
      const n = this.int([...pc.path, 'ProvisionedConcurrentExecutions'], pc.raw.ProvisionedConcurrentExecutions, `${at}.provisionedConcurrency`);
      this.put(f, at, 'provisionedConcurrency', n, [...pc.path, 'ProvisionedConcurrentExecutions']);
      if (n !== undefined) this.notYet(VERSIONS, id);
    }
    if (p('AutoPublishAlias').raw !== undefined) this.notYet(VERSIONS, id);
    if (p('DeploymentPreference').raw !== undefined) this.notYet(DEPLOYMENTS, id);
    if (p('Layers').raw !== undefined) this.notYet('layers', id);
    // VpcConfig attaches the function to a VPC (docs/model.md: no INIT cost today, Hyperplane ENIs).
    const vpcConfig = p('VpcConfig');
    if (isObject(this.read(vpcConfig.path, vpcConfig.raw, `${at}.vpc`))) this.put(f, at, 'vpc', true, vpcConfig.path);
    const snap = this.read(p('SnapStart').path, p('SnapStart').raw, `${at}.init`);
    if (isObject(snap) && snap.ApplyOn === 'PublishedVersions') this.notYet('SnapStart', id);
    if (p('FunctionUrlConfig').raw !== undefined) this.notYet('function URLs', id);

    const dlq = p('DeadLetterQueue');
    if (isObject(dlq.raw)) {
      const name = this.destinationName([...dlq.path, 'TargetArn'], dlq.raw.TargetArn, `${at}.asyncConfig.deadLetterQueue`);
      if (name !== undefined) this.putAsync(id, 'deadLetterQueue', name, [...dlq.path, 'TargetArn']);
    }
    const eic = p('EventInvokeConfig');
    if (isObject(eic.raw)) this.invokeConfig(id, eic.raw, eic.path);
    if (isObject(props.Events)) {
      for (const [event, spec] of Object.entries(props.Events)) this.event(id, event, spec, ['Resources', id, 'Properties', 'Events', event]);
    }
  }

  private putAsync(fn: string, key: string, value: unknown, origin: Path): void {
    const f = this.functions[fn];
    const config = (isObject(f.asyncConfig) ? f.asyncConfig : (f.asyncConfig = emptyMap())) as Fields;
    this.put(config, `functions.${fn}.asyncConfig`, key, value, origin);
  }

  /** EventInvokeConfig (SAM property or AWS::Lambda::EventInvokeConfig): retries, event age, destinations. */
  private invokeConfig(fn: string, config: Fields, base: Path): void {
    const at = `functions.${fn}.asyncConfig`;
    const retries = this.int([...base, 'MaximumRetryAttempts'], config.MaximumRetryAttempts, `${at}.maximumRetryAttempts`);
    if (retries !== undefined) this.putAsync(fn, 'maximumRetryAttempts', retries, [...base, 'MaximumRetryAttempts']);
    const age = this.int([...base, 'MaximumEventAgeInSeconds'], config.MaximumEventAgeInSeconds, `${at}.maximumEventAge`);
    if (age !== undefined) this.putAsync(fn, 'maximumEventAge', `${age}s`, [...base, 'MaximumEventAgeInSeconds']);
    const destinations = config.DestinationConfig;
    if (!isObject(destinations)) return;
    for (const [key, target] of [['OnSuccess', 'onSuccess'], ['OnFailure', 'onFailure']] as const) {
      const d = destinations[key];
      if (!isObject(d)) continue;
      const path = [...base, 'DestinationConfig', key, 'Destination'];
      let name = this.destinationName(path, d.Destination, `${at}.${target}`);
      // SAM creates the queue or topic itself when Type is SQS or SNS and Destination is left out.
      if (name === undefined && d.Destination === undefined && typeof d.Type === 'string') name = `${fn}Event${key}${d.Type === 'SQS' ? 'Queue' : 'Topic'}`;
      if (name !== undefined) this.putAsync(fn, target, name, path);
    }
  }

  /** A SAM function's event: a mapping for SQS / Kinesis / DynamoDB, a trigger for the rest. */
  private event(fn: string, event: string, spec: unknown, base: Path): void {
    if (!isObject(spec)) return;
    const type = this.read([...base, 'Type'], spec.Type, `functions.${fn}`);
    const props = isObject(spec.Properties) ? spec.Properties : emptyMap();
    const origin = `${fn}.Events.${event}`;
    const p: Path = [...base, 'Properties'];
    switch (type) {
      case 'SQS': {
        const queue = this.sourceName([...p, 'Queue'], props.Queue, 'queue', `${fn}${event}Queue`);
        if (queue !== undefined) this.mapping(origin, fn, queue, 'queue', props, p);
        break;
      }
      case 'Kinesis':
      case 'DynamoDB': {
        const kind = type === 'Kinesis' ? 'kinesis' : 'dynamodb';
        const stream = this.sourceName([...p, 'Stream'], props.Stream, kind, `${fn}${event}Stream`);
        if (stream !== undefined) this.mapping(origin, fn, stream, 'stream', props, p);
        break;
      }
      case 'Schedule':
      case 'ScheduleV2': {
        const key = type === 'Schedule' ? 'Schedule' : 'ScheduleExpression';
        const expression = this.read([...p, key], props[key], `functions.${fn}`);
        this.triggers.push({ origin, type, target: { function: fn }, invocation: 'async', schedule: typeof expression === 'string' ? expression : undefined });
        break;
      }
      case 'Api':
      case 'HttpApi': {
        // SAM's implicit APIs are ServerlessRestApi and ServerlessHttpApi (their logical ids).
        const rest = type === 'Api';
        const key = rest ? 'RestApiId' : 'ApiId';
        const ref = resolveValue(props[key], this.ctx);
        const api = ref instanceof ResourceRef ? ref.logicalId : rest ? 'ServerlessRestApi' : 'ServerlessHttpApi';
        this.api(api, rest ? 'rest' : 'http', ref instanceof ResourceRef ? [...p, key] : base);
        this.triggers.push({ origin, type, target: { function: fn }, invocation: 'sync', via: api });
        break;
      }
      case 'SNS': {
        const topic = this.topicName([...p, 'Topic'], props.Topic);
        if (topic === undefined) break;
        this.subscribe(topic, 'functions', fn, [...p, 'Topic']);
        this.triggers.push({ origin, type, target: { topic } });
        break;
      }
      case 'S3':
        this.notYet('S3 event notifications', origin);
        this.triggers.push({ origin, type, target: { function: fn }, invocation: 'async', notSimulated: 'S3 notifications are not simulated yet: an asynchronous invoke stands for it' });
        break;
      default:
        this.unread.push(`event type ${String(type)} (${origin})`);
    }
  }

  /** The logical id of the function a value names (Ref, GetAtt, or its static FunctionName). */
  private functionOf(base: Path, raw: unknown, owner: string): string | undefined {
    const value = this.read([...base, 'FunctionName'], raw, owner);
    const name = value instanceof ResourceRef ? value.logicalId : typeof value === 'string' ? (this.physicalNames[value] ?? value.split(':').pop()) : undefined;
    if (name !== undefined && Object.hasOwn(this.functions, name)) return name;
    if (name !== undefined && Object.hasOwn(this.physicalNames, name)) return this.physicalNames[name];
    this.note(`${owner} names a function outside the template (${name ?? 'unresolved'}); it was not imported`);
    return undefined;
  }

  /** AWS::Lambda::EventSourceMapping: its source decides the kind. */
  private mappingResource(id: string, props: Fields, base: Path): void {
    const fn = this.functionOf(base, props.FunctionName, id);
    if (fn === undefined) return;
    const source = resolveValue(props.EventSourceArn, this.ctx);
    const type = source instanceof ResourceRef ? this.types[source.logicalId] : undefined;
    const arn = typeof source === 'string' ? source : '';
    const kind = type === 'AWS::SQS::Queue' || arn.startsWith('arn:aws:sqs:') ? 'queue'
      : type === 'AWS::Kinesis::Stream' || arn.includes(':kinesis:') ? 'kinesis'
      : type === 'AWS::DynamoDB::Table' || arn.includes(':dynamodb:') ? 'dynamodb'
      : undefined;
    if (kind === undefined) {
      if (type !== undefined || arn !== '') this.unread.push(`event source mapping ${id} (a source that is not SQS, Kinesis or DynamoDB)`);
      else this.note(`${id}.EventSourceArn is not known before deployment; the mapping was not imported`);
      return;
    }
    const name = this.sourceName([...base, 'EventSourceArn'], props.EventSourceArn, kind, `${id}Source`);
    if (name !== undefined) this.mapping(id, fn, name, kind === 'queue' ? 'queue' : 'stream', props, base);
  }

  /** One event source mapping from the properties SAM events and the resource share. */
  private mapping(origin: string, fn: string, source: string, kind: 'queue' | 'stream', props: Fields, base: Path): void {
    if (this.bool([...base, 'Enabled'], props.Enabled, 'eventSourceMappings') === false) {
      this.note(`${origin} is disabled (Enabled: false); it was not imported`);
      return;
    }
    const m = emptyMap();
    const at = `eventSourceMappings.${this.mappings.length}`;
    this.origins.set(at, base.slice(0, -1));
    this.put(m, at, 'source', source, base);
    this.put(m, at, 'function', fn, base);
    const num = (key: string, target: string, unit = ''): void => {
      const n = this.int([...base, key], props[key], `${at}.${target}`);
      this.put(m, at, target, n === undefined || unit === '' ? n : `${n}${unit}`, [...base, key]);
    };
    num('BatchSize', 'batchSize');
    num('MaximumBatchingWindowInSeconds', 'maximumBatchingWindow', 's');
    const responses = this.read([...base, 'FunctionResponseTypes'], props.FunctionResponseTypes, `${at}.reportBatchItemFailures`);
    if (Array.isArray(responses) && responses.includes('ReportBatchItemFailures')) this.put(m, at, 'reportBatchItemFailures', true, [...base, 'FunctionResponseTypes']);
    if (props.FilterCriteria !== undefined) this.notYet('event filtering (FilterCriteria)', origin);
    if (kind === 'queue') {
      const scaling = isObject(props.ScalingConfig) ? props.ScalingConfig : emptyMap();
      const n = this.int([...base, 'ScalingConfig', 'MaximumConcurrency'], scaling.MaximumConcurrency, `${at}.maximumConcurrency`);
      this.put(m, at, 'maximumConcurrency', n, [...base, 'ScalingConfig', 'MaximumConcurrency']);
    } else {
      num('ParallelizationFactor', 'parallelizationFactor');
      num('MaximumRetryAttempts', 'maximumRetryAttempts');
      const age = this.int([...base, 'MaximumRecordAgeInSeconds'], props.MaximumRecordAgeInSeconds, `${at}.maximumRecordAge`);
      // -1 is AWS's "no limit", the scenario's default.
      if (age !== undefined && age !== -1) this.put(m, at, 'maximumRecordAge', `${age}s`, [...base, 'MaximumRecordAgeInSeconds']);
      this.put(m, at, 'bisectBatchOnFunctionError', this.bool([...base, 'BisectBatchOnFunctionError'], props.BisectBatchOnFunctionError, `${at}.bisectBatchOnFunctionError`), [...base, 'BisectBatchOnFunctionError']);
      const position = this.read([...base, 'StartingPosition'], props.StartingPosition, `${at}.startingPosition`);
      if (position === 'LATEST' || position === 'TRIM_HORIZON') this.put(m, at, 'startingPosition', position, [...base, 'StartingPosition']);
      else if (position !== undefined) this.note(`${origin} starts at ${String(position)}; streams start empty here, so it reads as LATEST`);
      const failure = isObject(props.DestinationConfig) && isObject(props.DestinationConfig.OnFailure) ? props.DestinationConfig.OnFailure : undefined;
      if (failure !== undefined) {
        const path = [...base, 'DestinationConfig', 'OnFailure', 'Destination'];
        const target = resolveValue(failure.Destination, this.ctx);
        if (target instanceof ResourceRef && this.types[target.logicalId] !== 'AWS::SQS::Queue') {
          this.notYet('stream failure destinations other than SQS queues', origin);
        } else {
          this.put(m, at, 'onFailure', this.sourceName(path, failure.Destination, 'queue', `${fn}FailureQueue`), path);
        }
      }
    }
    this.mappings.push(m);
    this.triggers.push({ origin, type: kind === 'queue' ? 'SQS' : 'stream', target: kind === 'queue' ? { queue: source } : { stream: source } });
  }

  /** AWS::Lambda::Alias / Version: provisioned concurrency lands on the function; the rest is not simulated. */
  private versionOrAlias(id: string, props: Fields, base: Path): void {
    this.notYet(VERSIONS, id);
    if (!isObject(props.ProvisionedConcurrencyConfig)) return;
    const fn = this.functionOf(base, props.FunctionName, id);
    if (fn === undefined) return;
    const path = [...base, 'ProvisionedConcurrencyConfig', 'ProvisionedConcurrentExecutions'];
    const n = this.int(path, props.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions, `functions.${fn}.provisionedConcurrency`);
    const f = this.functions[fn];
    const before = typeof f.provisionedConcurrency === 'number' ? f.provisionedConcurrency : 0;
    if (n !== undefined) this.put(f, `functions.${fn}`, 'provisionedConcurrency', before + n, path);
  }
}

/**
 * Read a parsed template into scenario sections.
 * @throws ScenarioError pointing into the template for a value that cannot mean anything
 */
export function importTemplate(template: TemplateFile, options: ImportOptions = {}): ImportedTemplate {
  const importer = new Importer(template, options);
  importer.run();
  return {
    template,
    functions: importer.functions,
    queues: importer.queues,
    streams: importer.streams,
    eventSourceMappings: importer.mappings,
    apiGateways: importer.apiGateways,
    topics: importer.topics,
    origins: importer.origins,
    notes: importer.finalNotes(),
    triggers: importer.triggers,
  };
}
