import { maintenanceSeconds, probeAvailability, timeAvailability, type Interval } from '@naap/otel';
import type { MaintenanceWindow } from '../maintenance.js';
import type { HostTotals, NodeTotals, ProbeTotals } from './node.js';

/**
 * Availability of each orchestrator over a window (metrics.md §2):
 * time-based = seconds with a live agent heartbeat / seconds in the window,
 * event-based = successful probes / probes; maintenance excluded from both.
 * With several agent hosts, each host is expected the whole window.
 */

export interface Availability {
  readonly orchestrator: string;
  /** 0–1; null without an agent (no host seen) or when maintenance covered the window. */
  readonly time: number | null;
  /** 0–1; null without probes. */
  readonly probe: number | null;
  readonly hosts: number;
  readonly liveSeconds: number;
  readonly windowSeconds: number;
  readonly maintenanceSeconds: number;
  readonly heartbeats: number;
  readonly probes: number;
  readonly probeSuccesses: number;
}

const MINUTE_MS = 60_000;
const ceilMinute = (ms: number): number => Math.ceil(ms / MINUTE_MS) * MINUTE_MS;

/**
 * The parts of maintenance windows inside [from, to), rounded as the minute
 * table cuts them (a minute counts when it starts inside a window).
 */
export function maintenanceIntervals(
  windows: readonly MaintenanceWindow[],
  orchestrator: string,
  from: number,
  to: number,
): Interval[] {
  return windows
    .filter((w) => w.orchestrator === orchestrator)
    .map((w) => ({
      startMs: Math.max(from, Math.min(to, ceilMinute(Math.max(w.startsAt.getTime(), from)))),
      endMs: Math.max(from, Math.min(to, ceilMinute(Math.min(w.endsAt.getTime(), to)))),
    }))
    .filter((i) => i.endMs > i.startMs);
}

export function maintenanceSecondsOf(
  windows: readonly MaintenanceWindow[],
  orchestrator: string,
  from: number,
  to: number,
): number {
  return maintenanceSeconds(
    { startMs: from, endMs: to },
    maintenanceIntervals(windows, orchestrator, from, to),
  );
}

interface ByOrchestrator {
  readonly hosts: ReadonlyMap<string, readonly HostTotals[]>;
  readonly probes: ReadonlyMap<string, ProbeTotals>;
}

const indexes = new WeakMap<NodeTotals, ByOrchestrator>();

/**
 * The hosts and probes of totals by orchestrator, built once per totals
 * object: a leaderboard asks for each of its orchestrators (and sources), and
 * scanning every host each time was quadratic.
 */
function byOrchestrator(totals: NodeTotals): ByOrchestrator {
  let index = indexes.get(totals);
  if (index === undefined) {
    const hosts = new Map<string, HostTotals[]>();
    for (const h of totals.hosts) {
      const list = hosts.get(h.orchestrator);
      if (list === undefined) hosts.set(h.orchestrator, [h]);
      else list.push(h);
    }
    const probes = new Map<string, ProbeTotals>();
    for (const p of totals.probes) if (!probes.has(p.orchestrator)) probes.set(p.orchestrator, p);
    index = { hosts, probes };
    indexes.set(totals, index);
  }
  return index;
}

export function availabilities(
  totals: NodeTotals,
  windows: readonly MaintenanceWindow[],
  from: number,
  to: number,
): Map<string, Availability> {
  const window = Math.max(0, (to - from) / 1000);
  const out = new Map<string, Availability>();
  const index = byOrchestrator(totals);
  const orchestrators = new Set([...index.hosts.keys(), ...index.probes.keys()]);
  for (const o of orchestrators) {
    const maint = Math.min(window, maintenanceSecondsOf(windows, o, from, to));
    const hosts = index.hosts.get(o) ?? [];
    const effective = window - maint;
    const live = hosts.reduce((s, h) => s + Math.min(h.liveSeconds, effective), 0);
    const probes = index.probes.get(o) ?? { probes: 0, successes: 0 };
    const successes = Math.min(probes.successes, probes.probes);
    out.set(o, {
      orchestrator: o,
      time:
        hosts.length === 0
          ? null
          : timeAvailability({
              liveSeconds: live,
              windowSeconds: hosts.length * window,
              maintenanceSeconds: hosts.length * maint,
            }),
      probe: probeAvailability(successes, probes.probes),
      hosts: hosts.length,
      liveSeconds: live,
      windowSeconds: window,
      maintenanceSeconds: maint,
      heartbeats: hosts.reduce((s, h) => s + h.heartbeats, 0),
      probes: probes.probes,
      probeSuccesses: successes,
    });
  }
  return out;
}

/**
 * Coverage input of an orchestrator's agent scores for one window: heartbeats
 * received and expected (each host for the elapsed part of the window outside
 * maintenance, at its export interval).
 */
export function heartbeatCoverage(
  totals: NodeTotals,
  orchestrator: string,
  elapsedSeconds: number,
  maintenance: number,
): { received: number; expected: number } {
  const hosts = byOrchestrator(totals).hosts.get(orchestrator) ?? [];
  const seconds = Math.max(0, elapsedSeconds - maintenance);
  return {
    received: hosts.reduce((s, h) => s + h.heartbeats, 0),
    expected: hosts.reduce((s, h) => s + Math.round(seconds / h.intervalSeconds), 0),
  };
}
