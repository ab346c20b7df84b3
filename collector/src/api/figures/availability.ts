import { liveSecondsFromHeartbeats, probeAvailability, timeAvailability } from '@naap/otel';
import type { Figure } from '@naap/otel/api';
import type { Range } from '../params/time.js';
import type { HostHeartbeats } from '../repository/index.js';
import { NO_FIGURE, figure } from './figure.js';

/**
 * Time-based availability of an orchestrator (agent): seconds with a live
 * heartbeat / seconds in the range, over every host of the orchestrator
 * (heartbeats × the export interval each host reported, at most the range
 * per host). Null without hosts that reported their interval.
 */
export function timeAvailabilityOf(hosts: readonly HostHeartbeats[], range: Range): number | null {
  const windowS = (range.toMs - range.fromMs) / 1000;
  let live = 0;
  let n = 0;
  for (const h of hosts) {
    if (h.intervalS === null || !(h.intervalS > 0)) continue;
    live += Math.min(windowS, liveSecondsFromHeartbeats(h.heartbeats, h.intervalS));
    n++;
  }
  if (n === 0 || windowS <= 0) return null;
  return timeAvailability({ liveSeconds: live, windowSeconds: windowS * n });
}

export interface AvailabilityFigures {
  readonly time: Figure;
  readonly probe: Figure;
  /** Time-based where an agent reports, else event-based. */
  readonly headline: Figure;
}

export function availabilityFigures(
  hosts: readonly HostHeartbeats[],
  probes: { success: number; total: number } | undefined,
  range: Range,
): AvailabilityFigures {
  const time = figure(timeAvailabilityOf(hosts, range), 'agent');
  const probe =
    probes === undefined
      ? NO_FIGURE
      : figure(probeAvailability(Math.min(probes.success, probes.total), probes.total), 'testload');
  return { time, probe, headline: time.value !== null ? time : probe };
}

/** Heartbeats per orchestrator. */
export function hostsByAddress(rows: readonly HostHeartbeats[]): Map<string, HostHeartbeats[]> {
  const out = new Map<string, HostHeartbeats[]>();
  for (const r of rows) {
    const list = out.get(r.address);
    if (list === undefined) out.set(r.address, [r]);
    else list.push(r);
  }
  return out;
}
