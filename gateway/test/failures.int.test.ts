import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorClass, TestloadJobRecord } from '@naap/otel';
import type { PinWebhook } from '../src/pinning/webhook.js';
import { smallDataset, testCase } from './dataset.js';
import {
  orch,
  testConfig,
  testNetwork,
  testRunner,
  testWebhook,
  workload,
  type TestNetwork,
  type TestRunner,
} from './harness.js';

// Injected failure rates recovered through a pinned go-livepeer gateway:
// with the webhook answering one target, a failed job comes back as 503
// "no orchestrators available"; the runner must count it against the target
// and find its class in the gateway's log.

const JOBS = 80;
const INJECTED: Record<string, { rate: number; cls: ErrorClass }> = {
  alpha: { rate: 0.3, cls: 'runner_error' },
  beta: { rate: 0.15, cls: 'oom' },
  gamma: { rate: 0.2, cls: 'transport' },
};

let net: TestNetwork;
let webhook: PinWebhook;
let t: TestRunner;
let records: TestloadJobRecord[] = [];

beforeAll(async () => {
  net = await testNetwork(
    Object.entries(INJECTED).map(([id, x]) =>
      orch(id, [
        workload('text-to-image', 'sdxl', {
          latency: { p50Ms: 1000, p95Ms: 2000 },
          failureRate: x.rate,
          errors: { [x.cls]: 1 },
        }),
      ]),
    ),
  );
  webhook = await testWebhook(net);
  const gw = await net.gateway({ webhookUrl: webhook.url });
  const config = await testConfig({
    'gateway-url': gw.url,
    'cli-url': gw.cliUrl,
    'gateway-log': `${net.ctx.stateDir}/gateway.log`,
    'pin-settle-ms': 70_000,
    'jobs-per-unit': JOBS,
    'max-jobs-per-minute': 10_000,
  });
  const dataset = await smallDataset([
    testCase('text-to-image', 't2i/good-32', { prompt: 'a fox', width: 32, height: 32 }),
  ]);
  t = await testRunner(config, net, { dataset, webhook });
  records = (await t.runner.once()).jobs.map((j) => j.record);
}, 120_000);

afterAll(async () => {
  await t.close();
  await webhook.close();
  await net.dispose();
});

describe('failure rates', () => {
  for (const [id, x] of Object.entries(INJECTED)) {
    it(`recovers ${id}'s injected failure rate (${x.rate}) and class (${x.cls})`, () => {
      const o = net.ctx.network.orchestrators.find((n) => n.id === id)!;
      const mine = records.filter((r) => r.orchestratorAddress === o.address.toLowerCase());
      expect(mine).toHaveLength(JOBS);
      const failed = mine.filter((r) => r.outcome === 'failure');
      // Exactly the jobs the simulator failed (its ledger: requests nothing served).
      const ledger = net.requests().filter((r) => r.pinnedOrchestratorId === id);
      expect(ledger).toHaveLength(JOBS);
      expect(failed.length).toBe(ledger.filter((r) => r.servedByOrchestratorId === null).length);
      // Within three standard deviations of the injected rate.
      const sigma = Math.sqrt((x.rate * (1 - x.rate)) / JOBS);
      expect(Math.abs(failed.length / JOBS - x.rate)).toBeLessThanOrEqual(3 * sigma);
      expect(failed.length).toBeGreaterThan(0);
      for (const r of failed) {
        expect(r.errorClass).toBe(x.cls);
        expect(r.httpStatus).toBe(503);
        expect(r.errorMessage).toMatch(/^no orchestrators available: /);
      }
      expect(mine.filter((r) => r.outcome === 'excused')).toEqual([]);
    });
  }
});
