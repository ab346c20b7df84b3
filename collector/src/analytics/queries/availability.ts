import type { Store } from '../../storage/store.js';
import { maintenanceWindows } from '../maintenance.js';
import { availabilities, type Availability } from '../read/availability.js';
import { nodeTotals } from '../read/node.js';
import type { WindowNode } from '../score/window.js';
import { hoursOfWindow, type TimeWindow } from './common.js';

/**
 * Time- and event-based availability of orchestrators over a window (up to
 * now), maintenance windows excluded (metrics.md §2).
 */
export async function availabilityOf(
  store: Store,
  q: { range: TimeWindow; orchestrators?: readonly string[]; now: number },
): Promise<Map<string, Availability>> {
  const hours = hoursOfWindow(q.range);
  const from = hours.from.getTime();
  const to = Math.max(from + 1, Math.min(hours.to.getTime(), q.now));
  const range = { from: hours.from, to: new Date(to) };
  const orchestrators = q.orchestrators ? { orchestrators: q.orchestrators } : {};
  const windows = await maintenanceWindows(store, { ...range, ...orchestrators });
  const totals = await nodeTotals(store, { ...range, ...orchestrators, maintenance: windows });
  return availabilities(totals, windows, from, to);
}

export type { Availability };

/** Availability from the node totals a window score query already read. */
export function availabilityOfNode(node: WindowNode): Map<string, Availability> {
  const totals = node.totals?.get(node.fromMs);
  if (totals === undefined) return new Map();
  return availabilities(totals, node.windows, node.fromMs, Math.max(node.fromMs + 1, node.untilMs));
}
