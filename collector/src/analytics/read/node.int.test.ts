import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORCH_A,
  ORCH_B,
  TEST_CONTEXT,
  baseTime,
  openTestStore,
  type TestStore,
} from '../../storage/rollups/test-support.js';
import { rawStore } from '../raw.js';
import { agent, heartbeatRows, insertRaw } from '../test-support.js';
import { nodeTotalsByBucket, type NodeTotals } from './node.js';

/**
 * Which hosts a bucket expects: one that reported in the day before the
 * range, every bucket; one that first reported inside the range, from that
 * bucket on (also after it went silent) — never before it existed. And the
 * cap on live seconds applies to an hour's merged rows, not to each insert.
 */

const HOUR = 3_600_000;
const T0 = baseTime(7);
const OLD = agent(ORCH_A, 'host-old');
const NEW = agent(ORCH_A, 'host-new');
const TWICE = agent(ORCH_B, 'host-twice');

let t: TestStore;

const hostsOf = (totals: NodeTotals): Record<string, number> =>
  Object.fromEntries(totals.hosts.map((h) => [h.host, h.heartbeats]));

beforeAll(async () => {
  t = await openTestStore('naap-node-hosts-');
  await insertRaw(t.store, 'gauge', [
    ...heartbeatRows(OLD, T0 - 2 * HOUR, T0 + 4 * HOUR, 60), // the look-back, then silent from hour 4
    ...heartbeatRows(NEW, T0 + 3 * HOUR, T0 + 6 * HOUR, 60), // appears at hour 3
  ]);
  // Hour 1 of ORCH_B delivered twice (an exporter's retry), in two inserts.
  const hour = heartbeatRows(TWICE, T0 + HOUR, T0 + 2 * HOUR, 60);
  await insertRaw(t.store, 'gauge', hour);
  await insertRaw(t.store, 'gauge', hour);
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

  it('caps an hour delivered twice at the hour, the raw path alike', async () => {
    const q = { from: new Date(T0), to: new Date(T0 + 3 * HOUR), orchestrators: [ORCH_B] };
    for (const store of [t.store, rawStore(t.store, TEST_CONTEXT)]) {
      const whole = await nodeTotalsByBucket(store, { ...q, maintenance: [] });
      const [host] = whole.get(T0).hosts;
      // 120 heartbeats of 60 s in one hour: 7 200 s, capped at 3 600 (not per insert).
      expect(host).toMatchObject({ host: 'host-twice', heartbeats: 120, liveSeconds: 3600 });
      const byDay = await nodeTotalsByBucket(store, { ...q, maintenance: [], bucket: 'day' });
      expect(byDay.get(T0 - (T0 % (24 * HOUR))).hosts[0]?.liveSeconds).toBe(3600);
    }
  });
});
