import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/manual-clock.js';
import { checkPool } from './pool.js';
import { buildWebhookApp, PinWebhookState } from './webhook.js';

describe('pinning webhook', () => {
  it('answers only the current target, as go-livepeer expects, and remembers when the gateway asked', async () => {
    const clock = new ManualClock(1_000);
    const state = new PinWebhookState(clock);
    const app = buildWebhookApp(state);
    expect((await app.inject({ method: 'GET', url: '/orchestrators' })).json()).toEqual([]);
    state.set(['https://a.example.com:8935']);
    expect(state.fetchedSinceSet()).toBe(false);
    const res = await app.inject({ method: 'GET', url: '/orchestrators' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual([{ address: 'https://a.example.com:8935' }]);
    expect(state.fetchedSinceSet()).toBe(true);
    await clock.advanceTo(2_000);
    state.set(['https://b.example.com:8935']);
    expect(state.fetchedSinceSet()).toBe(false);
    expect(state.fetches).toBe(2);
    expect(
      (await app.inject({ method: 'POST', url: '/orchestrators', payload: 'x' })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/../etc/passwd' })).statusCode).toBe(404);
    await app.close();
  });

  it("tells whether a gateway's pool holds the target alone", () => {
    const t = '0x1111111111111111111111111111111111111111';
    const o = '0x2222222222222222222222222222222222222222';
    expect(checkPool(null, t)).toBe('unknown');
    expect(checkPool([], t)).toBe('absent');
    expect(checkPool([t], t)).toBe('alone');
    expect(checkPool([t, o], t)).toBe('mixed');
    expect(checkPool([o], t)).toBe('mixed');
  });
});
