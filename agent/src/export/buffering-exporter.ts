import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import {
  AggregationTemporality,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** Data points in one collection. */
export function pointCount(rm: ResourceMetrics): number {
  return rm.scopeMetrics.reduce(
    (n, sm) => n + sm.metrics.reduce((k, m) => k + m.dataPoints.length, 0),
    0,
  );
}

export interface BufferStats {
  readonly queuedBatches: number;
  readonly queuedPoints: number;
  readonly droppedPoints: number;
  readonly delivered: number;
  readonly failedAttempts: number;
  readonly lastError: string | null;
}

/** Most points one request carries when queued collections are sent together. */
export const MAX_POINTS_PER_REQUEST = 20_000;

/**
 * Keeps what the agent samples while the collector is unreachable: each
 * collection is queued (bounded by `maxPoints`, the oldest dropped and counted
 * when full) and delivered in order by the wrapped OTLP exporter as soon as it
 * answers. The SDK is always told an export succeeded, so sampling never stops.
 * Collections waiting together go in one request (up to `maxPointsPerRequest`
 * points): a backlog — after an outage, or behind a slow collector — drains in
 * a few requests instead of one per collection.
 */
export class BufferingExporter implements PushMetricExporter {
  private readonly queue: ResourceMetrics[] = [];
  private queuedPoints = 0;
  private dropped = 0;
  private delivered = 0;
  private failedAttempts = 0;
  private lastError: string | null = null;
  private sending: Promise<void> | null = null;

  constructor(
    private readonly inner: PushMetricExporter,
    private readonly maxPoints: number,
    private readonly onDrop: (points: number) => void = () => undefined,
    private readonly maxPointsPerRequest: number = MAX_POINTS_PER_REQUEST,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.enqueue(metrics);
    resultCallback({ code: ExportResultCode.SUCCESS });
    void this.drain();
  }

  private enqueue(rm: ResourceMetrics): void {
    const n = pointCount(rm);
    if (n === 0) return;
    this.queue.push(rm);
    this.queuedPoints += n;
    while (this.queuedPoints > this.maxPoints && this.queue.length > 1) {
      const oldest = this.queue.shift();
      const lost = oldest === undefined ? 0 : pointCount(oldest);
      this.queuedPoints -= lost;
      this.dropped += lost;
      this.onDrop(lost);
    }
  }

  /** Sends queued collections in order; stops at the first failure (retried on the next export). */
  drain(): Promise<void> {
    this.sending ??= (async () => {
      try {
        for (let next = this.nextRequest(); next !== undefined; next = this.nextRequest()) {
          const { metrics, collections, points } = next;
          const result = await new Promise<ExportResult>((resolve) => {
            this.inner.export(metrics, resolve);
          });
          if (result.code !== ExportResultCode.SUCCESS) {
            this.failedAttempts++;
            this.lastError = result.error?.message ?? 'export failed';
            return;
          }
          this.queue.splice(0, collections);
          this.queuedPoints -= points;
          this.delivered += collections;
        }
      } finally {
        this.sending = null;
      }
    })();
    return this.sending;
  }

  /** The oldest queued collections of one resource, merged, within the per-request bound. */
  private nextRequest():
    { metrics: ResourceMetrics; collections: number; points: number } | undefined {
    const first = this.queue[0];
    if (first === undefined) return undefined;
    let points = pointCount(first);
    let collections = 1;
    for (let next = this.queue[1]; next !== undefined; next = this.queue[collections]) {
      const more = pointCount(next);
      if (next.resource !== first.resource || points + more > this.maxPointsPerRequest) break;
      points += more;
      collections++;
    }
    const metrics =
      collections === 1
        ? first
        : {
            resource: first.resource,
            scopeMetrics: this.queue.slice(0, collections).flatMap((rm) => rm.scopeMetrics),
          };
    return { metrics, collections, points };
  }

  stats(): BufferStats {
    return {
      queuedBatches: this.queue.length,
      queuedPoints: this.queuedPoints,
      droppedPoints: this.dropped,
      delivered: this.delivered,
      failedAttempts: this.failedAttempts,
      lastError: this.lastError,
    };
  }

  /** Waits for a delivery in progress, then tries once more: a flush always makes an attempt. */
  async forceFlush(): Promise<void> {
    await this.sending;
    await this.drain();
    await this.inner.forceFlush();
  }

  async shutdown(): Promise<void> {
    await this.sending;
    await this.drain();
    await this.inner.shutdown();
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return (
      this.inner.selectAggregationTemporality?.(instrumentType) ?? AggregationTemporality.DELTA
    );
  }
}
