import { ATTR, METRIC } from '@naap/otel';
import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import { counter, histogram } from '../instruments.js';
import {
  HealthTracker,
  type Sampler,
  type SamplerContext,
  type SamplerHealth,
  type RunListener,
} from '../sampler.js';
import { JOB_DURATION_BOUNDARIES_S } from './buckets.js';
import { JobCorrelator } from './correlate.js';
import type { JobObservation } from './events.js';
import { JobStats, ModelGuard, type JobCount, type LastJob } from './job-stats.js';
import type { SourceLine } from './line-splitter.js';
import { analyzeLine } from './parse.js';
import { openSource, type LineSource, type SourceOptions } from './source.js';

export interface GoLivepeerLogSamplerOptions extends SourceOptions {
  /** Distinct `livepeer.model_id` values reported before new ones lose it (default 100). */
  readonly maxModels?: number;
  /**
   * Whether to export `livepeer.ai.jobs` (default true). Off when the
   * go-livepeer-metrics sampler counts jobs from go-livepeer's own counters,
   * so a job is never counted twice; the duration histogram is always exported.
   */
  readonly countJobs?: boolean;
  readonly now?: () => number;
}

/** Line accounting of the sampler. */
export interface LogLineCounts {
  readonly read: number;
  /** Job lines: parsed into an event. */
  readonly parsed: number;
  /** Other glog lines (start-up, payments without a session, …). */
  readonly ignored: number;
  /** Lines that are not glog output at all (counted, not errors). */
  readonly garbage: number;
  /** Lines cut at the 64 KiB bound. */
  readonly truncated: number;
}

export interface GoLivepeerLogHealth extends SamplerHealth {
  readonly lines: LogLineCounts;
  readonly sourceErrors: number;
  /** HTTP error lines absorbed into the job logged before them. */
  readonly absorbedHttpErrors: number;
  /** Jobs reported without a model id because the model bound was reached. */
  readonly modelOverflow: number;
}

export interface GoLivepeerLogSnapshot {
  readonly source: string;
  readonly lines: LogLineCounts;
  readonly jobs: readonly JobCount[];
  readonly streamStarts: number;
  readonly lastJob: LastJob | null;
}

const NAME = 'go-livepeer-log';

/**
 * `go-livepeer-log`: follows the go-livepeer log (file, journald unit or
 * Docker container, from `config.jobLog`) and turns its job lines into
 * `livepeer.ai.job.duration` (seconds, per pipeline, model and outcome) and
 * `livepeer.ai.jobs` (per pipeline, model, outcome and error class). Each
 * batch of lines read is one run of the health figures; a source error (a
 * command exiting, a file not readable) is a failed run.
 */
export class GoLivepeerLogSampler implements Sampler {
  readonly name = NAME;
  private readonly tracker: HealthTracker;
  private readonly now: () => number;
  private readonly correlator = new JobCorrelator();
  private readonly stats = new JobStats();
  private readonly models: ModelGuard;
  private lines = { read: 0, parsed: 0, ignored: 0, garbage: 0, truncated: 0 };
  private sourceErrors = 0;
  private streamStarts = 0;
  private source: LineSource | null = null;
  private description = 'none';
  private duration: Histogram | null = null;
  private jobs: Counter | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: GoLivepeerLogSamplerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tracker = new HealthTracker(this.now);
    this.models = new ModelGuard(options.maxModels ?? 100);
  }

  async start(ctx: SamplerContext): Promise<void> {
    this.duration = histogram(ctx.meter, METRIC.jobDuration, [...JOB_DURATION_BOUNDARIES_S]);
    if (this.options.countJobs !== false) this.jobs = counter(ctx.meter, METRIC.jobs);
    const log = ctx.log.child({ sampler: NAME });
    this.source = openSource(
      ctx.config.jobLog,
      {
        onLines: (lines) => {
          this.ingest(lines);
        },
        onError: (err) => {
          this.sourceErrors++;
          this.tracker.failure(err);
          log.warn({ err: err.message, source: this.description }, 'job log source error');
        },
      },
      this.options,
    );
    if (this.source === null) {
      log.info('job log disabled (jobLog.kind = none)');
      return;
    }
    this.description = this.source.description;
    if (ctx.signal.aborted) return;
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true });
    await this.source.start();
    log.info({ source: this.description }, 'following the go-livepeer log');
  }

  stop(): Promise<void> {
    this.stopping ??= this.source?.close() ?? Promise.resolve();
    return this.stopping;
  }

  /** Accounts for lines read from the source (the sources call it; so may tests). */
  ingest(lines: readonly (SourceLine | string)[]): void {
    const started = performance.now();
    for (const item of lines) {
      const line = typeof item === 'string' ? { text: item, truncated: false } : item;
      this.lines.read++;
      if (line.truncated) this.lines.truncated++;
      this.correlator.tick();
      const { event, glog } = analyzeLine(line.text);
      if (event === null) {
        if (glog) this.lines.ignored++;
        else this.lines.garbage++;
        continue;
      }
      this.lines.parsed++;
      for (const job of this.correlator.accept(event)) this.record(job);
    }
    this.tracker.success(performance.now() - started);
  }

  snapshot(): GoLivepeerLogSnapshot {
    return {
      source: this.description,
      lines: { ...this.lines },
      jobs: this.stats.jobs(),
      streamStarts: this.streamStarts,
      lastJob: this.stats.last(),
    };
  }

  onRun(listener: RunListener): void {
    this.tracker.listen(listener);
  }

  health(): GoLivepeerLogHealth {
    return {
      ...this.tracker.health(),
      lines: { ...this.lines },
      sourceErrors: this.sourceErrors,
      absorbedHttpErrors: this.correlator.absorbed,
      modelOverflow: this.models.overflowed,
    };
  }

  private record(job: JobObservation): void {
    const modelId = this.models.admit(job.modelId);
    const attrs: Attributes = { [ATTR.outcome]: job.outcome };
    if (job.pipeline !== null) attrs[ATTR.pipeline] = job.pipeline;
    if (modelId !== null) attrs[ATTR.modelId] = modelId;
    const jobAttrs =
      job.errorClass === null ? attrs : { ...attrs, [ATTR.errorClass]: job.errorClass };
    this.jobs?.add(1, jobAttrs);
    if (job.durationS !== null) this.duration?.record(job.durationS, attrs);
    if (job.source === 'stream-start') this.streamStarts++;
    this.stats.add(job, modelId, this.now());
  }
}
