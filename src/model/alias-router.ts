/**
 * An alias (lambda-behavior.md section 11): a name in front of one published version, or two with a
 * weight on the second (AWS's RoutingConfig.AdditionalVersionWeights). Callers invoke it as they
 * would a function (invoke-target.ts); it hands each request to a version.
 *
 * Routing. "Lambda uses a simple probabilistic model to distribute traffic between the two function
 * versions" (https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html): each
 * request goes to the secondary version when its uniform u < weight. The uniform is keyed by the
 * request's key (common random numbers, docs/model.md "Random streams"), not by its run: a retry of
 * a request (client, async or event source) draws the same u, so it goes to the same version unless
 * the routing changed meanwhile. AWS does not say whether a retry re-routes; this keeps two variants
 * of a scenario comparable request by request, and the split per request stays Bernoulli(weight).
 *
 * Keys. A version gets the alias's requests under keys from its own `keySpace()` (taken at set-up
 * for every version the alias may route to), so they never collide with direct invocations of it.
 *
 * Provisioned concurrency on an alias is allocated on the version(s) it points to (section 5:
 * one PC configuration per version). With a routing config AWS says only that the allocated amount
 * "fluctuates depending on the amount of concurrency that is provisioned for the function versions"
 * (https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedConcurrencyConfigListItem.html);
 * undocumented, so we split it in proportion to the weights, rounding the secondary's share up.
 * `setRouting` moves it: the versions the alias leaves get 0, the ones it points to their share.
 */
import { KeyedRng, seedFrom } from '../kernel/keyed-random.js';
import { Histogram } from '../metrics/histogram.js';
import type { AsyncInvoker } from './async-invoker.js';
import { AsyncInvoker as AsyncQueue } from './async-invoker.js';
import { ClientCallCounts } from './client-calls.js';
import type { ModelContext } from './context.js';
import type { FunctionModel, InvocationClient } from './function-model.js';
import type { FunctionStats } from './function-stats.js';
import type { FunctionInput } from './input.js';
import type { AsyncResults } from './results.js';
import type { InvokeTarget } from './invoke-target.js';

/** Keys of one key space lie in [space, space + KEY_SPACE) (as in function-model.ts). */
const KEY_SPACE = 2 ** 40;

/** The alias's routing now: the primary version, and the secondary with its weight (null, 0 without). */
export interface AliasRouting {
  readonly primary: string;
  readonly secondary: string | null;
  readonly weight: number;
}

/** What the alias reports (summary.json `aliases`). */
export interface AliasResults {
  /** `fn:alias`. */
  name: string;
  function: string;
  alias: string;
  /** Requests the alias handed to each version (every attempt counts, as each is an Invoke call), by version. */
  routed: Record<string, number>;
  /** Requests the versions refused (429: concurrency, scaling or rate), as the alias's callers saw them. */
  throttles: number;
  /** End-to-end latency of the alias's final answers (as a function's `latency`), whichever version served them. */
  latency: Histogram;
  /** Calls of retrying callers that name the alias (present when there are such callers). */
  clientCalls?: { calls: number; gaveUp: number; failed: number };
  /** The routing at the end of the run. */
  routing: AliasRouting;
  /** Provisioned concurrency configured on the alias (0 = none). */
  provisionedConcurrency: number;
  /** The alias's async queue, when async events were sent to the alias. */
  async?: AsyncResults;
}

interface VersionSlot {
  readonly fn: FunctionModel;
  /** Per key space of the alias (0: its own requests, then one per `keySpace()` caller): the version's key space. */
  readonly spaces: number[];
  routed: number;
}

export class AliasRouter implements InvokeTarget {
  readonly name: string;
  readonly index: number;
  readonly config: FunctionInput;
  private readonly versions = new Map<string, VersionSlot>();
  private primary: VersionSlot;
  private secondary: VersionSlot | null = null;
  private weight = 0;
  private throttleCount = 0;
  /** Calls of retrying callers that name the alias, whichever version served them. */
  readonly clientCalls = new ClientCallCounts();
  /**
   * End-to-end latency of the alias's requests, whichever version gave the final answer: each
   * version records the answers of the alias's key spaces here too (FunctionModel.recordLatencyOf).
   */
  private readonly latency = new Histogram();
  private readonly draws: KeyedRng;
  private nextKey = 0;
  private keySpaces = 0;
  private asyncQueue: AsyncInvoker | null = null;
  private readonly ctx: ModelContext;
  /** True while a deployment places the alias's PC itself (deployment-controller.ts, allocateBefore). */
  private pcHeld = false;

  /**
   * @param fn  the base function's name; `alias` the alias's
   * @param versions  every published version of the function by version name (`"1"`), in scenario order
   * @param provisionedConcurrency  the alias's PC (0 = none), allocated on its versions by `begin`
   */
  constructor(
    ctx: ModelContext,
    readonly fn: string,
    readonly alias: string,
    versions: ReadonlyMap<string, FunctionModel>,
    routing: AliasRouting,
    private provisionedConcurrency = 0,
  ) {
    this.ctx = ctx;
    this.name = `${fn}:${alias}`;
    for (const [v, model] of versions) this.versions.set(v, { fn: model, spaces: [this.watched(model, model.keySpace())], routed: 0 });
    this.primary = this.slot(routing.primary);
    this.index = this.primary.fn.index;
    this.config = this.primary.fn.config;
    this.draws = new KeyedRng(seedFrom(ctx.randoms.stream(`alias:${this.name}:route`)));
    this.applyRouting(routing.primary, routing.secondary, routing.weight);
  }

  /** Allocate the alias's provisioned concurrency before the run (ready at time 0). */
  begin(): void {
    if (this.provisionedConcurrency > 0) this.placeProvisioned(true);
  }

  /** The routing now. */
  get routing(): AliasRouting {
    return { primary: this.versionName(this.primary), secondary: this.secondary === null ? null : this.versionName(this.secondary), weight: this.weight };
  }

  /**
   * Route requests from now on to `primary`, and to `secondary` with probability `secondaryWeight`
   * (null, or a weight of 0: the primary only). The alias's provisioned concurrency follows: versions
   * the alias leaves are set to 0, the ones it points to get their share (allocation takes time).
   */
  setRouting(primary: string, secondary: string | null, secondaryWeight: number): void {
    const before = [this.primary, this.secondary];
    this.applyRouting(primary, secondary, secondaryWeight);
    if (this.provisionedConcurrency === 0 || this.pcHeld) return;
    for (const slot of before) if (slot !== null && slot !== this.primary && slot !== this.secondary) slot.fn.setProvisionedLevel(0);
    this.placeProvisioned(false);
  }

  /** While held, setRouting leaves the PC where it is: a deployment that allocated it ahead places it. */
  holdProvisioned(hold: boolean): void {
    this.pcHeld = hold;
  }

  /** Change the alias's provisioned concurrency now (allocated on its versions as the file comment says). */
  setProvisionedConcurrency(level: number): void {
    this.provisionedConcurrency = level;
    this.placeProvisioned(false);
  }

  newRequestKey(): number {
    return this.nextKey++;
  }

  keySpace(): number {
    const space = ++this.keySpaces;
    for (const slot of this.versions.values()) slot.spaces[space] = this.watched(slot.fn, slot.fn.keySpace());
    return space * KEY_SPACE;
  }

  /** Key space `space` of version `fn`, whose answers now count in the alias's latency too. */
  private watched(fn: FunctionModel, space: number): number {
    fn.recordLatencyOf(space, this.latency);
    return space;
  }

  arrive(): void {
    this.invoke(this.ctx.kernel.now, null, 0);
  }

  invoke(firstAt: number, client: InvocationClient | null, token: number, forceError = false, key = -1, run = 0, itemsUs = 0): boolean {
    if (key < 0) key = this.nextKey++;
    const secondary = this.secondary;
    const slot = secondary !== null && this.draws.at(key, 0, 0).next() < this.weight ? secondary : this.primary;
    slot.routed++;
    const space = Math.floor(key / KEY_SPACE);
    if (slot.fn.invoke(firstAt, client, token, forceError, slot.spaces[space] + (key - space * KEY_SPACE), run, itemsUs)) return true;
    this.throttleCount++;
    return false;
  }

  /** Retries and extra requests are counted on the primary version (AWS's metrics of an alias are its versions'). */
  get stats(): FunctionStats {
    return this.primary.fn.stats;
  }

  /** The alias's own async queue (its events are routed per attempt like sync requests); the primary's asyncConfig at set-up. */
  asyncEvents(): AsyncInvoker {
    if (this.asyncQueue === null) this.asyncQueue = new AsyncQueue(this.ctx, this, this.config.asyncConfig);
    return this.asyncQueue;
  }

  get asyncInvoker(): AsyncInvoker | null {
    return this.asyncQueue;
  }

  /** Counts restart at the end of the warm-up. */
  warmupEnded(now: number): void {
    for (const slot of this.versions.values()) slot.routed = 0;
    this.throttleCount = 0;
    this.latency.reset();
    this.clientCalls.restart(now);
    this.asyncQueue?.warmupEnded(now);
  }

  results(endUs: number): AliasResults {
    const routed = Object.create(null) as Record<string, number>;
    for (const [v, slot] of this.versions) if (slot.routed > 0 || slot === this.primary || slot === this.secondary) routed[v] = slot.routed;
    const async = this.asyncQueue;
    return {
      name: this.name,
      function: this.fn,
      alias: this.alias,
      routed,
      throttles: this.throttleCount,
      latency: this.latency,
      ...(this.clientCalls.used ? { clientCalls: this.clientCalls.results()! } : {}),
      routing: this.routing,
      provisionedConcurrency: this.provisionedConcurrency,
      ...(async === null ? {} : { async: async.results(endUs) }),
    };
  }

  private applyRouting(primary: string, secondary: string | null, weight: number): void {
    if (!(weight >= 0 && weight < 1)) throw new RangeError(`alias ${this.name}: weight ${weight} must be in [0, 1)`);
    const p = this.slot(primary);
    const s = secondary === null || weight === 0 ? null : this.slot(secondary);
    if (s === p) throw new RangeError(`alias ${this.name}: the secondary version ${secondary} is the primary`);
    this.primary = p;
    this.secondary = s;
    this.weight = s === null ? 0 : weight;
  }

  /** Put the alias's PC on its versions: the secondary gets ceil(pc x weight), the primary the rest. */
  private placeProvisioned(readyNow: boolean): void {
    const pc = this.provisionedConcurrency;
    const onSecondary = this.secondary === null ? 0 : Math.ceil(pc * this.weight);
    this.primary.fn.setProvisionedLevel(pc - onSecondary, readyNow);
    this.secondary?.fn.setProvisionedLevel(onSecondary, readyNow);
  }

  private slot(version: string): VersionSlot {
    const slot = this.versions.get(version);
    if (slot === undefined) throw new RangeError(`alias ${this.name}: no published version ${version} (versions: ${[...this.versions.keys()].join(', ')})`);
    return slot;
  }

  private versionName(slot: VersionSlot): string {
    for (const [v, s] of this.versions) if (s === slot) return v;
    throw new Error('unreachable');
  }
}
