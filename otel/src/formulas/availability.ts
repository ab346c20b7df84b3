import { clamp, count, finite, nonNegative, notAbove } from './guards.js';

/** A time interval in milliseconds since the Unix epoch, [start, end). */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

function checkedInterval(name: string, i: Interval): Interval {
  finite(`${name}.startMs`, i.startMs);
  finite(`${name}.endMs`, i.endMs);
  if (i.endMs < i.startMs) throw new RangeError(`${name} ends before it starts`);
  return i;
}

/**
 * Seconds of `window` covered by the union of `maintenance` windows
 * (overlapping maintenance windows count once).
 */
export function maintenanceSeconds(window: Interval, maintenance: readonly Interval[]): number {
  checkedInterval('window', window);
  const clipped = maintenance
    .map((m, i) => checkedInterval(`maintenance[${i}]`, m))
    .map((m) => ({
      startMs: Math.max(m.startMs, window.startMs),
      endMs: Math.min(m.endMs, window.endMs),
    }))
    .filter((m) => m.endMs > m.startMs)
    .sort((x, y) => x.startMs - y.startMs);
  let total = 0;
  let cursor = -Infinity;
  for (const m of clipped) {
    const start = Math.max(m.startMs, cursor);
    if (m.endMs > start) total += m.endMs - start;
    cursor = Math.max(cursor, m.endMs);
  }
  return total / 1000;
}

export interface TimeAvailabilityInput {
  /** Seconds with a live agent heartbeat, outside maintenance windows. */
  readonly liveSeconds: number;
  /** Length of the window, seconds. */
  readonly windowSeconds: number;
  /** Seconds of the window under maintenance (see `maintenanceSeconds`). */
  readonly maintenanceSeconds?: number;
}

/**
 * Time-based availability = seconds with a live heartbeat / seconds in the
 * window, maintenance excluded from both (metrics.md §2). Capped at 1 (clock
 * skew can make heartbeats overshoot); null when nothing of the window is left.
 */
export function timeAvailability(input: TimeAvailabilityInput): number | null {
  const live = nonNegative('liveSeconds', input.liveSeconds);
  const window = nonNegative('windowSeconds', input.windowSeconds);
  const maintenance = nonNegative('maintenanceSeconds', input.maintenanceSeconds ?? 0);
  notAbove('maintenanceSeconds', maintenance, 'windowSeconds', window);
  const effective = window - maintenance;
  return effective === 0 ? null : clamp(live / effective, 0, 1);
}

/** Seconds of liveness that `heartbeats` at `intervalSeconds` stand for. */
export function liveSecondsFromHeartbeats(heartbeats: number, intervalSeconds: number): number {
  count('heartbeats', heartbeats);
  const interval = nonNegative('intervalSeconds', intervalSeconds);
  if (interval === 0) throw new RangeError('intervalSeconds must be > 0');
  return heartbeats * interval;
}

/**
 * Event-based availability = successful probes / probes (probes during
 * maintenance are not counted by the caller). Null without probes.
 */
export function probeAvailability(successes: number, probes: number): number | null {
  count('probe successes', successes);
  count('probes', probes);
  notAbove('probe successes', successes, 'probes', probes);
  return probes === 0 ? null : successes / probes;
}

/**
 * Coverage = agent heartbeats received / expected in the window, capped at 1
 * (metrics.md §4); 1 when no agent is enrolled and only test loads apply
 * (pass null).
 */
export function coverage(heartbeats: { received: number; expected: number } | null): number {
  if (heartbeats === null) return 1;
  const received = count('heartbeats.received', heartbeats.received);
  const expected = count('heartbeats.expected', heartbeats.expected);
  if (expected === 0) return 1;
  return Math.min(received / expected, 1);
}
