import { describe, expect, it } from 'vitest';
import { exclusive } from './exclusive.js';

/** A run that records when it starts and ends, finishing when told to. */
function gate(log: string[], name: string): { work: () => Promise<string>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    work: async () => {
      log.push(`${name}:start`);
      await opened;
      log.push(`${name}:end`);
      return name;
    },
    open: () => {
      open();
    },
  };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('exclusive', () => {
  it('runs work on one store one at a time, in the order asked', async () => {
    const store = {};
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const first = exclusive(store, a.work);
    const second = exclusive(store, b.work);
    await settle();
    expect(log).toEqual(['a:start']);
    b.open();
    await settle();
    expect(log).toEqual(['a:start']);
    a.open();
    expect(await first).toBe('a');
    expect(await second).toBe('b');
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
  });

  it('lets the next run go after a failed one, and keeps the failure for its caller', async () => {
    const store = {};
    const failed = exclusive(store, () => Promise.reject(new Error('storage down')));
    const next = exclusive(store, () => Promise.resolve('scored'));
    await expect(failed).rejects.toThrow('storage down');
    expect(await next).toBe('scored');
  });

  it('does not hold back runs on another store', async () => {
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const first = exclusive({}, a.work);
    const second = exclusive({}, b.work);
    await settle();
    expect(log).toEqual(['a:start', 'b:start']);
    a.open();
    b.open();
    expect([await first, await second]).toEqual(['a', 'b']);
  });
});
