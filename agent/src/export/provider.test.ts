import { ATTR, METRIC } from '@naap/otel';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  type HistogramMetricData,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../samplers/go-livepeer-metrics/test-support.js';
import { HealthTracker, type RunListener, type Sampler } from '../samplers/sampler.js';
import { createTelemetry, SAMPLER_DURATION_BOUNDARIES_S } from './provider.js';

/** A sampler that runs only when the test says so. */
class ManualSampler implements Sampler {
  readonly tracker = new HealthTracker(() => 1_700_000_000_000);
  constructor(readonly name: string) {}
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  snapshot(): unknown {
    return null;
  }
  health() {
    return this.tracker.health();
  }
  onRun(listener: RunListener): void {
    this.tracker.listen(listener);
  }
}

async function exported(run: (a: ManualSampler, b: ManualSampler) => void) {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
  const telemetry = createTelemetry(testConfig({ exportIntervalMs: 60_000 }), exporter);
  const a = new ManualSampler('host');
  const b = new ManualSampler('nvidia-smi');
  telemetry.observeSamplers([a, b]);
  run(a, b);
  await telemetry.provider.forceFlush();
  const metrics = exporter
    .getMetrics()
    .flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics));
  await telemetry.shutdown();
  return (name: string): MetricData | undefined => metrics.find((m) => m.descriptor.name === name);
}

describe('the agent’s metrics about its samplers', () => {
  it('records every run’s duration per sampler, in seconds, successes and failures alike', async () => {
    const metric = await exported((a, b) => {
      a.tracker.success(3);
      a.tracker.success(40);
      a.tracker.failure(new Error('boom'), 2_000);
      b.tracker.success(0.5);
      // A failure without a duration (e.g. a child that could not start) is counted, not timed.
      b.tracker.failure(new Error('missing'));
    });
    const duration = metric(METRIC.agentSamplerDuration) as HistogramMetricData | undefined;
    expect(duration?.descriptor.unit).toBe('s');
    const bySampler = new Map(
      duration?.dataPoints.map((p) => [p.attributes[ATTR.sampler], p.value]) ?? [],
    );
    expect(bySampler.get('host')).toMatchObject({ count: 3, sum: 2.043, min: 0.003, max: 2 });
    expect(bySampler.get('host')?.buckets.boundaries).toEqual(SAMPLER_DURATION_BOUNDARIES_S);
    expect(bySampler.get('nvidia-smi')).toMatchObject({ count: 1, sum: 0.0005 });
  });

  it('counts errors and reports the last success per sampler', async () => {
    const metric = await exported((a, b) => {
      a.tracker.success(1);
      b.tracker.failure(new Error('x'), 5);
      b.tracker.failure(new Error('y'));
    });
    const errors = metric(METRIC.agentSamplerErrors)?.dataPoints.map((p) => [
      p.attributes[ATTR.sampler],
      p.value,
    ]);
    expect(errors).toEqual([
      ['host', 0],
      ['nvidia-smi', 2],
    ]);
    const last = metric(METRIC.agentSamplerLastSuccess)?.dataPoints.map((p) => [
      p.attributes[ATTR.sampler],
      p.value,
    ]);
    // Only a sampler that has succeeded has a last success.
    expect(last).toEqual([['host', 1_700_000_000]]);
  });

  it('ignores a listener that throws and impossible durations', () => {
    const tracker = new HealthTracker();
    const seen: number[] = [];
    tracker.listen((ms) => {
      seen.push(ms);
      throw new Error('listener failed');
    });
    expect(() => {
      tracker.success(7);
      tracker.success(Number.NaN);
      tracker.failure(new Error('z'), -1);
    }).not.toThrow();
    expect(seen).toEqual([7]);
    expect(tracker.health()).toMatchObject({ runs: 3, errors: 1 });
  });
});
