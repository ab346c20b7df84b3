import { ATTR, METRIC, cueMeasured, type DcgmPipeActivity } from '@naap/otel';
import type { ObservableResult } from '@opentelemetry/api';
import { observableGauge } from '../instruments.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../nvidia-smi/backoff.js';
import {
  HealthTracker,
  type RunListener,
  type Sampler,
  type SamplerContext,
  type SamplerHealth,
} from '../sampler.js';
import type { DcgmGpu, GpuIds } from './discovery.js';
import type { DmonLine } from './dmon.js';
import { DcgmLoop, type DcgmLoopState } from './loop.js';

export interface DcgmSamplerOptions {
  readonly backoff?: Partial<BackoffPolicy>;
  /** Retry period while dcgmi is absent or profiling unavailable (default 10 min). */
  readonly idleRetryMs?: number;
  readonly discoveryTimeoutMs?: number;
  readonly now?: () => number;
}

interface Measured {
  readonly gpu: DcgmGpu;
  readonly activity: DcgmPipeActivity;
  readonly cue: number;
  readonly atMs: number;
}

export interface DcgmSnapshot {
  readonly gpus: readonly {
    readonly uuid: string;
    readonly cue: number;
    readonly activity: DcgmPipeActivity;
  }[];
  readonly loop: DcgmLoopState | null;
  readonly rejectedLines: number;
  /** Rows of MIG instances or of GPU ids discovery did not list (not exported). */
  readonly unmappedRows: number;
}

/** Readings older than this many intervals are stale. */
const STALE_INTERVALS = 3;

/**
 * Measured CUE from DCGM profiling: the largest pipe activity (tensor, FP16,
 * FP32, FP64) per GPU, exported as `naap.gpu.cue` with `naap.cue.source=dcgm`.
 * Optional: without dcgmi, or on GPUs without profiling counters, it exports
 * nothing and CUE stays the nvidia-smi proxy, labelled `proxy`. MIG
 * instances are not reported (the GPU rows are).
 */
export class DcgmSampler implements Sampler {
  readonly name = 'dcgm';
  private readonly tracker: HealthTracker;
  private readonly now: () => number;
  private readonly latest = new Map<string, Measured>();
  private gpus: GpuIds = new Map();
  private staleMs = 3_000;
  private loop: DcgmLoop | undefined;
  private unregister: (() => void) | undefined;
  private block: { firstMs: number; lastMs: number; seen: Set<number> } | undefined;
  private rejectedLines = 0;
  private unmappedRows = 0;

  constructor(private readonly options: DcgmSamplerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tracker = new HealthTracker(this.now);
  }

  start(ctx: SamplerContext): Promise<void> {
    if (this.loop !== undefined) return Promise.resolve();
    const { path, intervalMs } = ctx.config.dcgm;
    this.staleMs = STALE_INTERVALS * intervalMs;
    const gauge = observableGauge(ctx.meter, METRIC.gpuCue);
    const observe = (r: ObservableResult): void => {
      this.observe(r);
    };
    gauge.addCallback(observe);
    this.unregister = () => {
      gauge.removeCallback(observe);
    };
    this.loop = new DcgmLoop({
      path,
      intervalMs,
      log: ctx.log,
      backoff: { ...DEFAULT_BACKOFF, ...this.options.backoff },
      idleRetryMs: this.options.idleRetryMs ?? 600_000,
      discoveryTimeoutMs: this.options.discoveryTimeoutMs ?? 10_000,
      onGpus: (gpus) => {
        this.gpus = gpus;
      },
      onLine: (line) => {
        this.onLine(line);
      },
      onProblem: (description) => {
        this.block = undefined;
        this.tracker.failure(new Error(description));
      },
    });
    this.loop.start();
    if (ctx.signal.aborted) return this.stop();
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true });
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    if (loop === undefined) return;
    this.loop = undefined;
    this.unregister?.();
    await loop.stop();
  }

  /** UUIDs of the GPUs with a fresh measured CUE: the nvidia-smi proxy is left out for them. */
  measuredUuids(): ReadonlySet<string> {
    return new Set(this.fresh().map((m) => m.gpu.uuid));
  }

  snapshot(): DcgmSnapshot {
    return {
      gpus: this.fresh().map((m) => ({ uuid: m.gpu.uuid, cue: m.cue, activity: m.activity })),
      loop: this.loop?.state() ?? null,
      rejectedLines: this.rejectedLines,
      unmappedRows: this.unmappedRows,
    };
  }

  onRun(listener: RunListener): void {
    this.tracker.listen(listener);
  }

  health(): SamplerHealth {
    return this.tracker.health();
  }

  private fresh(): Measured[] {
    const now = this.now();
    return [...this.latest.values()].filter((m) => now - m.atMs <= this.staleMs);
  }

  private observe(r: ObservableResult): void {
    for (const m of this.fresh()) {
      r.observe(m.cue, {
        [ATTR.hwId]: m.gpu.uuid,
        ...(m.gpu.name !== undefined ? { [ATTR.hwModel]: m.gpu.name } : {}),
        [ATTR.hwVendor]: 'nvidia',
        [ATTR.cueSource]: 'dcgm',
      });
    }
  }

  private onLine(line: DmonLine): void {
    if (line.kind === 'rejected') {
      this.rejectedLines++;
      this.tracker.failure(new Error(`rejected dcgmi dmon line (${line.reason})`));
      return;
    }
    if (line.kind !== 'row') return;
    const gpu = line.entity.group === 'GPU' ? this.gpus.get(line.entity.id) : undefined;
    if (gpu === undefined) {
      this.unmappedRows++;
      return;
    }
    this.closeBlock(line.entity.id);
    let cue: number | undefined;
    try {
      cue = cueMeasured(line.activity)?.value;
    } catch {
      cue = undefined;
    }
    if (cue === undefined) this.latest.delete(gpu.uuid);
    else this.latest.set(gpu.uuid, { gpu, activity: line.activity, cue, atMs: this.now() });
  }

  /**
   * A row for a GPU already seen opens a new sample: the previous one was
   * one successful run, lasting from its first row to its last.
   */
  private closeBlock(gpuId: number): void {
    const now = this.now();
    const b = this.block;
    if (b !== undefined && b.seen.has(gpuId)) {
      this.tracker.success(b.lastMs - b.firstMs);
      this.block = undefined;
    }
    this.block ??= { firstMs: now, lastMs: now, seen: new Set() };
    this.block.lastMs = now;
    this.block.seen.add(gpuId);
  }
}
