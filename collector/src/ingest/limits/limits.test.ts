import { describe, expect, it } from 'vitest';
import type { Identity } from '../../auth/tokens.js';
import type {
  Attributes,
  LogRecord,
  LogsRequest,
  MetricsRequest,
  NumberDataPoint,
} from '../../otlp/model.js';
import { IngestLimiter, IngestRateError } from './limiter.js';
import { limitLogs } from './logs.js';
import { limitMetrics } from './metrics.js';
import type { IngestLimitOptions } from './options.js';
import { OK, scan, scanAttributes, TOO_LONG, TOO_MANY } from './scan.js';
import { SeriesBudget } from './series-budget.js';
import { TokenBucket } from './token-bucket.js';

const OPTIONS: IngestLimitOptions = {
  maxAttributes: 4,
  maxAttributeLength: 32,
  maxSeriesPerToken: 3,
  seriesWindowMs: 60_000,
  pointsPerSecond: 100,
  burstPoints: 1_000,
};

const AGENT: Identity = { kind: 'agent', address: '0x' + '1'.repeat(40), name: 'a1' };
const OTHER: Identity = { kind: 'agent', address: '0x' + '2'.repeat(40), name: 'a2' };

function point(attributes: Attributes, value = 1): NumberDataPoint {
  return {
    attributes,
    startTimeUnixNano: 0n,
    timeUnixNano: 1n,
    flags: 0,
    exemplarCount: 0,
    value,
    valueType: 'double',
  };
}

const SCOPE = { name: 's', version: '', attributes: {}, droppedAttributesCount: 0 };

function metrics(
  points: readonly NumberDataPoint[],
  resource: Attributes = { 'host.name': 'h' },
  name = 'm',
): MetricsRequest {
  return {
    resourceMetrics: [
      {
        resource: { attributes: resource, droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeMetrics: [
          {
            scope: SCOPE,
            schemaUrl: '',
            metrics: [{ name, description: '', unit: '', kind: 'gauge', points }],
          },
        ],
      },
    ],
  };
}

const gpu = (i: number): NumberDataPoint => point({ 'hw.id': `GPU-${i}` });
const pointsOf = (r: MetricsRequest): NumberDataPoint[] =>
  r.resourceMetrics.flatMap((rm) =>
    rm.scopeMetrics.flatMap((sm) => sm.metrics.flatMap((m) => m.points as NumberDataPoint[])),
  );

describe('TokenBucket', () => {
  it('passes up to its capacity, then says how long to wait, refilling at its rate', () => {
    const b = new TokenBucket(100, 1_000, 0);
    expect(b.take(600, 0)).toBe(0);
    expect(b.take(400, 0)).toBe(0);
    expect(b.take(250, 0)).toBe(3); // 250 missing at 100/s
    expect(b.take(250, 1_000)).toBe(2); // 100 refilled, 150 missing
    expect(b.take(250, 2_500)).toBe(0);
    expect(b.take(1, 2_500)).toBe(1);
  });

  it('lets a request larger than the bucket through when full, then waits for the debt', () => {
    const b = new TokenBucket(100, 1_000, 0);
    expect(b.take(5_000, 0)).toBe(0);
    expect(b.take(1, 0)).toBe(41);
    expect(b.full(40_000)).toBe(false);
    expect(b.full(50_000)).toBe(true);
    expect(b.take(5_000, 50_000)).toBe(0);
  });
});

describe('SeriesBudget', () => {
  it('refuses new series beyond the budget while known ones keep flowing', () => {
    const s = new SeriesBudget(2, 60_000, 0);
    expect([s.admit(1), s.admit(2), s.admit(3)]).toEqual([true, true, false]);
    expect([s.admit(1), s.admit(2), s.admit(2)]).toEqual([true, true, true]);
    expect(s.size).toBe(2);
  });

  it('forgets a series after a window without points, keeps one that keeps reporting', () => {
    const s = new SeriesBudget(2, 60_000, 0);
    s.admit(1);
    s.admit(2);
    s.tick(30_000); // half a window: both move to the previous generation
    expect(s.admit(1)).toBe(true); // series 1 reports again
    expect(s.admit(3)).toBe(false);
    s.tick(60_000); // series 2 silent for a whole window: forgotten
    expect(s.size).toBe(1);
    expect(s.admit(3)).toBe(true);
    expect(s.admit(1)).toBe(true);
    s.tick(200_000); // idle for more than a window: all forgotten
    expect(s.size).toBe(0);
  });
});

describe('scanAttributes', () => {
  it('hashes a set independently of its order, and tells different sets apart', () => {
    const hash = (a: Attributes): string => {
      expect(scanAttributes(a, 8, 64)).toBe(OK);
      return `${scan.lo}/${scan.hi}`;
    };
    const a = hash({ x: '1', y: 'two', z: 3 });
    expect(hash({ z: 3, y: 'two', x: '1' })).toBe(a);
    expect(hash({ x: '1', y: 'two', z: '3' })).not.toBe(a); // int 3 ≠ string "3"
    expect(hash({ x: '1', y: 'twO', z: 3 })).not.toBe(a);
    expect(hash({ x: '1y', y: '', z: 3 })).not.toBe(hash({ x: '1', y: 'y', z: 3 }));
    expect(hash({})).toBe('0/0');
  });

  it('refuses too many attributes and too long keys or values (non-strings by their JSON)', () => {
    expect(scanAttributes({ a: 1, b: 2, c: 3 }, 2, 64)).toBe(TOO_MANY);
    expect(scanAttributes({ a: 'x'.repeat(65) }, 8, 64)).toBe(TOO_LONG);
    expect(scanAttributes({ ['k'.repeat(65)]: 'v' }, 8, 64)).toBe(TOO_LONG);
    expect(scanAttributes({ a: Array.from({ length: 40 }, () => 1) }, 8, 64)).toBe(TOO_LONG);
    expect(scanAttributes({ a: 'x'.repeat(64), b: [1, 2], c: { d: null } }, 8, 64)).toBe(OK);
  });
});

describe('limitMetrics', () => {
  it('returns the request itself when nothing is refused', () => {
    const r = metrics([gpu(0), gpu(1)]);
    const out = limitMetrics(r, OPTIONS, new SeriesBudget(10, 60_000, 0));
    expect(out.request).toBe(r);
    expect(out.refusals.count).toBe(0);
  });

  it('leaves out points with too many or too long attributes, with a reason each', () => {
    const r = metrics([
      gpu(0),
      point({ a: 1, b: 2, c: 3, d: 4, e: 5 }),
      point({ a: 'x'.repeat(33) }),
      gpu(1),
    ]);
    const out = limitMetrics(r, OPTIONS, null);
    expect(pointsOf(out.request).map((p) => p.attributes['hw.id'])).toEqual(['GPU-0', 'GPU-1']);
    expect(out.refusals.count).toBe(2);
    expect([...out.refusals.reasons]).toEqual([
      'a point has more than 4 attributes',
      'a point has an attribute key or value longer than 32 characters',
    ]);
  });

  it('refuses every point of a resource or scope over the limits', () => {
    const r = metrics([gpu(0), gpu(1)], { big: 'y'.repeat(40) });
    const out = limitMetrics(r, OPTIONS, null);
    expect(out.request.resourceMetrics).toEqual([]);
    expect(out.refusals.count).toBe(2);
    expect([...out.refusals.reasons]).toEqual([
      'a resource has an attribute key or value longer than 32 characters',
    ]);
    const scoped: MetricsRequest = {
      resourceMetrics: metrics([gpu(0)]).resourceMetrics.map((rm) => ({
        ...rm,
        scopeMetrics: rm.scopeMetrics.map((sm) => ({
          ...sm,
          scope: { ...sm.scope, attributes: { a: 1, b: 2, c: 3, d: 4, e: 5 } },
        })),
      })),
    };
    const s = limitMetrics(scoped, OPTIONS, null);
    expect(pointsOf(s.request)).toEqual([]);
    expect([...s.refusals.reasons]).toEqual([
      'an instrumentation scope has more than 4 attributes',
    ]);
  });

  it('refuses points of new series beyond the budget; known series keep flowing', () => {
    const budget = new SeriesBudget(3, 60_000, 0);
    const first = limitMetrics(metrics([gpu(0), gpu(1), gpu(2), gpu(3), gpu(4)]), OPTIONS, budget);
    expect(pointsOf(first.request).map((p) => p.attributes['hw.id'])).toEqual([
      'GPU-0',
      'GPU-1',
      'GPU-2',
    ]);
    expect(first.refusals.count).toBe(2);
    expect([...first.refusals.reasons]).toEqual([
      'series budget of this token exhausted (3 series active within 60 s): points of new series refused',
    ]);
    // The same series again, in another order and with new values: all pass.
    const again = metrics([point({ 'hw.id': 'GPU-2' }, 7), gpu(0), gpu(1)]);
    expect(limitMetrics(again, OPTIONS, budget).request).toBe(again);
    // Another metric name or another resource is another series.
    expect(
      limitMetrics(metrics([gpu(0)], { 'host.name': 'h' }, 'n'), OPTIONS, budget).refusals.count,
    ).toBe(1);
    expect(
      limitMetrics(metrics([gpu(0)], { 'host.name': 'h2' }), OPTIONS, budget).refusals.count,
    ).toBe(1);
  });
});

function logs(records: readonly Attributes[]): LogsRequest {
  const record = (attributes: Attributes): LogRecord => ({
    timeUnixNano: 1n,
    observedTimeUnixNano: 1n,
    severityNumber: 9,
    severityText: 'INFO',
    body: 'b',
    attributes,
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
  });
  return {
    resourceLogs: [
      {
        resource: { attributes: {}, droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeLogs: [{ scope: SCOPE, schemaUrl: '', logRecords: records.map(record) }],
      },
    ],
  };
}

describe('limitLogs', () => {
  it('leaves out records over the attribute limits', () => {
    const out = limitLogs(logs([{ a: 'ok' }, { a: 'z'.repeat(33) }, {}]), OPTIONS);
    const kept = out.request.resourceLogs[0]?.scopeLogs[0]?.logRecords ?? [];
    expect(kept.map((r) => r.attributes)).toEqual([{ a: 'ok' }, {}]);
    expect(out.refusals.count).toBe(1);
  });
});

describe('IngestLimiter', () => {
  it('refuses a whole request over the token rate with the seconds to wait', () => {
    let now = 0;
    const limiter = new IngestLimiter(OPTIONS, () => now);
    const big = metrics(Array.from({ length: 600 }, (_, i) => gpu(i % 3)));
    expect(limiter.metrics(big, AGENT).refused).toBe(0);
    let error: unknown;
    try {
      limiter.metrics(big, AGENT);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(IngestRateError);
    expect((error as IngestRateError).retryAfterSeconds).toBe(2); // 400 left, 200 missing at 100/s
    expect((error as IngestRateError).message).toBe(
      'ingest rate of this token exceeded (100 points per second); retry later',
    );
    // Another token has its own bucket; log records count too.
    expect(limiter.metrics(big, OTHER).refused).toBe(0);
    expect(() => limiter.logs(logs(Array.from({ length: 500 }, () => ({}))), OTHER)).toThrow(
      IngestRateError,
    );
    now = 2_000;
    expect(limiter.metrics(big, AGENT).refused).toBe(0);
  });

  it('keeps a series budget per token and drops the state of idle tokens', () => {
    let now = 0;
    const limiter = new IngestLimiter({ ...OPTIONS, pointsPerSecond: 0 }, () => now);
    const five = metrics([0, 1, 2, 3, 4].map(gpu));
    expect(limiter.metrics(five, AGENT).refused).toBe(2);
    expect(limiter.metrics(five, OTHER).refused).toBe(2);
    expect(limiter.seriesOf(AGENT)).toBe(3);
    expect(limiter.tokens).toBe(2);
    now = 61_000;
    limiter.metrics(five, OTHER);
    expect(limiter.tokens).toBe(1);
    expect(limiter.seriesOf(AGENT)).toBe(0);
  });

  it('applies no rate and no budget when both are 0', () => {
    const limiter = new IngestLimiter({ ...OPTIONS, pointsPerSecond: 0, maxSeriesPerToken: 0 });
    const many = metrics(Array.from({ length: 5_000 }, (_, i) => gpu(i)));
    for (let i = 0; i < 3; i++) expect(limiter.metrics(many, AGENT).request).toBe(many);
  });
});
