import { describe, expect, it } from 'vitest';
import type { TestCase } from '../cases.js';
import { KeyedLock } from './keyed-lock.js';
import { phase, planWindow, type Unit } from './plan.js';

const c = (id: string): TestCase => ({
  id,
  pipeline: 'text-to-image',
  kind: 'good',
  model: null,
  params: {},
  media: {},
  expect: { status: 200 },
  description: '',
});

const unit = (key: string, cases: TestCase[]): Unit => ({
  key,
  target: {
    address: '0x1111111111111111111111111111111111111111',
    uri: 'https://o:8935',
    capabilities: [],
  },
  capability: { pipeline: 'text-to-image', model: 'm', capacity: 1, warm: true },
  cases,
  gateway: { url: 'http://gw', cliUrl: null },
});

describe('window plan', () => {
  it('spreads each unit evenly at its phase and cycles through its cases across rounds', () => {
    const u = unit('a', [c('x'), c('y')]);
    const p = phase('a');
    const jobs = planWindow([u], 3, 1, 600);
    expect(jobs.map((j) => j.offsetMs)).toEqual([0, 1, 2].map((i) => ((p + i) / 3) * 600));
    // Round 1 continues where round 0 stopped: cases 3, 4, 5 of the cycle.
    expect(jobs.map((j) => j.testCase.id)).toEqual(['y', 'x', 'y']);
  });

  it('starts everything at once without a window, skips units without cases, sorts by start', () => {
    const jobs = planWindow(
      [unit('a', [c('x')]), unit('empty', []), unit('b', [c('z')])],
      2,
      0,
      null,
    );
    expect(jobs.map((j) => [j.unit.key, j.offsetMs])).toEqual([
      ['a', 0],
      ['a', 0],
      ['b', 0],
      ['b', 0],
    ]);
    const spread = planWindow([unit('a', [c('x')]), unit('b', [c('z')])], 2, 0, 1000).map(
      (j) => j.offsetMs,
    );
    expect(spread).toEqual([...spread].sort((x, y) => x - y));
  });

  it('gives stable phases in [0, 1)', () => {
    expect(phase('k')).toBe(phase('k'));
    for (const k of ['a', 'b', 'c', '']) {
      expect(phase(k)).toBeGreaterThanOrEqual(0);
      expect(phase(k)).toBeLessThan(1);
    }
  });
});

describe('keyed lock', () => {
  it('runs tasks of one key one at a time, in order; other keys in parallel', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const first = lock.run('k', async () => {
      log.push('k1 start');
      await gate;
      log.push('k1 end');
    });
    const second = lock.run('k', () => {
      log.push('k2');
      return Promise.resolve();
    });
    const other = lock.run('j', () => {
      log.push('j');
      return Promise.resolve();
    });
    await other;
    expect(log).toEqual(['k1 start', 'j']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['k1 start', 'j', 'k1 end', 'k2']);
    await expect(lock.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run('k', () => Promise.resolve(7))).toBe(7);
  });
});
