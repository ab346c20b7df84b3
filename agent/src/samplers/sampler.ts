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
}

/** Keeps a sampler's health figures. */
export class HealthTracker {
  private runs = 0;
  private errors = 0;
  private lastSuccessMs: number | null = null;
  private lastError: string | null = null;
  private lastDurationMs: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  success(durationMs: number): void {
    this.runs++;
    this.lastSuccessMs = this.now();
    this.lastDurationMs = durationMs;
  }

  failure(error: unknown, durationMs?: number): void {
    this.runs++;
    this.errors++;
    this.lastError = error instanceof Error ? error.message : String(error);
    if (durationMs !== undefined) this.lastDurationMs = durationMs;
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
