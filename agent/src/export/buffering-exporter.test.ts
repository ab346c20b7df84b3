import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { testMeter, type TestMeter } from '../samplers/nvidia-smi/test-support.js';
import { BufferingExporter, pointCount } from './buffering-exporter.js';

/** Collections of one SDK pipeline: `points` gauge points whose values are `id`. */
function source(): (id: number, points?: number) => Promise<ResourceMetrics> {
  const m: TestMeter = testMeter();
  let current = { id: 0, points: 1 };
  m.provider
    .getMeter('t')
    .createObservableGauge('naap.agent.heartbeat')
    .addCallback((r) => {
      for (let i = 0; i < current.points; i++) r.observe(current.id, { i });
    });
  return async (id, points = 1) => {
    current = { id, points };
    return (await m.reader.collect()).resourceMetrics;
  };
}

/** An exporter that fails while `down` and records what it received. */
class FakeCollector implements PushMetricExporter {
  down = false;
  readonly requests: number[][] = [];
  export(metrics: ResourceMetrics, done: (r: ExportResult) => void): void {
    if (this.down) {
      done({ code: ExportResultCode.FAILED, error: new Error('connection refused') });
      return;
    }
    this.requests.push(
      metrics.scopeMetrics.flatMap((s) =>
        s.metrics.flatMap((m) => m.dataPoints.map((p) => Number(p.value))),
      ),
    );
    done({ code: ExportResultCode.SUCCESS });
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Exports collections while the collector is down (each attempt fails and keeps them). */
const collection = source();

async function queueAll(buffer: BufferingExporter, ids: number[], points = 1): Promise<void> {
  for (const id of ids) {
    buffer.export(await collection(id, points), () => undefined);
    await buffer.drain();
  }
}

describe('BufferingExporter', () => {
  it('sends each collection as it comes while the collector answers', async () => {
    const inner = new FakeCollector();
    const buffer = new BufferingExporter(inner, 1_000);
    await queueAll(buffer, [1, 2, 3]);
    expect(inner.requests).toEqual([[1], [2], [3]]);
  });

  it('delivers a backlog in order, several collections per request, none lost', async () => {
    const inner = new FakeCollector();
    const buffer = new BufferingExporter(inner, 10_000, () => undefined, 25);
    inner.down = true;
    await queueAll(buffer, [1, 2, 3, 4, 5, 6, 7], 10);
    expect(buffer.stats()).toMatchObject({ queuedBatches: 7, queuedPoints: 70, delivered: 0 });
    inner.down = false;
    await buffer.forceFlush();
    // At most 25 points a request: two collections of 10 each.
    expect(inner.requests.map((r) => [...new Set(r)])).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(inner.requests.flat()).toHaveLength(70);
    expect(buffer.stats()).toMatchObject({ queuedBatches: 0, queuedPoints: 0, delivered: 7 });
  });

  it('drops the oldest beyond the bound, counting the points', async () => {
    const inner = new FakeCollector();
    const dropped: number[] = [];
    const buffer = new BufferingExporter(inner, 30, (n) => dropped.push(n));
    inner.down = true;
    await queueAll(buffer, [1, 2, 3, 4, 5], 10);
    expect(dropped).toEqual([10, 10]);
    expect(buffer.stats()).toMatchObject({ queuedPoints: 30, droppedPoints: 20 });
    inner.down = false;
    await buffer.forceFlush();
    expect(inner.requests.flat().filter((v, i, a) => a.indexOf(v) === i)).toEqual([3, 4, 5]);
  });

  it('never merges collections of different resources', async () => {
    const inner = new FakeCollector();
    const buffer = new BufferingExporter(inner, 1_000);
    const other = source();
    const [a, b, c] = [await collection(1), await other(2), await collection(3)];
    inner.down = true;
    buffer.export(a, () => undefined);
    buffer.export(b, () => undefined);
    buffer.export(c, () => undefined);
    inner.down = false;
    await buffer.forceFlush();
    expect(inner.requests).toEqual([[1], [2], [3]]);
  });

  it('sends one collection larger than the per-request bound on its own', async () => {
    const inner = new FakeCollector();
    const buffer = new BufferingExporter(inner, 1_000, () => undefined, 5);
    inner.down = true;
    await queueAll(buffer, [1], 8);
    await queueAll(buffer, [2], 1);
    inner.down = false;
    await buffer.forceFlush();
    expect(inner.requests.map((r) => r.length)).toEqual([8, 1]);
    expect(pointCount(await collection(1, 8))).toBe(8);
  });
});
