import { slaScoreV1, type SlaInputs } from '@naap/otel';
import type { Point, RegionRow, SlaComplianceRow } from '@naap/otel/api';
import { describe, expect, it } from 'vitest';
import { alignSeries, breakGaps, lastValue } from './align.js';
import { mergeFeed } from './feed.js';
import { cellKey, regionWorkflowHeatmap } from './heatmap.js';
import { heatStrip } from './heatstrip.js';
import { movers } from './movers.js';
import { sparkline } from './sparkline.js';
import { DAY_MS, HOUR_MS, availabilityStrip, stripBucketMs } from './strip.js';
import { allGpus, demandTotals, scoreSeries, sumByTime } from './series.js';
import { scoreWaterfall } from './waterfall.js';

describe('sparkline', () => {
  it('maps time to x and value to y, breaking the line at gaps', () => {
    const pts: Point[] = [
      [0, 0],
      [10, 1],
      [20, null],
      [30, 0.5],
      [40, 0.5],
    ];
    const g = sparkline(pts, { width: 40, height: 12, min: 0, max: 1, pad: 1 });
    expect(g.line).toBe('M0,11L10,1M30,6L40,6');
    expect(g.area).toBe('M0,12L0,11L10,1L10,12ZM30,12L30,6L40,6L40,12Z');
    expect(g.last).toEqual({ x: 40, y: 6 });
  });

  it('draws a flat series in the middle and nothing without values', () => {
    expect(
      sparkline(
        [
          [0, 5],
          [10, 5],
        ],
        { width: 10, height: 10 },
      ).line,
    ).toBe('M0,5L10,5');
    expect(sparkline([[0, null]], { width: 10, height: 10 })).toEqual({
      line: '',
      area: '',
      last: null,
    });
    expect(sparkline([], { width: 10, height: 10 }).last).toBeNull();
  });

  it('draws a lone point as a short dash', () => {
    expect(
      sparkline(
        [
          [0, 1],
          [5, null],
          [10, 1],
        ],
        { width: 10, height: 10 },
      ).line,
    ).toBe('M-1,5h2M9,5h2');
  });
});

describe('alignSeries', () => {
  it('unions timestamps in seconds and fills missing steps with null', () => {
    const a: Point[] = [
      [1000, 1],
      [3000, 3],
    ];
    const b: Point[] = [
      [2000, 20],
      [3000, null],
    ];
    expect(alignSeries([a, b])).toEqual([
      [1, 2, 3],
      [1, null, 3],
      [null, 20, null],
    ]);
  });

  it('breaks lines where a series stopped reporting', () => {
    const pts: Point[] = [
      [0, 1],
      [10_000, 1],
      [70_000, 2],
    ];
    expect(breakGaps(pts, 30_000)).toEqual([
      [0, 1],
      [10_000, 1],
      [25_000, null],
      [70_000, 2],
    ]);
    expect(
      lastValue([
        [0, 1],
        [1, null],
      ]),
    ).toEqual([0, 1]);
    expect(lastValue([[1, null]])).toBeNull();
  });
});

const batchInputs: SlaInputs = {
  pipelineKind: 'batch',
  jobs: { success: 97, failure: 3, excused: 2 },
  startup: { attempts: 0, successes: 0 },
  swaps: { observed: 100, swapped: 4 },
  ptff: { samples: 0, medianMs: null },
  e2e: { samples: 100, medianMs: 900 },
  fps: { count: 0, sum: 0, sumSquares: 0 },
  heartbeats: { received: 54, expected: 60 },
};
const cohort = {
  ptff: null,
  e2e: { p50Ms: 800, p90Ms: 1200, hourlyRows: 100 },
  fps: null,
};

describe('scoreWaterfall', () => {
  it('walks from 100 to the formula’s score, each input costing 100·w·(1 − credit)', () => {
    const b = slaScoreV1(batchInputs, cohort);
    const w = scoreWaterfall(b);
    expect(w).not.toBeNull();
    expect(w!.steps.map((s) => s.key)).toEqual(['swap', 'failure', 'e2e', 'coverage']);
    const failure = w!.steps.find((s) => s.key === 'failure')!;
    expect(failure.input).toBeCloseTo(0.03, 10);
    expect(failure.credit).toBeCloseTo(0.97, 10);
    expect(failure.loss).toBeCloseTo(100 * b.weights.failure * 0.03, 10);
    // e2e median 900 between p50 800 and p90 1200: raw 0.75, 100 samples → no shrinkage.
    expect(w!.steps.find((s) => s.key === 'e2e')!.input).toBeCloseTo(0.75, 10);
    expect(w!.steps.at(-1)!.input).toBeCloseTo(0.9, 10);
    expect(w!.score).toBeCloseTo(b.score!, 10);
    for (let i = 1; i < w!.steps.length; i++) {
      expect(w!.steps[i]!.from).toBeCloseTo(w!.steps[i - 1]!.to, 10);
    }
  });

  it('is null when the window had no score', () => {
    const b = slaScoreV1({ ...batchInputs, jobs: { success: 0, failure: 0, excused: 0 } }, cohort);
    expect(scoreWaterfall(b)).toBeNull();
  });
});

function row(startMs: number, inputs: Partial<SlaInputs>): SlaComplianceRow {
  const all = { ...batchInputs, ...inputs };
  return {
    startMs,
    endMs: startMs + HOUR_MS,
    orchestrator: '0x3b28a7d785356dc67c7970666747e042305bfb79',
    gpuId: null,
    pipeline: 'text-to-image',
    modelId: 'm',
    region: 'FRA',
    source: 'agent',
    version: 'naap-sla-v1',
    score: null,
    breakdown: slaScoreV1(all, cohort),
    inputs: all,
    cohort,
  };
}

describe('availabilityStrip', () => {
  it('uses one bar per hour up to two days, else per day', () => {
    expect(stripBucketMs(0, DAY_MS)).toBe(HOUR_MS);
    expect(stripBucketMs(0, 7 * DAY_MS)).toBe(DAY_MS);
  });

  it('sums heartbeats once per hour, falls back to job success, and leaves empty bars unknown', () => {
    const t0 = 10 * DAY_MS;
    const rows = [
      row(t0, { heartbeats: { received: 30, expected: 60 } }),
      row(t0, { heartbeats: { received: 30, expected: 60 } }), // same hour, another model
      row(t0 + HOUR_MS, { heartbeats: null, jobs: { success: 9, failure: 1, excused: 0 } }),
    ];
    const bars = availabilityStrip(rows, t0, t0 + 3 * HOUR_MS, HOUR_MS);
    expect(bars).toHaveLength(3);
    expect(bars[0]).toMatchObject({
      value: 0.5,
      basis: 'heartbeats',
      status: 'failing',
      jobs: 200,
    });
    expect(bars[1]).toMatchObject({ value: 0.9, basis: 'jobs', failures: 1 });
    expect(bars[2]).toMatchObject({ value: null, basis: null, status: 'unknown' });
  });

  it('ignores rows outside the range and caps heartbeats at what was expected', () => {
    const t0 = 10 * DAY_MS;
    const bars = availabilityStrip(
      [row(t0 - HOUR_MS, {}), row(t0, { heartbeats: { received: 70, expected: 60 } })],
      t0,
      t0 + HOUR_MS,
      HOUR_MS,
    );
    expect(bars).toHaveLength(1);
    expect(bars[0]!.value).toBe(1);
  });
});

describe('regionWorkflowHeatmap', () => {
  const region = (code: RegionRow['code'], pipelines: RegionRow['pipelines']): RegionRow => ({
    code,
    name: code,
    continent: 'Europe',
    lat: null,
    lon: null,
    orchestrators: 1,
    gpus: 1,
    jobs: 0,
    testloadJobs: 0,
    testloadSuccessRate: { value: null, source: null },
    testloadLatencyP95Ms: { value: null, source: null },
    pipelines,
  });

  it('shades by jobs per orchestrator relative to the busiest cell and flags unmet demand', () => {
    const h = regionWorkflowHeatmap(
      [
        region('FRA', [{ pipeline: 'text-to-image', orchestrators: 2, jobs: 1000 }]),
        region('LON', [
          { pipeline: 'text-to-image', orchestrators: 1, jobs: 100 },
          { pipeline: 'llm', orchestrators: 1, jobs: 0 },
        ]),
        region('SIN', []),
      ],
      [
        {
          startMs: 0,
          pipeline: 'llm',
          modelId: 'x',
          region: 'SIN',
          gpuModel: null,
          source: 'testload',
          jobs: 0,
          streams: 0,
          inferenceMinutes: 0,
          capacityRate: null,
          missingCapacity: 7,
          feesEth: null,
        },
      ],
    );
    expect(h.regions).toEqual(['FRA', 'LON', 'SIN']);
    expect(h.pipelines).toEqual(['llm', 'text-to-image']);
    expect(h.maxLoad).toBe(500);
    expect(h.cells.get(cellKey('FRA', 'text-to-image'))).toMatchObject({ load: 500, level: 5 });
    expect(h.cells.get(cellKey('LON', 'text-to-image'))).toMatchObject({ load: 100, level: 1 });
    expect(h.cells.get(cellKey('LON', 'llm'))).toMatchObject({ load: 0, level: 0 });
    expect(h.cells.get(cellKey('SIN', 'llm'))).toMatchObject({ missingCapacity: 7, level: -1 });
    expect(h.cells.get(cellKey('FRA', 'llm'))).toMatchObject({ orchestrators: 0, level: -1 });
  });
});

describe('movers', () => {
  it('ranks by change between windows, scored in both only', () => {
    const now = [
      { address: '0xa', uri: null, score: 90 },
      { address: '0xb', uri: null, score: 40 },
      { address: '0xc', uri: null, score: 70 },
      { address: '0xd', uri: null, score: null },
      { address: '0xe', uri: null, score: 50 },
    ];
    const before = [
      { address: '0xa', uri: null, score: 80 },
      { address: '0xb', uri: null, score: 60 },
      { address: '0xc', uri: null, score: 70 },
      { address: '0xd', uri: null, score: 10 },
    ];
    const m = movers(now, before, 5);
    expect(m.up.map((x) => [x.address, x.change])).toEqual([['0xa', 10]]);
    expect(m.down.map((x) => [x.address, x.change])).toEqual([['0xb', -20]]);
  });
});

describe('heatStrip', () => {
  it('averages points per slice into five levels, leaving gaps where nothing reported', () => {
    const pts: Point[] = [
      [0, 0.1],
      [5, 0.3],
      [10, null],
      [25, 1],
      [35, 0.95],
      [40, 0.5], // at the end of the range: outside [from, to)
    ];
    expect(heatStrip(pts, 0, 40, 4)).toEqual([
      { startMs: 0, value: 0.2, level: 1 },
      { startMs: 10, value: null, level: -1 },
      { startMs: 20, value: 1, level: 4 },
      { startMs: 30, value: 0.95, level: 4 },
    ]);
  });
});

describe('series from row lists', () => {
  it('sums additive figures per bucket, skipping missing values', () => {
    const rows = [
      { startMs: 2, v: 1 },
      { startMs: 1, v: 2 },
      { startMs: 2, v: 3 },
      { startMs: 3, v: null },
    ];
    expect(sumByTime(rows, (r) => r.v)).toEqual([
      [1, 2],
      [2, 4],
    ]);
  });

  it('makes one score series per workflow, busiest first, over all GPUs only', () => {
    const t0 = 10 * DAY_MS;
    const a = { ...row(t0, {}), score: 80 };
    const b = { ...row(t0 + HOUR_MS, {}), score: 70 };
    const perGpu = { ...row(t0, {}), gpuId: 'GPU-1', score: 10 };
    const other = {
      ...row(t0, { jobs: { success: 1, failure: 0, excused: 0 } }),
      modelId: 'x',
      score: 50,
    };
    const s = scoreSeries([b, perGpu, other, { ...a, gpuId: '' }], 5);
    expect(s.map((x) => x.key)).toEqual(['text-to-image|m|agent', 'text-to-image|x|agent']);
    expect(s[0]!.points).toEqual([
      [t0, 80],
      [t0 + HOUR_MS, 70],
    ]);
    expect(allGpus({ gpuId: null })).toBe(true);
    expect(allGpus({ gpuId: 'GPU-1' })).toBe(false);
    expect(scoreSeries([a, other], 1)).toHaveLength(1);
  });

  it('totals demand, fees only where reported', () => {
    const base = {
      startMs: 0,
      pipeline: 'llm',
      modelId: 'm',
      region: null,
      gpuModel: null,
      source: 'agent' as const,
      capacityRate: null,
    };
    expect(
      demandTotals([
        { ...base, jobs: 3, streams: 1, inferenceMinutes: 1.5, missingCapacity: 2, feesEth: null },
        { ...base, jobs: 4, streams: 0, inferenceMinutes: 0.5, missingCapacity: 0, feesEth: 0.25 },
      ]),
    ).toEqual({ jobs: 7, streams: 1, inferenceMinutes: 2, missingCapacity: 2, feesEth: 0.25 });
    expect(demandTotals([]).feesEth).toBeNull();
  });

  it('adds the per-orchestrator fee buckets to the totals', () => {
    const fees = [
      { startMs: 0, feesEth: 0.5, source: 'agent' as const },
      { startMs: 3_600_000, feesEth: 0.25, source: 'agent' as const },
    ];
    expect(demandTotals([], fees).feesEth).toBe(0.75);
  });
});

describe('mergeFeed', () => {
  const job = (jobId: string, tag = '') => ({ jobId, tag });
  it('puts live jobs first and lists a job once, also one delivered twice or already loaded', () => {
    const fresh = [job('c', 'live'), job('b', 'live'), job('c', 'again')];
    const loaded = [job('b', 'loaded'), job('a', 'loaded')];
    expect(mergeFeed(fresh, loaded, 10)).toEqual([
      job('c', 'live'),
      job('b', 'live'),
      job('a', 'loaded'),
    ]);
  });
  it('stops at the limit', () => {
    expect(mergeFeed([job('x')], [job('y'), job('z')], 2).map((j) => j.jobId)).toEqual(['x', 'y']);
    expect(mergeFeed([], [], 5)).toEqual([]);
  });
});
