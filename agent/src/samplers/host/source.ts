import { readdir, readFile } from 'node:fs/promises';
import { networkInterfaces, platform } from 'node:os';
import si from 'systeminformation';

/** Cumulative byte counters of one network interface. */
export interface NicCounters {
  readonly name: string;
  readonly rxBytes: number;
  readonly txBytes: number;
}

export interface MemoryReading {
  /** Bytes in use, excluding caches and buffers (systeminformation `active`). */
  readonly usedBytes: number;
  readonly totalBytes: number;
}

/** Where host figures come from: the real host, or a fake in tests. */
export interface HostSource {
  /** CPU utilization 0–1 since the previous call (since boot on the first); null when unknown. */
  cpuUtilization(): Promise<number | null>;
  memory(): Promise<MemoryReading | null>;
  /** Counters of the named interfaces (all readable ones when the list is empty). */
  network(names: readonly string[]): Promise<NicCounters[]>;
  /** Names of the host's network interfaces. */
  interfaceNames(): Promise<string[]>;
}

/** Aggregate `cpu` line of /proc/stat: busy and total jiffies. */
export interface CpuTimes {
  readonly busy: number;
  readonly total: number;
}

/**
 * Reads the aggregate line of /proc/stat (`cpu user nice system idle iowait
 * irq softirq steal guest guest_nice`): idle = idle + iowait; guest time is
 * already inside user, so it is left out of the total.
 */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (line === undefined) return null;
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 4 || f.some((x) => !Number.isFinite(x) || x < 0)) return null;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}

/** Utilization between two readings; null when no time passed or the counters went back. */
export function cpuUtilizationBetween(prev: CpuTimes, cur: CpuTimes): number | null {
  const dt = cur.total - prev.total;
  const db = cur.busy - prev.busy;
  if (dt <= 0 || db < 0) return null;
  return Math.min(1, Math.max(0, db / dt));
}

const isLinux = platform() === 'linux';
const finiteNonNegative = (x: unknown): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0;

/**
 * The real host, through systeminformation. Two deviations, both to keep
 * the event loop free: on Linux the CPU figure is read from /proc/stat
 * asynchronously (systeminformation's `currentLoad()` runs
 * `execSync('cat /proc/stat')`; the formula is the same), and interface
 * names come from /sys/class/net or `os.networkInterfaces()`, never from
 * `networkStats('*')` (it calls `networkInterfaces()`, which runs
 * synchronous commands).
 */
export function systemHostSource(): HostSource {
  let lastCpu: CpuTimes = { busy: 0, total: 0 };
  return {
    async cpuUtilization() {
      if (!isLinux) {
        const load = await si.currentLoad();
        return finiteNonNegative(load.currentLoad) ? Math.min(1, load.currentLoad / 100) : null;
      }
      const times = parseProcStat(await readFile('/proc/stat', 'utf8'));
      if (times === null) return null;
      const u = cpuUtilizationBetween(lastCpu, times);
      lastCpu = times;
      return u;
    },
    async memory() {
      const m = await si.mem();
      if (!finiteNonNegative(m.active) || !finiteNonNegative(m.total) || m.total === 0) return null;
      return { usedBytes: Math.min(m.active, m.total), totalBytes: m.total };
    },
    async network(names) {
      if (names.length === 0) return [];
      const stats = await si.networkStats(names.join(','));
      return stats
        .filter((s) => finiteNonNegative(s.rx_bytes) && finiteNonNegative(s.tx_bytes))
        .map((s) => ({ name: s.iface, rxBytes: s.rx_bytes, txBytes: s.tx_bytes }));
    },
    async interfaceNames() {
      if (isLinux) {
        const names = await readdir('/sys/class/net').catch(() => null);
        if (names !== null) return names;
      }
      return Object.keys(networkInterfaces());
    },
  };
}
