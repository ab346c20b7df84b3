import { finite, nonNegative } from './guards.js';

/** One reading of a NIC byte counter. */
export interface CounterReading {
  readonly bytes: number;
  readonly atMs: number;
}

/**
 * Bandwidth in Mbit/s = Δbytes · 8 / (Δs · 1e6) (metrics.md §2). Null when
 * the counter went backwards (NIC reset, agent restart) or no time passed.
 */
export function bandwidthMbps(previous: CounterReading, current: CounterReading): number | null {
  const b0 = nonNegative('previous.bytes', previous.bytes);
  const b1 = nonNegative('current.bytes', current.bytes);
  const dt = (finite('current.atMs', current.atMs) - finite('previous.atMs', previous.atMs)) / 1000;
  if (dt <= 0 || b1 < b0) return null;
  return ((b1 - b0) * 8) / (dt * 1e6);
}
