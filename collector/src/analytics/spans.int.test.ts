import { ATTR, METRIC } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ORCH_A,
  ORCH_B,
  TEST_CONTEXT,
  baseTime,
  gaugeRow,
  openTestStore,
  rng,
  type TestStore,
} from '../storage/rollups/test-support.js';
import { rawStore } from './raw.js';
import { ANALYTICS_TABLES } from './schema/names.js';
import { gpuHours } from './read/gpus.js';
import { inputAggregates, type InputAggregate } from './read/inputs.js';
import { nodeTotals, type NodeTotals } from './read/node.js';
import { LOOKUP_TTL_MS, findSpan, forgetSpans } from './read/spans.js';
import { CLOCK_WATERMARK, runScorer } from './score/job.js';
import { refreshSpans } from './score/spans.js';
import { storageNow, writeWatermark } from './score/touched.js';
import {
  MODEL_T2I,
  agent,
  heartbeatRows,
  histogramOf,
  insertRaw,
  jobRows,
} from './test-support.js';
import { JOB_DURATION_BOUNDARIES } from './test-bounds.js';

/**
 * Spans: the merged inputs, node totals and GPU-hours of the 24 h, 7 d and
 * 30 d windows ending at the last hour boundary. A window read through its
 * span (plus the live hour) answers what the planned read of its hours,
 * blocks and days answers; late data leaves a span stale until the next
 * refresh recomputes it.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = baseTime(0); // the current hour's start: spans end here
const NOW = END + 20 * 60_000;
const GROUP_BY = ['orchestrator', 'pipeline', 'model', 'source'] as const;
const T2I = { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: MODEL_T2I };

let t: TestStore;

/** Jobs and job durations for `o` in each hour of [from, to). */
function hoursOfInputs(o: string, from: number, to: number, seed: number) {
  const next = rng(seed);
  const producer = agent(o);
  const sums = [];
  const histograms = [];
  for (let h = from; h < to; h += HOUR) {
    const n = 1 + Math.floor(next() * 6);
    sums.push(
      ...jobRows(producer, h + 60_000, [
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: n },
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'failure', count: 1 },
      ]),
    );
    const values = Array.from({ length: 3 + n }, () => 0.2 + 4 * next() ** 2);
    histograms.push(
      histogramOf(METRIC.jobDuration, producer, h + 2000, values, JOB_DURATION_BOUNDARIES, {
        ...T2I,
        [ATTR.outcome]: 'success',
      }),
    );
  }
  return { sums, histograms };
}

async function insertInputs(o: string, from: number, to: number, seed: number): Promise<void> {
  const { sums, histograms } = hoursOfInputs(o, from, to, seed);
  await insertRaw(t.store, 'sum', sums);
  await insertRaw(t.store, 'histogram', histograms);
}

/** Heartbeats every 10 minutes, and a GPU reporting in every other hour, of [from, to). */
async function insertNode(o: string, from: number, to: number): Promise<void> {
  const gpu = Array.from({ length: (to - from) / HOUR }, (_, i) => from + i * HOUR)
    .filter((h) => (h / HOUR) % 2 === 0)
    .map((h) =>
      gaugeRow({
        metric: METRIC.gpuUtilization,
        atMs: h + 300_000,
        producer: agent(o),
        value: 0.5,
        attributes: { [ATTR.hwId]: `GPU-${o.slice(-2)}`, [ATTR.hwModel]: 'NVIDIA L4' },
      }),
    );
  await insertRaw(t.store, 'gauge', [...heartbeatRows(agent(o), from, to, 600), ...gpu]);
}

/** Equal, but for float sums added in another order (last bits). */
function expectSame(a: readonly InputAggregate[], b: readonly InputAggregate[]): void {
  const round = (x: unknown): unknown =>
    typeof x === 'number'
      ? Number(x.toPrecision(12))
      : Array.isArray(x)
        ? x.map(round)
        : x !== null && typeof x === 'object'
          ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]))
          : x;
  expect(round(a)).toEqual(round(b));
}

/** Node totals in a fixed order (neither read orders its rows). */
const inOrder = (n: NodeTotals) => ({
  hosts: [...n.hosts].sort((a, b) => a.orchestrator.localeCompare(b.orchestrator)),
  probes: [...n.probes].sort((a, b) => a.orchestrator.localeCompare(b.orchestrator)),
  fees: [...n.feesGwei].sort(([a], [b]) => a.localeCompare(b)),
});

const windowOf = (ms: number) => ({ from: new Date(NOW - ms), to: new Date(NOW) });
const successes = (list: readonly InputAggregate[]): number =>
  list.reduce((n, a) => n + a.jobs.success, 0);

beforeAll(async () => {
  t = await openTestStore('naap-spans-');
  // Eight days and the current hour so far, two orchestrators.
  await insertInputs(ORCH_A, END - 8 * DAY, END + HOUR, 1);
  await insertInputs(ORCH_B, END - 8 * DAY, END + HOUR, 2);
  await insertNode(ORCH_A, END - 9 * DAY, END + 20 * 60_000); // the look-back too
  await insertNode(ORCH_B, END - 2 * DAY, END + 20 * 60_000); // appears in the 7 d window
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('spans', () => {
  it('answer a window as its hours, blocks and days do, the live hour included', async () => {
    const written = await refreshSpans(t.store, NOW, new Map());
    expect(written.map((s) => [(s.to - s.from) / HOUR, s.to])).toEqual([
      [24, END],
      [168, END],
      [720, END],
    ]);
    expect(written.map((s) => s.rows)).toEqual([2, 2, 2]); // one row per orchestrator's key
    for (const ms of [DAY, 7 * DAY, 30 * DAY]) {
      const range = windowOf(ms);
      expect(await findSpan(t.store, range)).toMatchObject({ from: END - ms, to: END });
      const viaSpan = await inputAggregates(t.store, { range, groupBy: GROUP_BY });
      const planned = await inputAggregates(t.store, { range, groupBy: GROUP_BY, spans: false });
      expect(viaSpan).toHaveLength(2);
      expectSame(viaSpan, planned);
      expect(viaSpan[0]?.e2e.p95).toBe(planned[0]?.e2e.p95); // states merge exactly
      // Node totals and GPU-hours read whole hours (as the queries ask them).
      const hours = { from: new Date(END - ms), to: new Date(END + HOUR) };
      const node = { ...hours, maintenance: [] };
      const totals = await nodeTotals(t.store, node);
      expect(totals.hosts.length).toBe(2);
      expect(inOrder(totals)).toEqual(
        inOrder(await nodeTotals(t.store, { ...node, spans: false })),
      );
      const gpus = await gpuHours(t.store, { range: hours });
      expect(gpus.length).toBe(2);
      expect(gpus).toEqual(await gpuHours(t.store, { range: hours, spans: false }));
    }
    // A window that does not start where a span starts is planned as before.
    expect(await findSpan(t.store, windowOf(DAY + HOUR))).toBeNull();
    // Nothing missing, nothing touched: nothing to write.
    expect(await refreshSpans(t.store, NOW, new Map())).toEqual([]);
  });

  it('are stale after late data until the next refresh recomputes the touched ones', async () => {
    const late = END - 3 * DAY + 5 * HOUR;
    await insertRaw(
      t.store,
      'sum',
      jobRows(agent(ORCH_A), late + 120_000, [
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 7 },
      ]),
    );
    const range = windowOf(7 * DAY);
    const planned = await inputAggregates(t.store, { range, groupBy: GROUP_BY, spans: false });
    const stale = await inputAggregates(t.store, { range, groupBy: GROUP_BY });
    expect(successes(planned) - successes(stale)).toBe(7);
    // The refresh fails (a table is gone); the next one, with nothing touched
    // any more (its touches are behind the watermark), still owes both.
    const nodeSpan = t.store.table(ANALYTICS_TABLES.nodeSpan);
    await t.store.client.command({ query: `RENAME TABLE ${nodeSpan} TO ${nodeSpan}_away` });
    await expect(refreshSpans(t.store, NOW, new Map([[late, [ORCH_A]]]))).rejects.toThrow();
    await t.store.client.command({ query: `RENAME TABLE ${nodeSpan}_away TO ${nodeSpan}` });
    const written = await refreshSpans(t.store, NOW, new Map());
    expect(written.map((s) => (s.to - s.from) / HOUR)).toEqual([168]); // the failed one
    const more = await refreshSpans(t.store, NOW, new Map([[late, [ORCH_A]]]));
    expect(more.map((s) => (s.to - s.from) / HOUR)).toEqual([168, 720]); // not the 24 h one
    expect(await refreshSpans(t.store, NOW, new Map())).toEqual([]);
    expectSame(await inputAggregates(t.store, { range, groupBy: GROUP_BY }), planned);
  });

  it('are looked up once per few seconds, or again after this process wrote one', async () => {
    const range = { from: new Date(END - 25 * HOUR), to: new Date(END + HOUR) };
    expect(await findSpan(t.store, range)).toBeNull();
    // Another collector lists a span of that window.
    await t.store.client.insert({
      table: t.store.table(ANALYTICS_TABLES.inputSpans),
      values: [{ Bucket: (END - 25 * HOUR) / 1000, SpanEnd: END / 1000, Generation: 1, Rows: 0 }],
      format: 'JSONEachRow',
    });
    expect(await findSpan(t.store, range)).toBeNull();
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + LOOKUP_TTL_MS);
    try {
      expect(await findSpan(t.store, range)).toMatchObject({ to: END, generation: 1 });
    } finally {
      clock.mockRestore();
    }
    forgetSpans(t.store);
    expect(await findSpan(t.store, range)).toMatchObject({ to: END, generation: 1 });
  });

  it('are not in the raw path', async () => {
    expect(await findSpan(rawStore(t.store, TEST_CONTEXT), windowOf(DAY))).toBeNull();
  });

  it('are kept by the scorer: a run an hour later writes the next hour spans', async () => {
    // As if the scorer had run at NOW, after the inserts above (so this run
    // scores the hour that ended, not 48, and finds nothing touched).
    await writeWatermark(t.store, await storageNow(t.store));
    await writeWatermark(t.store, NOW, CLOCK_WATERMARK);
    const run = await runScorer(t.store, NOW + HOUR, { marginMs: 0 });
    expect(run.spans.map((s) => [(s.to - s.from) / HOUR, s.to])).toEqual([
      [24, END + HOUR],
      [168, END + HOUR],
      [720, END + HOUR],
    ]);
    expect((await runScorer(t.store, NOW + HOUR, { marginMs: 0 })).spans).toEqual([]);
  }, 60_000);
});
