import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SimClock,
  SimEngine,
  resolveScenario,
  startGateway,
  validateScenario,
  type GatewayOptions,
  type GatewayRequestRecord,
  type OrchestratorSpec,
  type RunningGateway,
  type SimContext,
  type WorkloadSpec,
} from '@naap/sim';
import { pino } from 'pino';
import type { Clock } from '../src/clock.js';
import { loadGatewayConfig } from '../src/config/resolve.js';
import type { GatewayConfig } from '../src/config/types.js';
import { startPinWebhook, type PinWebhook } from '../src/pinning/webhook.js';
import { MemorySink } from '../src/report/sink.js';
import { Runner, type RunnerDeps } from '../src/runner.js';

/**
 * Test support (not a test): a simulated network on an accelerated clock,
 * simulated go-livepeer gateways over it, and a runner measuring in
 * simulated time. The simulator-only header naming the serving orchestrator
 * is collected per job as ground truth; the runner never reads it.
 */

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const SIM_HEADER = 'x-naap-sim-orchestrator';

export function workload(
  pipeline: WorkloadSpec['pipeline'],
  model: string,
  extra: Partial<WorkloadSpec> = {},
): WorkloadSpec {
  return { pipeline, model, failureRate: 0, capacity: 8, warm: true, demandPerHour: 0, ...extra };
}

export function orch(id: string, workloads: WorkloadSpec[]): OrchestratorSpec {
  return {
    id,
    region: 'FRA',
    serviceUri: `https://${id}.example.com:8935`,
    gpus: [{ model: 'rtx-4090', workloads }],
  };
}

export interface TestNetwork {
  readonly ctx: SimContext;
  readonly clock: SimClock;
  readonly engine: SimEngine;
  /** The runner's clock: simulated time. */
  readonly runnerClock: Clock;
  readonly speed: number;
  /** Address of a scenario orchestrator by id. */
  address(id: string): string;
  gateway(options?: GatewayOptions): Promise<RunningGateway>;
  /** Gateway requests of the ledger. */
  requests(): readonly GatewayRequestRecord[];
  dispose(): Promise<void>;
}

/** Sub-millisecond wall time: simulated time stays precise at high speeds. */
const preciseWall = () => performance.timeOrigin + performance.now();

export async function testNetwork(
  orchestrators: OrchestratorSpec[],
  speed = 100,
  seed = 11,
  startMs = T0,
): Promise<TestNetwork> {
  const scenario = validateScenario({
    version: 1,
    name: 'gateway-runner-test',
    seed,
    orchestrators,
  });
  const network = resolveScenario(scenario);
  const clock = new SimClock({ startMs, speed, wallNow: preciseWall });
  const engine = new SimEngine(network, clock);
  const stateDir = await mkdtemp(join(tmpdir(), 'naap-gw-runner-'));
  const ctx: SimContext = { network, clock, engine, stateDir };
  const gateways: RunningGateway[] = [];
  const runnerClock: Clock = {
    now: () => clock.now(),
    sleep: (ms, signal) =>
      sleep(clock.wallDuration(Math.max(0, ms)), undefined, signal ? { signal } : {}),
  };
  return {
    ctx,
    clock,
    engine,
    runnerClock,
    speed,
    address: (id) => {
      const o = network.orchestrators.find((x) => x.id === id);
      if (o === undefined) throw new Error(`no orchestrator ${id}`);
      return o.address.toLowerCase();
    },
    async gateway(options = {}) {
      const g = await startGateway(ctx, { webhookCacheMs: 60_000 / speed, ...options });
      gateways.push(g);
      return g;
    },
    requests: () => engine.gatewayRequests(),
    async dispose() {
      for (const g of gateways) await g.close();
      for (const g of gateways) await g.runtime.idle();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Ground truth: the orchestrator each job's answers named (simulator header), by job id. */
export class TruthRecorder {
  readonly byJob = new Map<string, string[]>();
  readonly observe: NonNullable<RunnerDeps['onResponse']> = (jobId, res) => {
    const v = res.headers.get(SIM_HEADER);
    if (v === null) return;
    const list = this.byJob.get(jobId) ?? [];
    list.push(v.toLowerCase());
    this.byJob.set(jobId, list);
  };

  /** The last orchestrator named for a job (null: none). */
  servedBy(jobId: string): string | null {
    return this.byJob.get(jobId)?.at(-1) ?? null;
  }
}

/** Command-line flags from an object: `{ 'jobs-per-unit': 2 }` → `['--jobs-per-unit', '2']`. */
export function flags(options: Readonly<Record<string, string | number>>): string[] {
  return Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)]);
}

export async function testConfig(
  options: Readonly<Record<string, string | number>>,
  env: Readonly<Record<string, string>> = {},
): Promise<GatewayConfig> {
  return loadGatewayConfig(
    flags({ region: 'FRA', 'results-file': '', collector: '', 'log-level': 'warn', ...options }),
    env,
  );
}

export interface TestRunner {
  readonly runner: Runner;
  readonly sink: MemorySink;
  readonly truth: TruthRecorder;
  close(): Promise<void>;
}

export async function testRunner(
  config: GatewayConfig,
  net: TestNetwork,
  deps: Omit<RunnerDeps, 'clock' | 'sink' | 'onResponse' | 'log'>,
): Promise<TestRunner> {
  const sink = new MemorySink();
  const truth = new TruthRecorder();
  const runner = await Runner.create(config, {
    ...deps,
    clock: net.runnerClock,
    sink,
    onResponse: truth.observe,
    log: pino({ level: 'silent' }),
  });
  return { runner, sink, truth, close: () => runner.close() };
}

/** The pinning webhook on an ephemeral port, in simulated time. */
export function testWebhook(net: TestNetwork): Promise<PinWebhook> {
  return startPinWebhook(net.runnerClock, '127.0.0.1', 0);
}

/** A targets-file entry for a scenario orchestrator, optionally behind its own gateway. */
export function staticTarget(net: TestNetwork, id: string, gateway?: RunningGateway) {
  return {
    address: net.address(id),
    uri: `https://${id}.example.com:8935`,
    ...(gateway === undefined ? {} : { gatewayUrl: gateway.url, cliUrl: gateway.cliUrl }),
  };
}

/** A gateway pinned to one orchestrator (go-livepeer -orchAddr). */
export function pinnedGateway(net: TestNetwork, id: string): Promise<RunningGateway> {
  return net.gateway({ orchAddr: [`https://${id}.example.com:8935`] });
}

/** Writes a static targets file and returns its path. */
export async function targetsFile(net: TestNetwork, doc: unknown): Promise<string> {
  const path = join(net.ctx.stateDir, `targets-${Math.random().toString(16).slice(2)}.json`);
  await writeFile(path, JSON.stringify(doc));
  return path;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
