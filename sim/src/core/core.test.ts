import { recoverMessageAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { addressOf, orchestratorAccount } from './keys.js';
import { hashKey, noise, Rng, Z95 } from './rng.js';

describe('Rng', () => {
  it('gives the same stream for the same key and different streams for different keys', () => {
    const a = Rng.of(7, 'orch-1', 3);
    const b = Rng.of(7, 'orch-1', 3);
    const c = Rng.of(7, 'orch-1', 4);
    const draws = (r: Rng): number[] => Array.from({ length: 5 }, () => r.nextUint32());
    const da = draws(a);
    expect(draws(b)).toEqual(da);
    expect(draws(c)).not.toEqual(da);
    expect(hashKey([1, 'a'])).not.toBe(hashKey(['1', 'a']));
    expect(noise(1, 'x', 5)).toBe(noise(1, 'x', 5));
  });

  it('draws a log-normal with the requested median and 95th percentile', () => {
    const r = Rng.of('lognormal-test');
    const xs = Array.from({ length: 40_000 }, () => r.logNormal(1000, 2000)).sort((x, y) => x - y);
    expect(xs[20_000]).toBeGreaterThan(970);
    expect(xs[20_000]).toBeLessThan(1030);
    expect(xs[38_000]).toBeGreaterThan(1920);
    expect(xs[38_000]).toBeLessThan(2080);
    expect(Z95).toBeCloseTo(1.6449, 4);
  });

  it('draws Poisson counts with the right mean and uniform values in [0, 1)', () => {
    const r = Rng.of('poisson-test');
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += r.poisson(4.5);
    expect(sum / n).toBeGreaterThan(4.4);
    expect(sum / n).toBeLessThan(4.6);
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
    expect(r.poisson(0)).toBe(0);
  });

  it('picks weighted keys proportionally and null without weight', () => {
    const r = Rng.of('weighted');
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted({ a: 3, b: 1 }) === 'a') a++;
    expect(a / 10_000).toBeGreaterThan(0.72);
    expect(a / 10_000).toBeLessThan(0.78);
    expect(r.weighted({ a: 0 })).toBeNull();
  });
});

describe('SimClock', () => {
  it('runs real time by default', () => {
    let wall = 1_000_000;
    const clock = new SimClock({ wallNow: () => wall });
    wall += 5000;
    expect(clock.now()).toBe(1_005_000);
    expect(clock.wallDuration(2000)).toBe(2000);
  });

  it('runs accelerated from a start time', () => {
    let wall = 10_000_000;
    const clock = new SimClock({ startMs: 0, speed: 60, wallNow: () => wall });
    wall += 1000;
    expect(clock.now()).toBe(60_000);
    expect(clock.wallDuration(60_000)).toBe(1000);
  });

  it('catches up with the wall clock, then runs in real time', () => {
    let wall = 86_400_000;
    const clock = new SimClock({ startMs: 0, speed: 1440, catchUp: true, wallNow: () => wall });
    wall += 30_000; // half a day of simulated time
    expect(clock.now()).toBe(30_000 * 1440);
    expect(clock.isAccelerated()).toBe(true);
    wall += 60_000; // would overshoot: clamps to the wall clock
    expect(clock.now()).toBe(wall);
    expect(clock.isAccelerated()).toBe(false);
    const copy = SimClock.fromState(clock.state, () => wall);
    expect(copy.now()).toBe(clock.now());
  });

  it('rejects a non-positive speed', () => {
    expect(() => new SimClock({ speed: 0 })).toThrow(/speed/);
  });
});

describe('orchestrator keys', () => {
  it('derive the same real key pair from seed and id, different per id', async () => {
    const a = orchestratorAccount(7, 'orch-fra-1');
    expect(addressOf(a)).toBe(addressOf(orchestratorAccount(7, 'orch-fra-1')));
    expect(addressOf(a)).not.toBe(addressOf(orchestratorAccount(8, 'orch-fra-1')));
    expect(addressOf(a)).toMatch(/^0x[0-9a-f]{40}$/);
    const signature = await a.signMessage({ message: 'hello' });
    expect((await recoverMessageAddress({ message: 'hello', signature })).toLowerCase()).toBe(
      addressOf(a),
    );
  });
});
