import { afterAll, describe, expect, it } from 'vitest';
import type { TestloadJobRecord } from '@naap/otel';
import { smallDataset, testCase } from './dataset.js';
import {
  orch,
  staticTarget,
  targetsFile,
  testConfig,
  testNetwork,
  testRunner,
  testWebhook,
  workload,
  type TestNetwork,
} from './harness.js';

// Swaps: another orchestrator than the target served the job. The runner
// tells from the gateway's /metrics (which orchestrator's latency score
// moved); the simulator's header is the ground truth it never reads.

const t2i = (extra = {}) =>
  workload('text-to-image', 'sdxl', { latency: { p50Ms: 2000, p95Ms: 3000 }, ...extra });
const dataset = () =>
  smallDataset([
    testCase('text-to-image', 't2i/good-32', { prompt: 'a fox', width: 32, height: 32 }),
  ]);
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function checkAgainstTruth(
  records: readonly TestloadJobRecord[],
  truth: (jobId: string) => string | null,
): void {
  for (const r of records) {
    const served = truth(r.jobId);
    expect(served, r.jobId).not.toBeNull();
    expect(r.servedBy).toBe(served);
    expect(r.swapped).toBe(served !== r.orchestratorAddress);
  }
}

describe('swap detection', () => {
  it('detects jobs served by the previous target when the webhook answer is not settled', async () => {
    const net: TestNetwork = await testNetwork([orch('alpha', [t2i()]), orch('beta', [t2i()])]);
    cleanups.push(() => net.dispose());
    const webhook = await testWebhook(net);
    cleanups.push(() => webhook.close());
    const gw = await net.gateway({ webhookUrl: webhook.url });
    // No settle time at all: the gateway keeps its cached webhook answer for a while.
    const config = await testConfig({
      'gateway-url': gw.url,
      'cli-url': gw.cliUrl,
      'pin-settle-ms': 0,
      'jobs-per-unit': 6,
      'max-jobs-per-minute': 1000,
    });
    const t = await testRunner(config, net, { dataset: await dataset(), webhook });
    cleanups.push(() => t.close());
    const records = (await t.runner.once()).jobs.map((j) => j.record);
    expect(records).toHaveLength(12);
    checkAgainstTruth(records, (id) => t.truth.servedBy(id));
    const swapped = records.filter((r) => r.swapped);
    expect(swapped.length).toBeGreaterThan(0);
    expect(swapped.every((r) => r.outcome === 'success')).toBe(true);
  });

  it('detects a gateway retrying a failed target on another orchestrator', async () => {
    const net = await testNetwork([
      orch('delta', [t2i({ failureRate: 1, errors: { runner_error: 1 } })]),
      orch('epsilon', [t2i()]),
    ]);
    cleanups.push(() => net.dispose());
    // A gateway that may use both: the target first, the other one on retry.
    const gw = await net.gateway({
      orchAddr: ['https://delta.example.com:8935', 'https://epsilon.example.com:8935'],
    });
    const file = await targetsFile(net, { targets: [staticTarget(net, 'delta', gw)] });
    const config = await testConfig({
      pinning: 'static',
      'targets-file': file,
      'jobs-per-unit': 4,
    });
    const t = await testRunner(config, net, { dataset: await dataset() });
    cleanups.push(() => t.close());
    const records = (await t.runner.once()).jobs.map((j) => j.record);
    expect(records).toHaveLength(4);
    checkAgainstTruth(records, (id) => t.truth.servedBy(id));
    for (const r of records) {
      expect(r.orchestratorAddress).toBe(net.address('delta'));
      expect(r.swapped).toBe(true);
      expect(r.servedBy).toBe(net.address('epsilon'));
    }
  });
});
