import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORCH_A,
  baseTime,
  openTestStore,
  type TestStore,
} from '../../storage/rollups/test-support.js';
import { agent, heartbeatRows, insertRaw } from '../test-support.js';
import { nodeTotalsByBucket, type NodeTotals } from './node.js';

/**
 * Which hosts a bucket expects: one that reported in the day before the
 * range, every bucket; one that first reported inside the range, from that
 * bucket on (also after it went silent) — never before it existed.
 */

const HOUR = 3_600_000;
const T0 = baseTime(7);
const OLD = agent(ORCH_A, 'host-old');
const NEW = agent(ORCH_A, 'host-new');

let t: TestStore;

const hostsOf = (totals: NodeTotals): Record<string, number> =>
  Object.fromEntries(totals.hosts.map((h) => [h.host, h.heartbeats]));

beforeAll(async () => {
  t = await openTestStore('naap-node-hosts-');
  await insertRaw(t.store, 'gauge', [
    ...heartbeatRows(OLD, T0 - 2 * HOUR, T0 + 4 * HOUR, 60), // the look-back, then silent from hour 4
    ...heartbeatRows(NEW, T0 + 3 * HOUR, T0 + 6 * HOUR, 60), // appears at hour 3
  ]);
});

afterAll(async () => {
  await t.close();
});

describe('node totals per bucket', () => {
  it('expect a host from the bucket it first reported in, and after it went silent', async () => {
    const q = { from: new Date(T0), to: new Date(T0 + 6 * HOUR), orchestrators: [ORCH_A] };
    const byHour = await nodeTotalsByBucket(t.store, { ...q, maintenance: [], bucket: 'hour' });
    expect(hostsOf(byHour.get(T0))).toEqual({ 'host-old': 60 });
    expect(hostsOf(byHour.get(T0 + 2 * HOUR))).toEqual({ 'host-old': 60 });
    expect(hostsOf(byHour.get(T0 + 3 * HOUR))).toEqual({ 'host-old': 60, 'host-new': 60 });
    expect(hostsOf(byHour.get(T0 + 5 * HOUR))).toEqual({ 'host-old': 0, 'host-new': 60 });
    // One total over the range expects both hosts for all of it.
    const whole = await nodeTotalsByBucket(t.store, { ...q, maintenance: [] });
    expect(hostsOf(whole.get(T0))).toEqual({ 'host-old': 240, 'host-new': 180 });
  });
});
