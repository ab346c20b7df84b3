import {
  ATTR,
  JOB_DURATION_BOUNDARIES_S,
  LIVE_FPS_BOUNDARIES,
  METRIC,
  metricDef,
  type MetricName,
  type TestloadJobRecord,
} from '@naap/otel';
import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';

/**
 * Bucket bounds (s) of client-side job times (duration, TTFB, first frame):
 * the contract's, as the agent's job durations use, 50 ms … 10 min in steps
 * of 10 %, so quantiles from the histograms stay within the metrics' 5 %.
 */
const DURATION_BUCKETS_S = [...JOB_DURATION_BOUNDARIES_S];
export const TOKENS_PER_SECOND_BUCKETS = [
  1, 2, 5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500,
];

function def(name: MetricName) {
  const d = metricDef(name);
  if (d === undefined) throw new RangeError(`metric ${name} is not in the telemetry contract`);
  return d;
}

function counter(meter: Meter, name: MetricName): Counter {
  const d = def(name);
  return meter.createCounter(d.name, { unit: d.unit, description: d.description });
}

function histogram(meter: Meter, name: MetricName, bounds: number[]): Histogram {
  const d = def(name);
  return meter.createHistogram(d.name, {
    unit: d.unit,
    description: d.description,
    advice: { explicitBucketBoundaries: bounds },
  });
}

/** The test-load instruments of the contract, and how a job record feeds them. */
export class JobInstruments {
  private readonly jobs: Counter;
  private readonly duration: Histogram;
  private readonly ttfb: Histogram;
  private readonly swaps: Counter;
  private readonly fps: Histogram;
  private readonly fpsSquares: Counter;
  private readonly firstFrame: Histogram;
  private readonly tokensPerSecond: Histogram;

  constructor(meter: Meter) {
    this.jobs = counter(meter, METRIC.jobs);
    this.duration = histogram(meter, METRIC.jobDuration, DURATION_BUCKETS_S);
    this.ttfb = histogram(meter, METRIC.jobTtfb, DURATION_BUCKETS_S);
    this.swaps = counter(meter, METRIC.swaps);
    this.fps = histogram(meter, METRIC.liveFps, [...LIVE_FPS_BOUNDARIES]);
    this.fpsSquares = counter(meter, METRIC.liveFpsSquares);
    this.firstFrame = histogram(meter, METRIC.liveFirstFrame, DURATION_BUCKETS_S);
    this.tokensPerSecond = histogram(meter, METRIC.llmTokensPerSecond, TOKENS_PER_SECOND_BUCKETS);
  }

  /** Points name the orchestrator measured and the region (the collector reads them per point). */
  observe(r: TestloadJobRecord, fpsSamples: readonly number[] | null): void {
    const work: Attributes = {
      [ATTR.orchestratorAddress]: r.orchestratorAddress,
      [ATTR.region]: r.region,
      [ATTR.pipeline]: r.pipeline,
      [ATTR.modelId]: r.modelId,
      [ATTR.synthetic]: true,
      [ATTR.datasetVersion]: r.datasetVersion,
    };
    const warm = r.warm === null ? {} : { [ATTR.warm]: r.warm };
    this.jobs.add(1, {
      ...work,
      ...warm,
      [ATTR.outcome]: r.outcome,
      [ATTR.swapped]: r.swapped,
      ...(r.errorClass === null ? {} : { [ATTR.errorClass]: r.errorClass }),
    });
    this.duration.record(r.latencyMs / 1000, { ...work, ...warm, [ATTR.outcome]: r.outcome });
    if (r.ttfbMs !== null) this.ttfb.record(r.ttfbMs / 1000, work);
    if (r.swapped) this.swaps.add(1, work);
    if (r.ptffMs !== null) this.firstFrame.record(r.ptffMs / 1000, work);
    if (r.tokensPerSecond !== null) this.tokensPerSecond.record(r.tokensPerSecond, work);
    if (fpsSamples !== null && fpsSamples.length > 0) {
      for (const f of fpsSamples) this.fps.record(f, work);
      this.fpsSquares.add(
        fpsSamples.reduce((sum, f) => sum + f * f, 0),
        work,
      );
    }
  }
}
