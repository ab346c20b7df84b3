import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequestRecord } from '@naap/sim';
import type { TestloadJobRecord } from '@naap/otel';
import { smallDataset, testCase } from './dataset.js';
import {
  orch,
  pinnedGateway,
  staticTarget,
  targetsFile,
  testConfig,
  testNetwork,
  testRunner,
  workload,
  type TestNetwork,
  type TestRunner,
} from './harness.js';

// The load budget, checked on the simulator's ledger (what the orchestrators
// actually ran): at most 3 jobs in flight in all, 2 per orchestrator ×
// (pipeline, model) (25 % of an advertised capacity of 8), and 4 starts per
// orchestrator in any minute.

const LIMITS = { concurrent: 3, perMinute: 4, perUnit: 2 };
const IDS = ['alpha', 'beta', 'gamma'];
/** The ledger's start of a request comes some wall ms (×100 in simulated time) after the budget granted it. */
const ROUTING_SLACK_MS = 2_000;

let net: TestNetwork;
let t: TestRunner;
let records: TestloadJobRecord[] = [];

beforeAll(async () => {
  const latency = { p50Ms: 20_000, p95Ms: 30_000 };
  net = await testNetwork(
    IDS.map((id) =>
      orch(id, [
        workload('text-to-image', 'sdxl', { latency, capacity: 8 }),
        workload('image-to-text', 'blip', { latency, capacity: 8 }),
      ]),
    ),
  );
  const targets = [];
  for (const id of IDS) targets.push(staticTarget(net, id, await pinnedGateway(net, id)));
  const config = await testConfig({
    pinning: 'static',
    'targets-file': await targetsFile(net, { targets }),
    'jobs-per-unit': 5,
    'max-concurrent': LIMITS.concurrent,
    'max-jobs-per-minute': LIMITS.perMinute,
    'capacity-share-percent': 25,
  });
  const dataset = await smallDataset([
    testCase('text-to-image', 't2i/good-32', { prompt: 'a fox', width: 32, height: 32 }),
    testCase('image-to-text', 'i2t/good', {}, { media: { image: 'media/square-32.png' } }),
  ]);
  t = await testRunner(config, net, { dataset });
  records = (await t.runner.once()).jobs.map((j) => j.record);
}, 120_000);

afterAll(async () => {
  await t.close();
  await net.dispose();
});

type Interval = { start: number; end: number };

function intervals(requests: readonly GatewayRequestRecord[]): Interval[] {
  return requests.flatMap((r) => r.attempts.map((j) => ({ start: j.startMs, end: j.endMs })));
}

/** Most intervals open at the same time. */
function maxOverlap(xs: readonly Interval[]): number {
  const events = xs.flatMap((x) => [
    { at: x.start, d: 1 },
    { at: x.end, d: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.d - b.d);
  let open = 0;
  let max = 0;
  for (const e of events) max = Math.max(max, (open += e.d));
  return max;
}

describe('load budget', () => {
  it('ran every job', () => {
    expect(records).toHaveLength(IDS.length * 2 * 5);
    expect(records.every((r) => r.outcome === 'success')).toBe(true);
  });

  it('never had more jobs in flight than allowed, and used what it was allowed', () => {
    const all = net.requests();
    expect(maxOverlap(intervals(all))).toBeLessThanOrEqual(LIMITS.concurrent);
    expect(maxOverlap(intervals(all))).toBe(LIMITS.concurrent);
    for (const id of IDS) {
      for (const pipeline of ['text-to-image', 'image-to-text']) {
        const unit = all.filter((r) => r.servedByOrchestratorId === id && r.pipeline === pipeline);
        expect(maxOverlap(intervals(unit))).toBeLessThanOrEqual(LIMITS.perUnit);
      }
    }
  });

  it('never started more jobs per orchestrator in a minute than allowed', () => {
    for (const id of IDS) {
      const starts = net
        .requests()
        .filter((r) => r.servedByOrchestratorId === id)
        .map((r) => r.atMs)
        .sort((a, b) => a - b);
      expect(starts).toHaveLength(10);
      for (let i = 0; i < starts.length; i++) {
        const inWindow = starts.filter(
          (s) => s > starts[i]! - 60_000 + ROUTING_SLACK_MS && s <= starts[i]!,
        );
        expect(inWindow.length, `${id} at ${i}`).toBeLessThanOrEqual(LIMITS.perMinute);
      }
      // Ten jobs at four a minute take more than two minutes.
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThan(120_000 - ROUTING_SLACK_MS);
    }
  });
});
