import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.js';
import type { GpuReading } from './fields.js';
import { LineSplitter, splitLines } from './lines.js';
import { LatestValue, MAX_GPUS, ReadingStore } from './store.js';

const uuid = (n: number): string => `GPU-00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const reading = (n: number, extra: Partial<GpuReading> = {}): GpuReading => ({
  uuid: uuid(n),
  name: 'NVIDIA H100 80GB HBM3',
  ...extra,
});

describe('ReadingStore', () => {
  it('keeps the latest reading per UUID, whatever the index says', () => {
    let now = 0;
    const store = new ReadingStore(3000, () => now);
    store.put(reading(1, { index: 0, temperatureC: 40 }));
    store.put(reading(2, { index: 1 }));
    now = 500;
    store.put(reading(1, { index: 1, temperatureC: 41 }));
    expect(store.fresh().map((r) => [r.uuid, r.index])).toEqual([
      [uuid(2), 1],
      [uuid(1), 1],
    ]);
    expect(store.get(uuid(1))?.temperatureC).toBe(41);
  });

  it('hides stale readings (older than the limit)', () => {
    let now = 0;
    const store = new ReadingStore(3000, () => now);
    store.put(reading(1));
    now = 2000;
    store.put(reading(2));
    now = 3000;
    expect(store.fresh()).toHaveLength(2);
    now = 3001;
    expect(store.fresh().map((r) => r.uuid)).toEqual([uuid(2)]);
    now = 6000;
    expect(store.fresh()).toEqual([]);
    expect(store.get(uuid(1))).toBeDefined();
  });

  it('reports the start of a new -lms block when a UUID repeats', () => {
    const store = new ReadingStore(1000);
    expect([1, 2, 3].map((n) => store.put(reading(n)))).toEqual([false, false, false]);
    expect([1, 2, 3].map((n) => store.put(reading(n)))).toEqual([true, false, false]);
  });

  it('bounds the number of GPUs kept', () => {
    const store = new ReadingStore(1000);
    for (let n = 0; n < MAX_GPUS + 10; n++) store.put(reading(n));
    expect(store.fresh()).toHaveLength(MAX_GPUS);
    expect(store.get(uuid(0))).toBeUndefined();
  });
});

describe('LatestValue', () => {
  it('goes stale after its limit', () => {
    let now = 0;
    const v = new LatestValue<number>(100, () => now);
    expect(v.fresh()).toBeUndefined();
    v.set(7);
    now = 100;
    expect(v.fresh()).toBe(7);
    now = 101;
    expect(v.fresh()).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and caps at the maximum', () => {
    const mid = () => 0.5;
    const delays = [0, 1, 2, 3, 4, 5, 6, 7, 50].map((a) => backoffDelay(a, DEFAULT_BACKOFF, mid));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('jitters within ±20 % and never above the cap', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 1)).toBe(1200);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 1)).toBe(60_000);
  });

  it('sleeps, and returns early when aborted', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => {
      ac.abort();
    }, 20);
    await sleep(10_000, ac.signal);
    expect(Date.now() - started).toBeLessThan(2000);
    await sleep(10_000, ac.signal);
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks and strips CR', () => {
    const lines: string[] = [];
    const s = new LineSplitter({ line: (l) => lines.push(l), oversize: () => lines.push('!') }, 10);
    for (const chunk of ['ab', 'c\r\nde', 'f\n', '\n', 'gh']) s.push(chunk);
    expect(lines).toEqual(['abc', 'def', '']);
    expect(s.end()).toBe('gh');
    expect(s.end()).toBeUndefined();
  });

  it('drops an over-long line once, even without a newline at the end', () => {
    const lines: string[] = [];
    const s = new LineSplitter({ line: (l) => lines.push(l), oversize: () => lines.push('!') }, 4);
    s.push('12345678');
    s.push('9\nok\n12345');
    expect(lines).toEqual(['!', 'ok']);
    expect(s.end()).toBeUndefined();
    expect(lines).toEqual(['!', 'ok', '!']);
    expect(splitLines('a\nbbbbbbb\nc', 3)).toEqual({ lines: ['a', 'c'], oversize: 1 });
  });
});
