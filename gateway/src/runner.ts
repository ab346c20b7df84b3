import { pino, type Logger } from 'pino';
import type { RegionCode } from '@naap/otel';
import { casesFor, type TestDataset } from './cases.js';
import { pause, wallClock, type Clock } from './clock.js';
import type { GatewayConfig } from './config/types.js';
import type { Fetch } from './http.js';
import { startPinWebhook, type PinWebhook } from './pinning/webhook.js';
import { JsonlSink } from './report/jsonl.js';
import { OutboxSink } from './outbox/sink.js';
import { otlpIdentityOf, otlpMetricsSinkOf } from './report/otlp.js';
import { GATEWAY_SCOPE, gatewayResourceAttributes } from './report/resource.js';
import { FanOutSink, type ResultSink } from './report/sink.js';
import type { ResponseObserver, RunnerEnv } from './run/env.js';
import type { JobDone } from './run/execute.js';
import { mediaReader } from './run/media-cache.js';
import { staticWindow, webhookWindow } from './run/windows.js';
import { Budget } from './schedule/budget.js';
import { KeyedLock } from './schedule/keyed-lock.js';
import { unitKey, type Unit } from './schedule/plan.js';
import { discoverTargets, type CapabilitiesResult } from './targets/discover.js';
import type { Registered } from './targets/registered.js';
import type { Discovery, Target } from './targets/types.js';
import { uriKey } from './targets/uri.js';

export interface RunnerDeps {
  readonly dataset: TestDataset;
  readonly clock?: Clock;
  readonly fetch?: Fetch;
  readonly log?: Logger;
  /** Where records go; default: the collector through the outbox (when configured) and the JSONL file. */
  readonly sink?: ResultSink;
  /** The pinning webhook; default: started on --webhook-listen in webhook mode. */
  readonly webhook?: PinWebhook;
  readonly onResponse?: ResponseObserver;
}

export interface RoundOptions {
  readonly round: number;
  /** Spread jobs over time (run) or start them as the budget allows (once). */
  readonly spread: boolean;
  readonly signal?: AbortSignal;
}

export interface OnceReport {
  readonly discovery: Discovery;
  readonly jobs: readonly JobDone[];
  /** Why the gateway itself looks broken; null when it is not. */
  readonly gatewayBroken: string | null;
}

/** Job records to the collector through the outbox (it writes the results file too), metrics over OTLP. */
async function defaultSink(
  config: GatewayConfig,
  log: Logger,
  fetchImpl: Fetch,
): Promise<ResultSink> {
  const sinks: ResultSink[] = [];
  const metrics = otlpMetricsSinkOf(config);
  if (metrics !== null) sinks.push(metrics);
  const identity = otlpIdentityOf(config);
  const { url, token, outbox } = config.collector;
  if (url !== null && identity !== null) {
    const file = {
      path: outbox.file,
      owned: outbox.owned,
      maxBytes: outbox.maxBytes,
      maxRecords: outbox.maxRecords,
    };
    const sender = {
      url,
      token,
      resource: gatewayResourceAttributes(identity),
      scope: GATEWAY_SCOPE,
      batchRecords: outbox.batchRecords,
      maxBackoffMs: outbox.maxBackoffMs,
    };
    sinks.push(await OutboxSink.open({ file, sender }, { fetch: fetchImpl, log }));
  } else if (config.resultsFile !== null)
    sinks.push(
      new JsonlSink(config.resultsFile, (err) => {
        log.error({ err }, 'results file write failed');
      }),
    );
  return new FanOutSink(sinks);
}

/** The test-load runner: discovery, pinning, scheduling within the budget, jobs, reporting. */
export class Runner {
  private constructor(
    private readonly env: RunnerEnv,
    private readonly region: RegionCode,
    readonly webhook: PinWebhook | null,
    private readonly ownsWebhook: boolean,
  ) {}

  static async create(config: GatewayConfig, deps: RunnerDeps): Promise<Runner> {
    const region = config.identity.region;
    if (region === null) throw new RangeError('--region is required to run test loads');
    const clock = deps.clock ?? wallClock;
    const log = deps.log ?? pino({ level: config.logLevel });
    const env: RunnerEnv = {
      config,
      clock,
      fetch: deps.fetch ?? fetch,
      log,
      dataset: deps.dataset,
      sink: deps.sink ?? (await defaultSink(config, log, fetch)),
      budget: new Budget(config.budget, clock),
      locks: new KeyedLock(),
      media: mediaReader(deps.dataset.dir),
      onResponse: deps.onResponse,
      sequences: new Map(),
      loaded: new Set(),
      addresses: new Map(),
    };
    let webhook = deps.webhook ?? null;
    const owns = webhook === null && config.pinning.mode === 'webhook';
    if (owns)
      webhook = await startPinWebhook(
        clock,
        config.pinning.webhookHost,
        config.pinning.webhookPort,
      );
    return new Runner(env, region, webhook, owns);
  }

  /** Waits until the gateway has fetched the webhook's answer of every registered orchestrator. */
  private async freshCapabilities(
    registered: readonly Registered[],
    read: () => Promise<CapabilitiesResult>,
  ): Promise<CapabilitiesResult> {
    const state = this.webhook?.state;
    if (state === undefined) return read();
    state.set(registered.map((r) => r.uri));
    const { clock } = this.env;
    const settle = this.env.config.pinning.settleMs;
    const deadline = clock.now() + settle + 60_000;
    const step = Math.min(5_000, Math.max(250, settle / 10));
    for (;;) {
      const result = await read();
      if (state.fetchedSinceSet() || clock.now() >= deadline) return result;
      await pause(clock, step);
    }
  }

  /** The orchestrators to test (filtered), remembered for served-by lookups. */
  async discover(): Promise<Discovery> {
    const { config } = this.env;
    const found = await discoverTargets({
      fetch: this.env.fetch,
      cliUrl: config.gateway.cliUrl,
      targetsFile: config.targetsFile,
      filter: config.filter,
      ...(config.pinning.mode === 'webhook' && config.targetsFile === null
        ? {
            capabilitiesOf: (r: readonly Registered[], read: () => Promise<CapabilitiesResult>) =>
              this.freshCapabilities(r, read),
          }
        : {}),
    });
    for (const t of found.targets) this.env.addresses.set(uriKey(t.uri), t.address);
    for (const p of found.problems) this.env.log.warn({ problem: p }, 'discovery');
    return found;
  }

  /** Every unit of the targets that has cases in the dataset. */
  units(targets: readonly Target[]): Unit[] {
    const { config, dataset } = this.env;
    const units: Unit[] = [];
    for (const target of targets) {
      for (const capability of target.capabilities) {
        const cases = casesFor(dataset, capability.pipeline);
        if (cases.length === 0) continue;
        const gateway =
          config.pinning.mode === 'static' && target.gateway !== undefined
            ? target.gateway
            : { url: config.gateway.url, cliUrl: config.gateway.cliUrl };
        units.push({ key: unitKey(target, capability), target, capability, cases, gateway });
      }
    }
    return units;
  }

  /** One pass over every target: a window per target (webhook) or one for all (static). */
  async round(targets: readonly Target[], o: RoundOptions): Promise<JobDone[]> {
    const { config } = this.env;
    const units = this.units(targets);
    const spreadMs = o.spread
      ? config.pinning.mode === 'webhook'
        ? config.pinning.windowMs
        : config.schedule.cadenceMs
      : null;
    const w = { round: o.round, spreadMs, region: this.region, signal: o.signal };
    if (config.pinning.mode === 'static' || this.webhook === null)
      return staticWindow(this.env, units, w);
    const done: JobDone[] = [];
    for (const target of targets) {
      if (o.signal?.aborted === true) break;
      const mine = units.filter((u) => u.target.address === target.address);
      if (mine.length > 0)
        done.push(...(await webhookWindow(this.env, this.webhook.state, target, mine, w)));
    }
    return done;
  }

  /** One round of everything, as fast as the budget allows. */
  async once(): Promise<OnceReport> {
    const discovery = await this.discover();
    if (discovery.targets.length === 0) {
      const why =
        discovery.problems.length > 0 ? discovery.problems.join('; ') : 'no orchestrator matched';
      return { discovery, jobs: [], gatewayBroken: `no orchestrator to test: ${why}` };
    }
    const jobs = await this.round(discovery.targets, { round: 0, spread: false });
    await this.env.sink.flush();
    const broken =
      jobs.length > 0 && jobs.every((j) => j.gatewayFault)
        ? `every job failed at the gateway (${jobs[0]?.record.errorMessage ?? ''})`
        : null;
    return { discovery, jobs, gatewayBroken: broken };
  }

  /** Rounds on the cadence until `signal` aborts; targets are discovered again now and then. */
  async run(signal: AbortSignal): Promise<void> {
    const { clock, config, log } = this.env;
    let discovery = await this.discover();
    let discoveredAt = clock.now();
    for (let round = 0; !signal.aborted; round++) {
      if (clock.now() - discoveredAt >= config.schedule.discoveryIntervalMs) {
        const next = await this.discover();
        if (next.targets.length > 0 || discovery.targets.length === 0) discovery = next;
        discoveredAt = clock.now();
      }
      const started = clock.now();
      const jobs = await this.round(discovery.targets, { round, spread: true, signal });
      await this.env.sink.flush();
      log.info({ round, jobs: jobs.length, targets: discovery.targets.length }, 'round done');
      const rest = started + config.schedule.cadenceMs - clock.now();
      if (rest > 0 && !(await pause(clock, rest, signal))) break;
    }
  }

  async close(): Promise<void> {
    await this.env.sink.close();
    if (this.ownsWebhook) await this.webhook?.close();
  }
}
