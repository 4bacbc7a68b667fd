/**
 * Builds the model of one scenario on a kernel and runs it: the library entry point.
 *
 * `simulate(input)` runs to the end in one call. `Simulation` does the same in slices
 * (`step(maxEvents)`), so the CLI can show progress without the model knowing about terminals.
 */
import { Kernel, type EventHandler } from '../kernel/kernel.js';
import { RandomStreams } from '../kernel/random.js';
import { computeBill } from '../billing/bill.js';
import { computeBillWithEdge } from '../billing/edge-bill.js';
import { computeBreakEven } from '../billing/break-even.js';
import { ArrivalProcess } from '../workload/arrivals.js';
import { Account, ConcurrencyShare } from './account.js';
import { AliasRouter, type AliasResults } from './alias-router.js';
import { Deployments } from './deployments.js';
import type { InvokeTarget } from './invoke-target.js';
import type { TokenBucket } from './scaling.js';
import { FunctionModel } from './function-model.js';
import { RetryingCaller } from './client-retries.js';
import { connectChains } from './chain.js';
import type { RequestSink } from '../workload/arrivals.js';
import { ScalingBuckets } from './scaling.js';
import { EventSources } from './event-sources.js';
import { ApiGateways } from './api-gateways.js';
import { Dependencies } from './dependencies.js';
import { CloudFronts, edgePlacements } from './cloudfronts.js';
import type { EventSourceKind } from './event-source.js';
import { SOURCE_KINDS } from './source-kinds.js';
import type { FunctionInput, SimulationInput, WorkloadInput } from './input.js';
import type { InvocationObserver } from './observer.js';
import type { ModelContext } from './context.js';
import { requireCompleteInput } from './input-check.js';
import { CounterStops } from './counter-stops.js';
import { aliasShares, expectedConcurrency, prewarmCount } from './prewarm.js';
import type { FunctionResults, Results } from './results.js';

/** The simulation's own event kinds: the warm-up ends (0), the backlog trend's window opens (1). */
const WARMUP_ENDS = 0;
const BACKLOG_WINDOW = 1;

export class Simulation implements EventHandler {
  readonly kernel = new Kernel();
  readonly account: Account;
  readonly functions: FunctionModel[] = [];
  readonly arrivals: ArrivalProcess[] = [];
  /** Queues, streams, their producers and event source mappings (empty when the scenario has none). */
  readonly eventSources: EventSources;
  /** API Gateway APIs in front of workloads (`via`); empty when the scenario has none. */
  readonly apiGateways: ApiGateways;
  /** Downstream databases and tables functions use; empty when the scenario has none. */
  readonly dependencies: Dependencies;
  /** CloudFront distributions with Lambda@Edge triggers; empty when the scenario has none. */
  readonly cloudfronts: CloudFronts;
  /** Per function (model order): an edge instance (`fn@region`), billed at Lambda@Edge prices. */
  private readonly edge: boolean[] = [];
  private readonly byName = new Map<string, FunctionModel>();
  /** Aliases by qualified name (`fn:live`); empty when the scenario has none. */
  readonly aliases = new Map<string, AliasRouter>();
  /** CodeDeploy deployments of aliases (none when the scenario has none). */
  readonly deployments: Deployments;
  private done = false;
  /** The clock's stops for an observer that reads counters at bucket boundaries; null without one. */
  private readonly stops: CounterStops | null;
  /** Remarks for the report found while building the model. */
  private readonly notes: string[] = [];

  /**
   * @param observer  optional per-invocation hooks (time series, logs); null keeps the hot path lean
   * @param sourceKinds  the kinds of event source the input may hold (a test may add its own)
   */
  constructor(
    readonly input: SimulationInput,
    private readonly observer: InvocationObserver | null = null,
    sourceKinds: readonly EventSourceKind[] = SOURCE_KINDS,
  ) {
    requireCompleteInput(input);
    const warmup = input.warmup ?? 0;
    if (!(Number.isInteger(warmup) && warmup >= 0 && warmup < input.duration)) {
      throw new RangeError(`warmup ${warmup} us must be a whole number of us from 0 to below the duration (${input.duration} us)`);
    }
    // Scheduled first, so it runs before anything else due at the same instant: what happens at
    // `warmup` itself belongs to the measured period.
    if (warmup > 0) this.kernel.schedule(warmup, this, WARMUP_ENDS);
    const streams = new RandomStreams(input.seed);
    const ctx: ModelContext = { kernel: this.kernel, randoms: streams, observer };
    const versions = input.versions ?? {};
    const updates = input.updates ?? {};
    let totalReserved = 0;
    // A function's reservation is counted once, not per version (its versions share it).
    for (const [name, config] of Object.entries(input.functions)) if (!Object.hasOwn(versions, name) && !Object.hasOwn(updates, name)) totalReserved += config.reservedConcurrency ?? 0;
    this.account = new Account(ctx, input.account, totalReserved);
    const scaling = new ScalingBuckets(input.account.scaling, input.region);
    const byName = this.byName;
    this.apiGateways = new ApiGateways(ctx, input);
    this.dependencies = new Dependencies(ctx, input);
    // A Lambda@Edge function runs as one instance per edge Region, each in that Region's account pool.
    const placements = edgePlacements(input);
    const edgeAccounts = new Map<string, Account>();
    // Per base function: the concurrency share and scaling bucket its versions use too.
    const shared = new Map<string, { share: ConcurrencyShare; scaling: TokenBucket }>();
    const addFunction = (name: string, config: FunctionInput, account: Account, region: string, edge: boolean): void => {
      const base = Object.hasOwn(versions, name) ? versions[name].function : Object.hasOwn(updates, name) ? updates[name].function : name;
      let parts = shared.get(base);
      if (parts === undefined) {
        parts = { share: new ConcurrencyShare(account, config.reservedConcurrency), scaling: scaling.forFunction() };
        shared.set(base, parts);
      }
      const fn = new FunctionModel(ctx, {
        index: this.functions.length,
        name,
        config,
        account,
        billing: input.billing,
        scaling: parts.scaling,
        share: parts.share,
        scalingRule: input.account.scaling,
        region,
        measuredUs: input.duration - warmup,
        dependencies: this.dependencies,
      });
      this.functions.push(fn);
      this.edge.push(edge);
      byName.set(name, fn);
    };
    for (const [name, config] of Object.entries(input.functions)) {
      const region = placements.get(name);
      if (region === undefined) {
        addFunction(name, config, this.account, input.region, false);
        continue;
      }
      let account = edgeAccounts.get(region);
      if (account === undefined) {
        account = region === input.region ? this.account : new Account(ctx, input.account, 0);
        edgeAccounts.set(region, account);
      }
      addFunction(name, config, account, region, true);
    }
    // The break-even sizes a fleet for a percentile of concurrency: keep the time at each level.
    if (input.breakEven !== undefined) for (const fn of this.breakEvenFunctions()) fn.stats.busy.trackLevels();
    for (const fn of this.functions) {
      // Its own workloads, and its share of those aimed at an alias that routes to it.
      const shares = aliasShares(fn.name, input.aliases);
      const own = input.workloads.flatMap((w) => (w.function === fn.name || w.function === `${fn.name}:$LATEST` ? [{ workload: w, share: 1 }] : shares.has(w.function) ? [{ workload: w, share: shares.get(w.function)! }] : []));
      fn.prewarm(prewarmCount(fn.config, () => expectedConcurrency(fn.config, own, input.duration, streams), this.account.unreservedCapacity));
      fn.begin();
    }
    // Aliases route to the version instances of their function; every target by name, aliases too.
    const targets = new Map<string, InvokeTarget>(byName);
    for (const [name, a] of Object.entries(input.aliases ?? {})) {
      // An alias without weights may point to $LATEST (the unqualified function).
      const own = new Map<string, FunctionModel>([['$LATEST', byName.get(a.function)!]]);
      for (const [instance, v] of Object.entries(versions)) if (v.function === a.function) own.set(v.version, byName.get(instance)!);
      const extra = a.additionalVersion;
      const router = new AliasRouter(ctx, a.function, a.alias, own, { primary: a.version, secondary: extra?.version ?? null, weight: extra?.weight ?? 0 }, a.provisionedConcurrency ?? 0);
      router.begin();
      this.aliases.set(name, router);
      targets.set(name, router);
    }
    this.deployments = new Deployments(ctx, input, this);
    // An updated function's name stands for its old and new code while both serve.
    for (const [name, router] of this.deployments.latestRouters) targets.set(name, router);
    // `fn:$LATEST` is the unqualified function, as AWS accepts that qualifier (version-schema.ts
    // offers it for functions with versions, aliases or updates).
    for (const name of Object.keys(input.functions)) {
      const target = targets.get(name);
      if (target !== undefined && !name.includes(':')) targets.set(`${name}:$LATEST`, target);
    }
    this.deployments.connectHooks(targets);
    for (const workload of input.workloads) {
      const target = targets.get(workload.function);
      if (!target) throw new Error(`workload ${workload.name}: no function ${workload.function}`);
      const end = Math.min(workload.end, input.duration);
      const process = new ArrivalProcess(
        this.kernel,
        workload.arrivals,
        workload.start,
        end,
        streams.stream(`wl:${workload.name}:arrivals`),
        this.sinkFor(ctx, workload, target),
      );
      this.arrivals.push(process);
      process.begin();
    }
    this.cloudfronts = new CloudFronts(ctx, input, byName);
    for (const d of this.cloudfronts.all) {
      const config = d.config;
      const process = new ArrivalProcess(this.kernel, config.arrivals, config.start, Math.min(config.end ?? input.duration, input.duration), streams.stream(`cf:${d.name}:arrivals`), d);
      this.arrivals.push(process);
      process.begin();
    }
    this.eventSources = new EventSources(input, ctx, targets, sourceKinds);
    const sources = this.eventSources;
    const callers = [...this.functions, ...this.routers()];
    this.notes.push(...connectChains(callers, { sink: (n) => sources.sink(n), source: (n) => sources.find(n), fn: (n) => targets.get(n) }));
    this.eventSources.begin();
    // The backlog trend reads the backlogs of queues, streams and async event queues at the start of the measured period's last tenth.
    const trendWindow = Math.floor((input.duration - warmup) / 10);
    const hasBacklogs = this.eventSources.size > 0 || callers.some((c) => c.asyncInvoker !== null);
    if (hasBacklogs && trendWindow > 0) this.kernel.schedule(input.duration - trendWindow, this, BACKLOG_WINDOW);
    const every = observer?.readEveryUs;
    this.stops = every !== undefined && observer!.readCounters !== undefined ? new CounterStops(this.kernel, observer!, every, this.functions, warmup, input.duration) : null;
  }

  /** The warm-up ends (kind 0), or the backlog trend's window opens (kind 1): the events the simulation schedules for itself. */
  handleEvent(kind: number): void {
    const now = this.kernel.now;
    if (kind === BACKLOG_WINDOW) {
      const windowUs = this.input.duration - now;
      this.eventSources.backlogWindowOpens(windowUs);
      for (const fn of this.functions) fn.asyncInvoker?.backlogWindowOpens(windowUs);
      for (const a of this.routers()) a.asyncInvoker?.backlogWindowOpens(windowUs);
      return;
    }
    for (const fn of this.functions) fn.warmupEnded(now);
    for (const a of this.routers()) a.warmupEnded(now);
    this.deployments.warmupEnded(now);
    this.eventSources.warmupEnded(now);
    this.apiGateways.warmupEnded();
    this.dependencies.warmupEnded(now);
    this.cloudfronts.warmupEnded();
  }

  /**
   * Where a workload's arrivals go: the function, a retrying caller, or the function's async queue;
   * with `via`, through that API Gateway API (client -> API -> function).
   */
  private sinkFor(ctx: ModelContext, workload: WorkloadInput, target: InvokeTarget): RequestSink {
    if (workload.invocation === 'async') return target.asyncEvents().sink(workload.payloadSize);
    const callee = workload.via === undefined ? target : this.apiGateways.route(workload.via, target, `workload ${workload.name}`);
    if (workload.clientRetries) return new RetryingCaller(ctx, callee, workload.name, workload.clientRetries);
    return callee;
  }

  /** The instance of `fn`'s published `version` (`fn:2`), or undefined. */
  versionOf(fn: string, version: string): FunctionModel | undefined {
    const name = `${fn}:${version}`;
    return this.input.versions !== undefined && Object.hasOwn(this.input.versions, name) ? this.byName.get(name) : undefined;
  }

  /** Remarks of the async event queues (functions', then aliases'). */
  private asyncNotes(): string[] {
    return [...this.functions.map((fn) => fn.asyncInvoker), ...this.routers().map((a) => a.asyncInvoker)].flatMap((q) => q?.notes() ?? []);
  }

  /** The function instance named `name` (`fn`, `fn:2`, `fn@region`), or undefined. */
  functionNamed(name: string): FunctionModel | undefined {
    return this.byName.get(name);
  }

  /**
   * The aliases, then the routers that stand for an updated function's `$LATEST` while its old and
   * new code both serve (deployments.ts; reported as aliases `fn:$LATEST`).
   */
  private routers(): AliasRouter[] {
    return [...this.aliases.values(), ...this.deployments.latestRouters.values()];
  }

  /** `fn`'s alias `name`, or undefined. */
  alias(fn: string, name: string): AliasRouter | undefined {
    return this.aliases.get(`${fn}:${name}`);
  }

  /** Share of simulated time done, 0..1. */
  get progress(): number {
    return this.done ? 1 : Math.min(1, this.kernel.now / this.input.duration);
  }

  /** Handle up to `maxEvents` events; true when the run has reached its end. */
  step(maxEvents = Infinity): boolean {
    if (!this.done) {
      this.done = this.kernel.run(this.input.duration, maxEvents);
      if (this.done && this.stops !== null) this.stops.finish();
      if (this.done && this.observer !== null) this.observer.finish(this.input.duration);
    }
    return this.done;
  }

  /** Run to the end (if not yet there) and collect the results, bill included. */
  results(): Results {
    this.step();
    const end = this.input.duration;
    const warmup = this.input.warmup ?? 0;
    // The bill and its monthly projection cover the measured period only.
    const billing = { region: this.input.region, freeTier: this.input.billing.freeTier, prices: this.input.billing.prices };
    const usages = this.functions.map((fn) => fn.usage(end));
    const bill = this.cloudfronts.all.length === 0
      ? computeBill(usages, { ...billing, periodMs: (end - warmup) / 1000 })
      : computeBillWithEdge(usages, this.edge, { ...billing, periodMs: (end - warmup) / 1000 });
    const config = this.input.breakEven;
    const breakEven =
      config === undefined
        ? undefined
        : computeBreakEven(
            config,
            this.breakEvenFunctions().map((fn) => ({
              usage: fn.usage(end),
              sizedConcurrency: config.sizeFor === 'peak' ? fn.stats.busy.max : fn.stats.busy.quantile(config.sizeFor, end),
              meanConcurrency: fn.stats.busy.mean(end),
            })),
            billing,
            (end - warmup) / 1000,
          );
    const versions = this.input.versions ?? {};
    const versioned = new Set(Object.values(versions).map((v) => v.function));
    const functions: FunctionResults[] = this.functions.map((fn, i) => {
      const fb = bill.functions[i];
      const qualifier = Object.hasOwn(versions, fn.name) ? versions[fn.name] : versioned.has(fn.name) ? { function: fn.name, version: '$LATEST' } : undefined;
      return { ...(qualifier === undefined ? {} : { qualifier }), ...fn.results(end), gbSeconds: fb.gbSeconds, cost: fb.cost };
    });
    return {
      name: this.input.name,
      seed: this.input.seed,
      simulatedUs: end,
      warmupUs: warmup,
      functions,
      bill,
      eventsProcessed: this.kernel.eventsProcessed,
      notes: [...(this.input.notes ?? []), ...this.notes, ...bill.notes, ...this.eventSources.notes(), ...this.asyncNotes(), ...this.apiGateways.notes(this.input.region), ...(breakEven?.notes ?? [])],
      // Each kind of event source under its own key (queues, streams), when the scenario has some.
      ...this.eventSources.results(end),
      ...this.apiGateways.results((end - warmup) / 1000),
      ...this.dependencies.results(end),
      ...this.cloudfronts.results(this.byName, end, (end - warmup) / 1000),
      ...(breakEven === undefined ? {} : { breakEven }),
      ...(this.routers().length === 0 ? {} : { aliases: this.routers().map((a): AliasResults => a.results(end)) }),
      ...(this.input.deployments === undefined || this.input.deployments.length === 0 ? {} : { deployments: this.deployments.results(end) }),
    };
  }

  /** The functions `breakEven:` compares (all unless it names some), in scenario order. */
  private breakEvenFunctions(): FunctionModel[] {
    const only = this.input.breakEven?.functions;
    return only === undefined ? this.functions : this.functions.filter((fn) => only.includes(fn.name));
  }
}

/** Simulate a validated scenario from start to end. */
export function simulate(input: SimulationInput): Results {
  return new Simulation(input).results();
}
