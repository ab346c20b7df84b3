import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_METRIC_TABLES } from '../schema/raw-tables.js';
import { histogramQuantiles, type HistogramGroup } from './histograms.js';
import { quantilesFromBuckets, type BucketLayout } from './quantile.js';
import { QueryParams } from './query.js';
import {
  ORCH_A,
  ORCH_B,
  baseTime,
  histogramRow,
  insertRaw,
  openTestStore,
  rng,
  type TestStore,
} from './test-support.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = baseTime(2);
const METRIC = 'naap.job.latency';
const COARSE = [5, 10, 25, 50, 100, 250, 500, 1000];
const FINE = [10, 20, 50, 100, 200, 500];
const COMMON = [10, 50, 100, 500];
const QS = [0.5, 0.95, 0.99];

interface Series {
  readonly orchestrator: string;
  readonly pipeline: string;
  readonly bounds: readonly number[];
  /** Exports from this minute to minute 9. */
  readonly fromMinute: number;
  readonly seed: number;
}

const SERIES: Series[] = [
  { orchestrator: ORCH_A, pipeline: 'text-to-image', bounds: COARSE, fromMinute: 0, seed: 1 },
  { orchestrator: ORCH_A, pipeline: 'text-to-image', bounds: FINE, fromMinute: 5, seed: 2 },
  { orchestrator: ORCH_B, pipeline: 'llm', bounds: COARSE, fromMinute: 0, seed: 3 },
];

/** Every latency sample, by series index, with its time. */
const samples: { series: number; at: number; value: number }[] = [];

function deltaPoints(s: Series, index: number): Record<string, unknown>[] {
  const next = rng(s.seed);
  const rows: Record<string, unknown>[] = [];
  for (let m = s.fromMinute; m < 10; m++) {
    for (let w = 0; w < 4; w++) {
      const at = T0 + m * MIN + (w + 1) * 15_000 - 1;
      const values = Array.from({ length: 10 + Math.floor(next() * 20) }, () =>
        Math.round(5 + 1500 * next() ** 4),
      );
      for (const value of values) samples.push({ series: index, at, value });
      const counts = new Array<number>(s.bounds.length + 1).fill(0);
      for (const v of values) {
        const i = s.bounds.findIndex((b) => v <= b);
        counts[i === -1 ? s.bounds.length : i]! += 1;
      }
      rows.push(
        histogramRow({
          metric: METRIC,
          atMs: at,
          startMs: at - 15_000,
          attributes: {
            'livepeer.pipeline': s.pipeline,
            layout: s.bounds === FINE ? 'fine' : 'coarse',
          },
          producer: { orchestrator: s.orchestrator, source: 'testload' },
          bounds: s.bounds,
          counts,
          sum: values.reduce((a, b) => a + b, 0),
          min: Math.min(...values),
          max: Math.max(...values),
        }),
      );
    }
  }
  return rows;
}

let t: TestStore;

beforeAll(async () => {
  t = await openTestStore('naap-rollup-histograms-');
  for (const [i, s] of SERIES.entries()) await insertRaw(t.store, 'histogram', deltaPoints(s, i));
  // A cumulative histogram (third-party producer): kept raw only, never rolled up.
  await insertRaw(t.store, 'histogram', [
    histogramRow({
      metric: METRIC,
      atMs: T0 + 30_000,
      bounds: COARSE,
      counts: [0, 0, 0, 0, 0, 0, 0, 0, 100_000],
      sum: 1e9,
      min: 5000,
      max: 9000,
      temporality: 2,
      producer: { orchestrator: ORCH_B },
    }),
  ]);
});

afterAll(async () => {
  await t.close();
});

/** The same computation on the raw rows: sum the buckets per layout, interpolate. */
async function rawQuantiles(
  from: number,
  to: number,
  orchestrator?: string,
): Promise<(number | null)[]> {
  const p = new QueryParams();
  const byOrch =
    orchestrator === undefined ? '' : ` AND OrchestratorAddress = ${p.add('String', orchestrator)}`;
  const rs = await t.store.client.query({
    query: `SELECT ExplicitBounds AS bounds, sumForEach(BucketCounts) AS counts,
              min(Min) AS mn, max(Max) AS mx
            FROM ${t.store.table(RAW_METRIC_TABLES.histogram)}
            WHERE MetricName = ${p.add('String', METRIC)} AND AggregationTemporality = 1
              AND TimeUnix >= ${p.time(new Date(from))} AND TimeUnix < ${p.time(new Date(to))}${byOrch}
            GROUP BY bounds`,
    query_params: p.values,
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ bounds: number[]; counts: string[]; mn: number; mx: number }>();
  const layouts: BucketLayout[] = rows.map((r) => ({
    bounds: r.bounds,
    counts: r.counts.map(Number),
  }));
  const range = {
    min: Math.min(...rows.map((r) => r.mn)),
    max: Math.max(...rows.map((r) => r.mx)),
  };
  return quantilesFromBuckets(QS, layouts, range);
}

/** True quantile (nearest rank) of the samples. */
function trueQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1]!;
}

/** Index of the interval (…, e] of `edges` holding x. */
const interval = (edges: readonly number[], x: number): number => {
  const i = edges.findIndex((e) => x <= e);
  return i === -1 ? edges.length : i;
};

describe('histogram quantiles from the rollups', () => {
  const from = T0;
  const to = T0 + 10 * MIN;

  it('equal the same computation on raw rows, per orchestrator and overall', async () => {
    const groups = await histogramQuantiles(t.store, {
      metric: METRIC,
      from: new Date(from),
      to: new Date(to),
      quantiles: QS,
      groupBy: ['orchestrator'],
    });
    expect(groups.map((g) => g.group.orchestrator)).toEqual([ORCH_A, ORCH_B]);
    for (const g of groups) {
      expect(g.quantiles).toEqual(await rawQuantiles(from, to, g.group.orchestrator));
    }
    const [all] = await histogramQuantiles(t.store, {
      metric: METRIC,
      from: new Date(from),
      to: new Date(to),
      quantiles: QS,
    });
    expect(all!.quantiles).toEqual(await rawQuantiles(from, to));
    const n = samples.length;
    expect(all!.count).toBe(n); // the cumulative histogram is not included
    expect(all!.max).toBe(Math.max(...samples.map((s) => s.value)));
  });

  it('are within bucket precision of the true quantiles', async () => {
    const groups = await histogramQuantiles(t.store, {
      metric: METRIC,
      from: new Date(from),
      to: new Date(to),
      quantiles: QS,
      groupBy: ['orchestrator'],
    });
    const check = (g: HistogramGroup | undefined, values: number[], edges: readonly number[]) => {
      QS.forEach((q, i) => {
        const truth = trueQuantile(values, q);
        const est = g!.quantiles[i]!;
        expect(interval(edges, est), `q=${q}: ${est} vs ${truth}`).toBe(interval(edges, truth));
      });
    };
    const of = (idx: number[]) => samples.filter((s) => idx.includes(s.series)).map((s) => s.value);
    // one layout: same bucket; two merged layouts: same interval between their common edges
    check(
      groups.find((g) => g.group.orchestrator === ORCH_B),
      of([2]),
      COARSE,
    );
    check(
      groups.find((g) => g.group.orchestrator === ORCH_A),
      of([0, 1]),
      COMMON,
    );
  });

  it('merge per time bucket, and hourly rows give the same result as minute rows', async () => {
    const perMinute = await histogramQuantiles(t.store, {
      metric: METRIC,
      from: new Date(from),
      to: new Date(to),
      quantiles: QS,
      groupBy: ['bucket'],
      filters: { orchestrator: ORCH_B, pipeline: 'llm', source: 'testload' },
    });
    expect(perMinute).toHaveLength(10);
    for (const g of perMinute) {
      const start = g.bucket!.getTime();
      expect(g.quantiles).toEqual(await rawQuantiles(start, start + MIN, ORCH_B));
    }
    const hourRange = {
      metric: METRIC,
      from: new Date(T0),
      to: new Date(T0 + HOUR),
      quantiles: QS,
    };
    const hourly = await histogramQuantiles(t.store, hourRange);
    const minutely = await histogramQuantiles(t.store, { ...hourRange, step: 'minute' });
    expect(hourly).toEqual(minutely);
    expect(hourly[0]!.count).toBe(samples.length);
  });

  it('return nothing for an empty selection', async () => {
    const none = await histogramQuantiles(t.store, {
      metric: METRIC,
      from: new Date(from),
      to: new Date(to),
      quantiles: QS,
      filters: { model: 'no-such-model' },
    });
    expect(none).toEqual([]);
  });
});
