import { ATTR, METRIC, bandwidthMbps } from '@naap/otel';
import type { ObservableCallback, ObservableCounter, ObservableGauge } from '@opentelemetry/api';
import { runPeriodically, type Periodic } from '../go-livepeer-metrics/periodic.js';
import { observableCounter, observableGauge } from '../instruments.js';
import {
  HealthTracker,
  type Sampler,
  type SamplerContext,
  type SamplerHealth,
  type RunListener,
} from '../sampler.js';
import {
  systemHostSource,
  type HostSource,
  type MemoryReading,
  type NicCounters,
} from './source.js';

/**
 * Interfaces left out by default: loopback, and the virtual interfaces of
 * containers and their bridges (their traffic also crosses the physical
 * NIC, so counting them would count it twice).
 */
export const DEFAULT_EXCLUDED_INTERFACES = /^(?:lo\d*|veth[\w.@-]*|docker\d+|br-[0-9a-f]{12})$/;

/** Most interfaces sampled (a host with hundreds of virtual NICs stays bounded). */
export const MAX_INTERFACES = 32;

export interface HostSamplerOptions {
  readonly source?: HostSource;
  readonly excludeInterfaces?: RegExp;
  readonly now?: () => number;
}

export interface InterfaceSnapshot extends NicCounters {
  /** Mbit/s since the previous sample (bandwidthMbps); null on the first sample or after a reset. */
  readonly rxMbps: number | null;
  readonly txMbps: number | null;
}

export interface HostSnapshot {
  readonly atMs: number | null;
  readonly cpuUtilization: number | null;
  readonly memory: MemoryReading | null;
  readonly interfaces: readonly InterfaceSnapshot[];
}

interface Reading {
  readonly atMs: number;
  readonly cpu: number | null;
  readonly memory: MemoryReading | null;
  readonly nics: ReadonlyMap<string, NicCounters>;
}

function mbps(prev: Reading | null, cur: Reading, name: string, key: 'rxBytes' | 'txBytes') {
  const before = prev?.nics.get(name);
  const after = cur.nics.get(name);
  if (prev === null || before === undefined || after === undefined) return null;
  return bandwidthMbps(
    { bytes: before[key], atMs: prev.atMs },
    { bytes: after[key], atMs: cur.atMs },
  );
}

/**
 * `host`: host CPU, memory and NIC byte counters every `host.intervalMs`,
 * exported as `system.cpu.utilization` (0–1), `system.memory.usage` /
 * `.limit` (bytes) and `system.network.io` (observable counter per
 * interface and direction). The agent heartbeat and export interval are
 * exported by the agent core (export/provider.ts), not here.
 */
export class HostSampler implements Sampler {
  readonly name = 'host';
  private readonly source: HostSource;
  private readonly exclude: RegExp;
  private readonly now: () => number;
  private readonly tracker: HealthTracker;
  private previous: Reading | null = null;
  private current: Reading | null = null;
  private periodic: Periodic | null = null;
  private inFlight: Promise<HostSnapshot> | null = null;
  private readonly unregister: (() => void)[] = [];

  constructor(options: HostSamplerOptions = {}) {
    this.source = options.source ?? systemHostSource();
    this.exclude = options.excludeInterfaces ?? DEFAULT_EXCLUDED_INTERFACES;
    this.now = options.now ?? Date.now;
    this.tracker = new HealthTracker(this.now);
  }

  start(ctx: SamplerContext): Promise<void> {
    const cpu = observableGauge(ctx.meter, METRIC.hostCpuUtilization);
    const used = observableGauge(ctx.meter, METRIC.hostMemoryUsage);
    const limit = observableGauge(ctx.meter, METRIC.hostMemoryLimit);
    const net = observableCounter(ctx.meter, METRIC.hostNetworkIo);
    this.observe(cpu, (r) => {
      const v = this.current?.cpu ?? null;
      if (v !== null) r.observe(v);
    });
    this.observe(used, (r) => {
      const m = this.current?.memory ?? null;
      if (m !== null) r.observe(m.usedBytes);
    });
    this.observe(limit, (r) => {
      const m = this.current?.memory ?? null;
      if (m !== null) r.observe(m.totalBytes);
    });
    this.observe(net, (r) => {
      for (const nic of this.current?.nics.values() ?? []) {
        const iface = { [ATTR.networkInterface]: nic.name };
        r.observe(nic.rxBytes, { ...iface, [ATTR.networkDirection]: 'receive' });
        r.observe(nic.txBytes, { ...iface, [ATTR.networkDirection]: 'transmit' });
      }
    });
    this.periodic = runPeriodically(
      () => this.sampleOnce(),
      ctx.config.host.intervalMs,
      ctx.signal,
      (err) => {
        ctx.log.warn({ err, sampler: this.name }, 'host sample failed');
      },
    );
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.periodic?.stop();
    this.periodic = null;
    for (const off of this.unregister.splice(0)) off();
  }

  /** Takes one sample now, or joins the one in progress (the periodic loop calls this). Never throws. */
  sampleOnce(): Promise<HostSnapshot> {
    this.inFlight ??= this.sample().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async sample(): Promise<HostSnapshot> {
    const t0 = performance.now();
    const [cpu, memory, nics] = await Promise.allSettled([
      this.source.cpuUtilization(),
      this.source.memory(),
      this.readNics(),
    ]);
    const failed = [cpu, memory, nics].filter((r) => r.status === 'rejected');
    const reading: Reading = {
      atMs: this.now(),
      cpu: cpu.status === 'fulfilled' ? cpu.value : null,
      memory: memory.status === 'fulfilled' ? memory.value : null,
      nics:
        nics.status === 'fulfilled'
          ? new Map(nics.value.map((n) => [n.name, n]))
          : (this.current?.nics ?? new Map<string, NicCounters>()),
    };
    this.previous = this.current;
    this.current = reading;
    const durationMs = performance.now() - t0;
    const first = failed[0];
    if (first?.status === 'rejected') this.tracker.failure(first.reason, durationMs);
    else this.tracker.success(durationMs);
    return this.snapshot();
  }

  private async readNics(): Promise<NicCounters[]> {
    const names = (await this.source.interfaceNames())
      .filter((n) => !this.exclude.test(n))
      .sort()
      .slice(0, MAX_INTERFACES);
    const nics = await this.source.network(names);
    return nics.filter((n) => !this.exclude.test(n.name));
  }

  private observe(instrument: ObservableGauge | ObservableCounter, cb: ObservableCallback): void {
    instrument.addCallback(cb);
    this.unregister.push(() => {
      instrument.removeCallback(cb);
    });
  }

  snapshot(): HostSnapshot {
    const cur = this.current;
    if (cur === null) return { atMs: null, cpuUtilization: null, memory: null, interfaces: [] };
    const prev = this.previous;
    return {
      atMs: cur.atMs,
      cpuUtilization: cur.cpu,
      memory: cur.memory,
      interfaces: [...cur.nics.values()].map((n) => ({
        ...n,
        rxMbps: mbps(prev, cur, n.name, 'rxBytes'),
        txMbps: mbps(prev, cur, n.name, 'txBytes'),
      })),
    };
  }

  onRun(listener: RunListener): void {
    this.tracker.listen(listener);
  }

  health(): SamplerHealth {
    return this.tracker.health();
  }
}
