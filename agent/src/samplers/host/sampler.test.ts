import { ATTR, METRIC } from '@naap/otel';
import { describe, expect, it } from 'vitest';
import { testConfig, testContext, testMetrics } from '../go-livepeer-metrics/test-support.js';
import { HostSampler } from './sampler.js';
import {
  cpuUtilizationBetween,
  parseProcStat,
  type HostSource,
  type NicCounters,
} from './source.js';

const PROC_STAT = `cpu  4705 356 584 3699176 23060 0 277 0 0 0
cpu0 1393 280 306 924706 5842 0 219 0 0 0
intr 114930548 113199788 3 0 5 263 0 4 [... lots more numbers ...]
`;

describe('/proc/stat CPU utilization', () => {
  it('reads busy and total jiffies (idle and iowait are not busy)', () => {
    const t = parseProcStat(PROC_STAT);
    const total = 4705 + 356 + 584 + 3699176 + 23060 + 0 + 277 + 0;
    expect(t).toEqual({ busy: total - 3699176 - 23060, total });
  });

  it('computes utilization between two readings, by hand', () => {
    expect(cpuUtilizationBetween({ busy: 100, total: 1000 }, { busy: 400, total: 2000 })).toBe(0.3);
    expect(
      cpuUtilizationBetween({ busy: 100, total: 1000 }, { busy: 100, total: 1000 }),
    ).toBeNull();
    expect(
      cpuUtilizationBetween({ busy: 500, total: 1000 }, { busy: 100, total: 2000 }),
    ).toBeNull();
  });

  it('rejects text without a cpu line or with garbage in it', () => {
    expect(parseProcStat('')).toBeNull();
    expect(parseProcStat('cpu  a b c d\n')).toBeNull();
    expect(parseProcStat('cpu  1 2\n')).toBeNull();
  });
});

/** A scripted host: each sample takes the next entry. */
function fakeSource(nics: NicCounters[][]): HostSource {
  let i = 0;
  return {
    cpuUtilization: () => Promise.resolve(0.25),
    memory: () => Promise.resolve({ usedBytes: 6 * 2 ** 30, totalBytes: 16 * 2 ** 30 }),
    interfaceNames: () =>
      Promise.resolve(['lo', 'eth0', 'veth1a2b3c', 'docker0', 'br-0123456789ab']),
    network: (names) => {
      const sample = nics[Math.min(i++, nics.length - 1)] ?? [];
      return Promise.resolve(sample.filter((n) => names.includes(n.name)));
    },
  };
}

const nic = (name: string, rxBytes: number, txBytes: number): NicCounters => ({
  name,
  rxBytes,
  txBytes,
});

describe('HostSampler', () => {
  it('exports contract units and per-interface counters, and computes bandwidth by hand', async () => {
    let now = 1_000_000;
    const source = fakeSource([
      [nic('eth0', 1_000_000, 500_000), nic('lo', 9e9, 9e9), nic('veth1a2b3c', 1, 1)],
      [nic('eth0', 3_500_000, 750_000), nic('lo', 9e9, 9e9)],
      [nic('eth0', 100, 200)], // NIC reset
    ]);
    const metrics = testMetrics();
    const { ctx } = testContext(testConfig(), metrics.meter);
    const sampler = new HostSampler({ source, now: () => now });
    await sampler.start(ctx);
    try {
      await sampler.sampleOnce();
      now += 2000;
      const snap = await sampler.sampleOnce();
      // (3.5e6 − 1e6) bytes · 8 / (2 s · 1e6) = 10 Mbit/s; (7.5e5 − 5e5) · 8 / 2e6 = 1.
      expect(snap.interfaces).toEqual([
        { name: 'eth0', rxBytes: 3_500_000, txBytes: 750_000, rxMbps: 10, txMbps: 1 },
      ]);
      const exported = await metrics.collect();
      expect(exported.get(METRIC.hostCpuUtilization)?.points[0]?.value).toBe(0.25);
      expect(exported.get(METRIC.hostMemoryUsage)?.points[0]?.value).toBe(6 * 2 ** 30);
      expect(exported.get(METRIC.hostMemoryLimit)?.points[0]?.value).toBe(16 * 2 ** 30);
      const io = exported.get(METRIC.hostNetworkIo);
      expect(io?.data.descriptor.unit).toBe('By');
      expect(
        io?.points.map((p) => [
          p.attributes[ATTR.networkInterface],
          p.attributes[ATTR.networkDirection],
          p.value,
        ]),
      ).toEqual([
        ['eth0', 'receive', 3_500_000],
        ['eth0', 'transmit', 750_000],
      ]);
      now += 1000;
      const reset = await sampler.sampleOnce();
      expect(reset.interfaces[0]).toMatchObject({ rxBytes: 100, rxMbps: null, txMbps: null });
      expect(sampler.health()).toMatchObject({ runs: 3, errors: 0 });
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('counts a failing source as an error and keeps sampling the rest', async () => {
    const source: HostSource = {
      ...fakeSource([[nic('eth0', 1, 2)]]),
      memory: () => Promise.reject(new Error('no /proc/meminfo')),
    };
    const metrics = testMetrics();
    const { ctx } = testContext(testConfig(), metrics.meter);
    const sampler = new HostSampler({ source });
    await sampler.start(ctx);
    try {
      const snap = await sampler.sampleOnce();
      expect(snap.memory).toBeNull();
      expect(snap.cpuUtilization).toBe(0.25);
      expect(sampler.health().lastError).toBe('no /proc/meminfo');
      const exported = await metrics.collect();
      expect(exported.get(METRIC.hostMemoryUsage)?.points ?? []).toEqual([]);
      expect(exported.get(METRIC.hostCpuUtilization)?.points).toHaveLength(1);
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });
});
