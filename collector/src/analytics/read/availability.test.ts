import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../maintenance.js';
import { availabilities, heartbeatCoverage, maintenanceSecondsOf } from './availability.js';
import type { NodeTotals } from './node.js';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 0, 10);
const O = '0x00000000000000000000000000000000000000aa';
const P = '0x00000000000000000000000000000000000000bb';

const window = (startMs: number, endMs: number, orchestrator = O): MaintenanceWindow => ({
  id: `w${startMs}`,
  orchestrator,
  startsAt: new Date(startMs),
  endsAt: new Date(endMs),
  reason: '',
});

const totals: NodeTotals = {
  hosts: [
    { orchestrator: O, host: 'a', heartbeats: 270, liveSeconds: 2700, intervalSeconds: 10 },
    { orchestrator: O, host: 'b', heartbeats: 0, liveSeconds: 0, intervalSeconds: 10 },
  ],
  probes: [
    { orchestrator: O, probes: 0, successes: 0 },
    { orchestrator: P, probes: 20, successes: 19 },
  ],
  feesGwei: new Map(),
};

describe('availability', () => {
  it('expects every host the whole window and counts probes apart', () => {
    const a = availabilities(totals, [], T, T + HOUR);
    expect(a.get(O)).toMatchObject({ time: 2700 / 7200, probe: null, hosts: 2 });
    expect(a.get(P)).toMatchObject({ time: null, probe: 0.95, hosts: 0 });
  });

  it('leaves maintenance out of the window (rounded to the minutes the minute table cuts)', () => {
    const w = [window(T + 30 * 60_000 + 10_000, T + 2 * HOUR)];
    expect(maintenanceSecondsOf(w, O, T, T + HOUR)).toBe(29 * 60);
    expect(maintenanceSecondsOf(w, P, T, T + HOUR)).toBe(0);
    const a = availabilities(totals, w, T, T + HOUR);
    // host a's live seconds (maintenance already cut out by the query) fill its 31 minutes
    expect(a.get(O)?.time).toBe(0.5);
    expect(a.get(O)?.maintenanceSeconds).toBe(29 * 60);
  });

  it('gives the heartbeats a score expects over the elapsed part outside maintenance', () => {
    expect(heartbeatCoverage(totals, O, 3600, 0)).toEqual({ received: 270, expected: 720 });
    expect(heartbeatCoverage(totals, O, 1800, 600)).toEqual({ received: 270, expected: 240 });
    expect(heartbeatCoverage(totals, P, 3600, 0)).toEqual({ received: 0, expected: 0 });
  });
});
