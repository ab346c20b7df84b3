import type { Meter } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { AgentConfig } from '../config/types.js';

/** What a sampler is given when it starts. */
export interface SamplerContext {
  readonly config: AgentConfig;
  /** Meter of the agent's MeterProvider: create instruments with `instruments.ts`. */
  readonly meter: Meter;
  readonly log: Logger;
  /** Aborted when the agent stops. */
  readonly signal: AbortSignal;
}

/** Self-observation every sampler keeps (exported as naap.agent.sampler.* metrics). */
export interface SamplerHealth {
  readonly runs: number;
  readonly errors: number;
  readonly lastSuccessMs: number | null;
  readonly lastError: string | null;
  readonly lastDurationMs: number | null;
}

/** Told of every sampler run that has a duration (exported as naap.agent.sampler.duration). */
export type RunListener = (durationMs: number, ok: boolean) => void;

/**
 * One source of telemetry, registered by name, enabled/disabled by config,
 * with its own interval and timeout. Samplers never block the event loop:
 * child processes through execa, files and HTTP asynchronously.
 */
export interface Sampler {
  readonly name: string;
  start(ctx: SamplerContext): Promise<void>;
  stop(): Promise<void>;
  /** Plain-data view of the latest sample, for `naap-agent sample --once --json` and `doctor`. */
  snapshot(): unknown;
  health(): SamplerHealth;
  /** Registers the listener of this sampler's runs (before `start`). */
  onRun(listener: RunListener): void;
}

/** Keeps a sampler's health figures. */
export class HealthTracker {
  private runs = 0;
  private errors = 0;
  private lastSuccessMs: number | null = null;
  private lastError: string | null = null;
  private lastDurationMs: number | null = null;
  private listener: RunListener | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Tells `listener` of every run with a duration from now on. */
  listen(listener: RunListener): void {
    this.listener = listener;
  }

  success(durationMs: number): void {
    this.runs++;
    this.lastSuccessMs = this.now();
    this.lastDurationMs = durationMs;
    this.tell(durationMs, true);
  }

  failure(error: unknown, durationMs?: number): void {
    this.runs++;
    this.errors++;
    this.lastError = error instanceof Error ? error.message : String(error);
    if (durationMs === undefined) return;
    this.lastDurationMs = durationMs;
    this.tell(durationMs, false);
  }

  private tell(durationMs: number, ok: boolean): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    try {
      this.listener?.(durationMs, ok);
    } catch {
      // Self-observation must never cost a sample.
    }
  }

  health(): SamplerHealth {
    return {
      runs: this.runs,
      errors: this.errors,
      lastSuccessMs: this.lastSuccessMs,
      lastError: this.lastError,
      lastDurationMs: this.lastDurationMs,
    };
  }
}
