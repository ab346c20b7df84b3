import type { Logger } from 'pino';
import {
  HealthTracker,
  type Sampler,
  type SamplerContext,
  type SamplerHealth,
  type RunListener,
} from '../sampler.js';
import { aborted, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff.js';
import { queryComputeApps, type ComputeApp } from './compute-apps.js';
import { registerGpuInstruments, type ContainerOfPid } from './export.js';
import type { GpuReading } from './fields.js';
import { LatestValue, ReadingStore } from './store.js';
import { SmiSupervisor, type SupervisorState } from './supervisor.js';

export interface NvidiaSmiSamplerOptions {
  /** Maps a GPU process to its ai-runner container (per-process VRAM attributes). */
  readonly containerOfPid?: ContainerOfPid;
  /** GPUs whose CUE another sampler measures (DCGM): the proxy is left out for them. */
  readonly cueMeasured?: (uuid: string) => boolean;
  /** Restart delays of the streaming child (default 1 s doubling to 60 s). */
  readonly backoff?: Partial<BackoffPolicy>;
  /** Retry period while the binary is missing (default 5 min). */
  readonly missingRetryMs?: number;
  /** Timeout of one `--query-compute-apps` run (default 10 s; runs never overlap). */
  readonly computeAppsTimeoutMs?: number;
  readonly now?: () => number;
}

/** Plain-data view for `naap-agent sample --once --json` and `doctor`. */
export interface NvidiaSmiSnapshot {
  /** Latest fresh reading per GPU. */
  readonly gpus: readonly GpuReading[];
  readonly processes: readonly ComputeApp[];
  readonly child: SupervisorState | null;
  readonly rejectedLines: number;
}

/** Readings older than this many intervals are stale (e.g. the child hung). */
export const STALE_INTERVALS = 3;

interface Running {
  readonly supervisor: SmiSupervisor;
  readonly store: ReadingStore;
  readonly apps: LatestValue<readonly ComputeApp[]>;
  readonly abort: AbortController;
  readonly appsLoop: Promise<void>;
  readonly unregister: () => void;
}

/**
 * GPU telemetry from ONE long-running `nvidia-smi --query-gpu … -lms`, plus
 * a short `--query-compute-apps` run every `computeAppsIntervalMs`.
 */
export class NvidiaSmiSampler implements Sampler {
  readonly name = 'nvidia-smi';
  private readonly tracker: HealthTracker;
  private readonly now: () => number;
  private running: Running | undefined;
  private rejectedLines = 0;
  private block: { readonly firstMs: number; readonly lastMs: number } | undefined;

  constructor(private readonly options: NvidiaSmiSamplerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tracker = new HealthTracker(this.now);
  }

  start(ctx: SamplerContext): Promise<void> {
    if (this.running !== undefined) return Promise.resolve();
    const { path, intervalMs, computeAppsIntervalMs } = ctx.config.nvidiaSmi;
    const log = ctx.log.child({ sampler: this.name });
    const store = new ReadingStore(STALE_INTERVALS * intervalMs, this.now);
    const apps = new LatestValue<readonly ComputeApp[]>(
      STALE_INTERVALS * computeAppsIntervalMs,
      this.now,
    );
    const supervisor = this.supervisor(path, intervalMs, log, store);
    const abort = new AbortController();
    const unregister = registerGpuInstruments(
      ctx.meter,
      {
        gpus: () => store.fresh(),
        processes: () => apps.fresh() ?? [],
        ...(this.options.cueMeasured ? { cueMeasured: this.options.cueMeasured } : {}),
      },
      this.options.containerOfPid,
    );
    supervisor.start();
    const appsLoop = this.pollApps(path, computeAppsIntervalMs, apps, supervisor, abort.signal)
      // Not expected (queryComputeApps never throws): never an unhandled rejection.
      .catch((err: unknown) => {
        log.error({ err }, 'nvidia-smi compute-apps poller stopped unexpectedly');
        this.tracker.failure(err);
      });
    this.running = { supervisor, store, apps, abort, appsLoop, unregister };
    if (ctx.signal.aborted) return this.stop();
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true });
    return Promise.resolve();
  }

  /** Kills the child and waits for it, so no process is left behind. */
  async stop(): Promise<void> {
    const r = this.running;
    if (r === undefined) return;
    this.running = undefined;
    r.unregister();
    r.abort.abort();
    await Promise.all([r.supervisor.stop(), r.appsLoop]);
  }

  snapshot(): NvidiaSmiSnapshot {
    const r = this.running;
    return {
      gpus: r?.store.fresh() ?? [],
      processes: r?.apps.fresh() ?? [],
      child: r?.supervisor.state() ?? null,
      rejectedLines: this.rejectedLines,
    };
  }

  onRun(listener: RunListener): void {
    this.tracker.listen(listener);
  }

  health(): SamplerHealth {
    return this.tracker.health();
  }

  private supervisor(
    path: string,
    intervalMs: number,
    log: Logger,
    store: ReadingStore,
  ): SmiSupervisor {
    return new SmiSupervisor({
      path,
      intervalMs,
      log,
      backoff: { ...DEFAULT_BACKOFF, ...this.options.backoff },
      missingRetryMs: this.options.missingRetryMs ?? 300_000,
      onReading: (reading) => {
        this.onReading(store, reading);
      },
      onRejected: (reason) => {
        this.rejectedLines++;
        this.tracker.failure(new Error(`rejected nvidia-smi line (${reason})`));
      },
      onRestart: (description) => {
        this.block = undefined;
        this.tracker.failure(new Error(description));
      },
    });
  }

  /**
   * A reading that opens a new `-lms` block closes the previous one: one
   * successful run, lasting from its first line to its last.
   */
  private onReading(store: ReadingStore, reading: GpuReading): void {
    const now = this.now();
    const block = this.block;
    if (store.put(reading) && block !== undefined) {
      this.tracker.success(block.lastMs - block.firstMs);
      this.block = undefined;
    }
    this.block = { firstMs: this.block?.firstMs ?? now, lastMs: now };
  }

  private async pollApps(
    path: string,
    everyMs: number,
    apps: LatestValue<readonly ComputeApp[]>,
    supervisor: SmiSupervisor,
    signal: AbortSignal,
  ): Promise<void> {
    const timeoutMs = this.options.computeAppsTimeoutMs ?? 10_000;
    while (!signal.aborted) {
      if (!supervisor.state().binaryMissing) {
        const r = await queryComputeApps(path, timeoutMs, signal);
        if (aborted(signal)) return;
        if (r.ok) apps.set(r.apps);
        else if (!r.missing) this.tracker.failure(new Error(r.error));
      }
      await sleep(everyMs, signal);
    }
  }
}
