import { describe, expect, it } from 'vitest';
import { envName, numberOption, parseCommand, UsageError } from './args.js';
import { parseDuration, parseTime } from './time.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('time parsing', () => {
  it('reads ISO times, now, and offsets', () => {
    expect(parseTime('2026-11-20T00:00:00Z', NOW)).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(parseTime('now', NOW)).toBe(NOW);
    expect(parseTime('-7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTime('+90m', NOW)).toBe(NOW + 90 * 60_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'yesterday', '-7', '-d', '7d', '2026-13-45', '1e9', '--1h']) {
      expect(parseTime(bad, NOW), bad).toBeNull();
    }
    expect(parseDuration('10 years')).toBeNull();
  });
});

describe('command options', () => {
  const options = {
    scenario: { type: 'string' },
    'state-dir': { type: 'string' },
    reset: { type: 'boolean' },
  } as const;

  it('fills unset flags from NAAP_SIM_* variables, flags winning', () => {
    const v = parseCommand(['--scenario', 'a.yaml'], options, {
      NAAP_SIM_SCENARIO: 'b.yaml',
      NAAP_SIM_STATE_DIR: '/tmp/x',
      NAAP_SIM_RESET: 'true',
      PATH: '/bin',
    });
    expect(v).toEqual({ scenario: 'a.yaml', 'state-dir': '/tmp/x', reset: true });
    expect(envName('state-dir')).toBe('NAAP_SIM_STATE_DIR');
  });

  it('rejects unknown flags and unknown NAAP_SIM_ variables, naming them', () => {
    expect(() => parseCommand(['--scenaro', 'x'], options, {})).toThrow(UsageError);
    expect(() => parseCommand(['--scenaro', 'x'], options, {})).toThrow(/scenaro/);
    expect(() => parseCommand([], options, { NAAP_SIM_SCENAROI: 'x' })).toThrow(
      /NAAP_SIM_SCENAROI/,
    );
    expect(() => parseCommand(['positional'], options, {})).toThrow(UsageError);
    expect(parseCommand([], options, { NAAP_SIM_DEBUG: '1' })).toEqual({});
  });

  it('checks numbers', () => {
    expect(numberOption({ seed: '42' }, 'seed', { min: 0, max: 100, integer: true })).toBe(42);
    expect(() =>
      numberOption({ seed: '4.2' }, 'seed', { min: 0, max: 100, integer: true }),
    ).toThrow(/--seed must be a whole number/);
    expect(() => numberOption({ speed: 'fast' }, 'speed', { min: 0, max: 10 })).toThrow(/--speed/);
    expect(numberOption({}, 'speed', { min: 0, max: 10 })).toBeUndefined();
  });
});
