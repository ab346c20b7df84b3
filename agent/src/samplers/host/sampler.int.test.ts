import { ATTR, METRIC } from '@naap/otel';
import { describe, expect, it } from 'vitest';
import { testConfig, testContext, testMetrics } from '../go-livepeer-metrics/test-support.js';
import { HostSampler } from './sampler.js';

describe('HostSampler on this host (systeminformation)', () => {
  it('reports sane values in contract units, with monotonic NIC counters', async () => {
    const metrics = testMetrics();
    const { ctx } = testContext(testConfig(), metrics.meter);
    const sampler = new HostSampler();
    await sampler.start(ctx);
    try {
      const a = await sampler.sampleOnce();
      // Some traffic and CPU work between the samples.
      await fetch('http://127.0.0.1:1').catch(() => undefined);
      let x = 0;
      for (let i = 0; i < 2e6; i++) x += Math.sqrt(i);
      expect(x).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 600));
      const b = await sampler.sampleOnce();

      for (const s of [a, b]) {
        expect(s.cpuUtilization).not.toBeNull();
        expect(s.cpuUtilization).toBeGreaterThanOrEqual(0);
        expect(s.cpuUtilization).toBeLessThanOrEqual(1);
        expect(s.memory?.totalBytes).toBeGreaterThan(64 * 2 ** 20);
        expect(Number.isInteger(s.memory?.totalBytes)).toBe(true);
        expect(s.memory?.usedBytes).toBeGreaterThan(0);
        expect(s.memory?.usedBytes).toBeLessThanOrEqual(s.memory?.totalBytes ?? 0);
        for (const n of s.interfaces) {
          expect(n.name).not.toMatch(/^lo\d*$/);
          expect(Number.isInteger(n.rxBytes) && n.rxBytes >= 0).toBe(true);
          expect(Number.isInteger(n.txBytes) && n.txBytes >= 0).toBe(true);
        }
      }
      for (const n of b.interfaces) {
        const before = a.interfaces.find((x) => x.name === n.name);
        if (before === undefined) continue;
        expect(n.rxBytes).toBeGreaterThanOrEqual(before.rxBytes);
        expect(n.txBytes).toBeGreaterThanOrEqual(before.txBytes);
        expect(n.rxMbps).not.toBeNull();
        expect(n.rxMbps).toBeGreaterThanOrEqual(0);
      }

      const exported = await metrics.collect();
      const cpu = exported.get(METRIC.hostCpuUtilization)?.points[0]?.value ?? -1;
      expect(cpu).toBeGreaterThanOrEqual(0);
      expect(cpu).toBeLessThanOrEqual(1);
      expect(exported.get(METRIC.hostMemoryLimit)?.data.descriptor.unit).toBe('By');
      const io = exported.get(METRIC.hostNetworkIo)?.points ?? [];
      expect(io).toHaveLength(b.interfaces.length * 2);
      for (const p of io) {
        expect(['transmit', 'receive']).toContain(p.attributes[ATTR.networkDirection]);
        expect(p.attributes[ATTR.networkInterface]).not.toBe('lo');
      }
      expect(sampler.health()).toMatchObject({ runs: 2, errors: 0 });
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });
});
