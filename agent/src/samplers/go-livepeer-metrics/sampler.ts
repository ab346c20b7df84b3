import { ATTR, METRIC, type MetricName } from '@naap/otel';
import type {
  Attributes,
  Meter,
  ObservableCallback,
  ObservableCounter,
  ObservableGauge,
} from '@opentelemetry/api';
import { observableCounter, observableGauge } from '../instruments.js';
import {
  HealthTracker,
  type Sampler,
  type SamplerContext,
  type SamplerHealth,
  type RunListener,
} from '../sampler.js';
import type { GoLivepeerReading, JobTotal, WorkKey, WorkValue } from './mapping.js';
import { runPeriodically, type Periodic } from './periodic.js';
import { MAX_METRICS_BYTES, scrapeGoLivepeer, type ScrapeResult } from './scrape.js';

export interface GoLivepeerMetricsOptions {
  /** Largest `/metrics` body read (default 8 MiB). */
  readonly maxBodyBytes?: number;
  /**
   * Gauges (containers, GPUs, live streams) are no longer reported once the
   * last good scrape is older than this (default: 5 scrape intervals, at
   * least 60 s). Counters keep their last cumulative value: it is still true.
   */
  readonly staleAfterMs?: number;
  readonly now?: () => number;
}

/** Plain-data view for `naap-agent sample --once --json` and `doctor`. */
export interface GoLivepeerMetricsSnapshot {
  readonly cliUrl: string | undefined;
  readonly scrapes: number;
  readonly errors: number;
  readonly lastScrapeMs: number | null;
  readonly lastGoodScrapeMs: number | null;
  readonly lastError: string | null;
  readonly stale: boolean;
  readonly reading: GoLivepeerReading | null;
}

export function workAttributes(k: WorkKey): Attributes {
  const a: Attributes = {};
  if (k.pipeline !== undefined) a[ATTR.pipeline] = k.pipeline;
  if (k.modelId !== undefined) a[ATTR.modelId] = k.modelId;
  return a;
}

export function jobAttributes(j: JobTotal): Attributes {
  const a = workAttributes(j);
  a[ATTR.outcome] = j.outcome;
  if (j.errorClass !== null) a[ATTR.errorClass] = j.errorClass;
  return a;
}

type Instrument = ObservableCounter | ObservableGauge;

/**
 * `go-livepeer-metrics`: scrapes go-livepeer's Prometheus `/metrics` on its
 * CLI port every `goLivepeer.scrapeIntervalMs` (one scrape at a time, each
 * bounded in time and size) and exports, as observable instruments, the
 * cumulative job totals by pipeline, model, outcome and error class, the
 * container and GPU gauges, live streams and ticket value received. A failed
 * scrape is counted and the last good values are kept.
 */
export class GoLivepeerMetricsSampler implements Sampler {
  readonly name = 'go-livepeer-metrics';
  private readonly now: () => number;
  private readonly tracker: HealthTracker;
  private reading: GoLivepeerReading | null = null;
  private lastScrapeMs: number | null = null;
  private lastGoodScrapeMs: number | null = null;
  private lastError: string | null = null;
  private scrapes = 0;
  private failures = 0;
  private failing = false;
  private settings: { cliUrl: string; timeoutMs: number; staleAfterMs: number } | null = null;
  private ctx: SamplerContext | null = null;
  private inFlight: Promise<ScrapeResult> | null = null;
  private periodic: Periodic | null = null;
  private readonly unregister: (() => void)[] = [];

  constructor(private readonly options: GoLivepeerMetricsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tracker = new HealthTracker(this.now);
  }

  start(ctx: SamplerContext): Promise<void> {
    const { cliUrl, scrapeIntervalMs, timeoutMs } = ctx.config.goLivepeer;
    this.ctx = ctx;
    if (cliUrl === undefined) {
      ctx.log.info({ sampler: this.name }, 'no go-livepeer CLI URL configured: sampler idle');
      return Promise.resolve();
    }
    const staleAfterMs = this.options.staleAfterMs ?? Math.max(60_000, 5 * scrapeIntervalMs);
    this.settings = { cliUrl, timeoutMs, staleAfterMs };
    this.register(ctx.meter);
    this.periodic = runPeriodically(
      (signal) => this.scrapeOnce(signal),
      scrapeIntervalMs,
      ctx.signal,
    );
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.periodic?.stop();
    this.periodic = null;
    await this.inFlight;
    for (const off of this.unregister.splice(0)) off();
  }

  /** One scrape now, or the one already in progress (scrapes never overlap). */
  scrapeOnce(signal?: AbortSignal): Promise<ScrapeResult> {
    this.inFlight ??= this.scrape(signal).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async scrape(signal: AbortSignal | undefined): Promise<ScrapeResult> {
    const s = this.settings;
    if (s === null) return { ok: false, error: 'sampler not started with a go-livepeer CLI URL' };
    const t0 = performance.now();
    const result = await scrapeGoLivepeer(s.cliUrl, {
      timeoutMs: s.timeoutMs,
      maxBytes: this.options.maxBodyBytes ?? MAX_METRICS_BYTES,
      ...(signal !== undefined ? { signal } : {}),
    });
    const durationMs = performance.now() - t0;
    this.scrapes++;
    this.lastScrapeMs = this.now();
    if (result.ok) {
      this.reading = result.reading;
      this.lastGoodScrapeMs = this.lastScrapeMs;
      this.tracker.success(durationMs);
      if (this.failing)
        this.ctx?.log.info({ sampler: this.name }, 'go-livepeer /metrics readable again');
      this.failing = false;
    } else {
      this.failures++;
      this.lastError = result.error;
      this.tracker.failure(new Error(result.error), durationMs);
      // One warning per run of failures, not one per scrape.
      const log = this.ctx?.log;
      const fields = { sampler: this.name, error: result.error };
      if (!this.failing)
        log?.warn(fields, 'go-livepeer /metrics scrape failed; keeping last values');
      else log?.debug(fields, 'go-livepeer /metrics scrape failed');
      this.failing = true;
    }
    return result;
  }

  private isStale(): boolean {
    const s = this.settings;
    if (s === null || this.lastGoodScrapeMs === null) return true;
    return this.now() - this.lastGoodScrapeMs > s.staleAfterMs;
  }

  private observe(instrument: Instrument, callback: ObservableCallback): void {
    instrument.addCallback(callback);
    this.unregister.push(() => {
      instrument.removeCallback(callback);
    });
  }

  private gauge(
    meter: Meter,
    name: MetricName,
    pick: (r: GoLivepeerReading) => readonly WorkValue[],
  ) {
    this.observe(observableGauge(meter, name), (result) => {
      if (this.reading === null || this.isStale()) return;
      for (const v of pick(this.reading)) result.observe(v.value, workAttributes(v));
    });
  }

  private register(meter: Meter): void {
    this.observe(observableCounter(meter, METRIC.jobs), (result) => {
      for (const j of this.reading?.jobs ?? []) result.observe(j.total, jobAttributes(j));
    });
    this.observe(observableCounter(meter, METRIC.ticketValueReceived), (result) => {
      const gwei = this.reading?.ticketValueReceivedGwei ?? null;
      if (gwei !== null) result.observe(gwei);
    });
    this.gauge(meter, METRIC.containersInUse, (r) => r.containersInUse);
    this.gauge(meter, METRIC.containersIdle, (r) => r.containersIdle);
    this.gauge(meter, METRIC.gpusIdle, (r) => r.gpusIdle);
    this.gauge(meter, METRIC.liveStreams, (r) => r.liveStreams);
  }

  snapshot(): GoLivepeerMetricsSnapshot {
    return {
      cliUrl: this.settings?.cliUrl ?? this.ctx?.config.goLivepeer.cliUrl,
      scrapes: this.scrapes,
      errors: this.failures,
      lastScrapeMs: this.lastScrapeMs,
      lastGoodScrapeMs: this.lastGoodScrapeMs,
      lastError: this.lastError,
      stale: this.isStale(),
      reading: this.reading,
    };
  }

  onRun(listener: RunListener): void {
    this.tracker.listen(listener);
  }

  health(): SamplerHealth {
    return this.tracker.health();
  }
}
