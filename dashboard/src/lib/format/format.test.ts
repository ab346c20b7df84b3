import { describe, expect, it } from 'vitest';
import { delta } from './delta.js';
import { ago, localLabel, utcLabel } from './time.js';
import { MISSING, formatParts, formatValue } from './units.js';

const T = '\u202f';

describe('formatValue', () => {
  it('formats ratios as percent, never rounding up to 100', () => {
    expect(formatValue(0.987, '1')).toBe(`98.7${T}%`);
    expect(formatValue(1, '1')).toBe(`100.0${T}%`);
    expect(formatValue(0.99996, '1')).toBe(`99.99${T}%`);
    expect(formatValue(0.9995, '1')).toBe(`99.95${T}%`);
    expect(formatValue(0.9984, '1')).toBe(`99.8${T}%`);
    expect(formatValue(0, '1')).toBe(`0.0${T}%`);
    expect(formatValue(0.0004, '1')).toBe(`0.04${T}%`);
  });

  it('formats durations in ms under 10 s and in s above', () => {
    expect(formatValue(412.5, 'ms')).toBe(`413${T}ms`);
    expect(formatValue(3.25, 'ms')).toBe(`3.3${T}ms`);
    expect(formatValue(9_999, 'ms')).toBe(`9,999${T}ms`);
    expect(formatValue(12_345, 'ms')).toBe(`12.3${T}s`);
    expect(formatValue(900_000, 'ms')).toBe(`15.0${T}min`);
    expect(formatValue(2.5, 's')).toBe(`2,500${T}ms`);
    expect(formatValue(150, 'min')).toBe(`2.5${T}h`);
    expect(formatValue(90, 'min')).toBe(`90.0${T}min`);
  });

  it('formats bytes in binary units', () => {
    expect(formatValue(512, 'By')).toBe(`512${T}B`);
    expect(formatValue(24564 * 1048576, 'By')).toBe(`24.0${T}GiB`);
    expect(formatValue(1536, 'By')).toBe(`1.50${T}KiB`);
    expect(formatValue(5 * 1024 ** 4, 'By')).toBe(`5.00${T}TiB`);
  });

  it('formats physical units', () => {
    expect(formatValue(71.6, 'Cel')).toBe(`72${T}°C`);
    expect(formatValue(312.4, 'W')).toBe(`312${T}W`);
    expect(formatValue(2520, 'MHz')).toBe(`2,520${T}MHz`);
    expect(formatValue(23.84, '{frame}/s')).toBe(`23.8${T}fps`);
    expect(formatValue(950.2, 'Mbit/s')).toBe(`950${T}Mbit/s`);
    expect(formatValue(83.4, '{score}')).toBe('83');
  });

  it('formats counts with SI suffixes and the noun of the annotation', () => {
    expect(formatValue(42, '{job}')).toBe(`42${T}jobs`);
    expect(formatValue(12_500, '{job}')).toBe(`12.5${T}k jobs`);
    expect(formatValue(3_400_000, '{job}')).toBe(`3.40${T}M jobs`);
    expect(formatValue(7, '{orchestrator}')).toBe('7');
    expect(formatValue(312.5, '{job}/min')).toBe(`313${T}jobs/min`);
    expect(formatValue(4, '{widget}/h')).toBe(`4${T}/h`);
  });

  it('shows a dash for missing or non-finite values, never 0', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatValue(v, 'ms')).toBe(MISSING);
      expect(formatParts(v, '1')).toEqual({ value: MISSING, unit: '' });
    }
  });
});

describe('delta', () => {
  it('gives ratio changes in percentage points with the tone of the change', () => {
    expect(delta(0.991, 0.987, '1', 'up')).toEqual({
      text: `+0.4${T}pp`,
      direction: 'up',
      tone: 'better',
    });
    expect(delta(0.02, 0.01, '1', 'down').tone).toBe('worse');
  });

  it('gives other changes relative to the previous value', () => {
    expect(delta(90, 100, 'ms', 'down')).toEqual({
      text: `\u221210.0${T}%`.replace('10.0', '10'),
      direction: 'down',
      tone: 'better',
    });
    expect(delta(105, 100, 'ms', 'down').text).toBe(`+5.0${T}%`);
    expect(delta(100.2, 100, 'ms', 'down')).toMatchObject({ direction: 'flat', tone: 'flat' });
  });

  it('gives absolute changes for counts from zero and for scores', () => {
    expect(delta(3, 0, '{job}', 'up').text).toBe(`+3${T}jobs`);
    expect(delta(80, 83, '{score}', 'up')).toMatchObject({ text: '\u22123', tone: 'worse' });
  });

  it('is empty when a side is missing', () => {
    expect(delta(null, 1, 'ms', 'down')).toEqual({ text: '', direction: 'flat', tone: 'flat' });
    expect(delta(1, undefined, 'ms', 'down').text).toBe('');
  });
});

describe('time labels', () => {
  const at = Date.UTC(2026, 10, 27, 14, 5, 9);
  it('labels UTC for tooltips', () => {
    expect(utcLabel(at)).toBe('2026-11-27 14:05:09 UTC');
  });
  it('labels local time, with the day when not today', () => {
    expect(localLabel(at, at + 60_000, 'UTC')).toBe('14:05');
    expect(localLabel(at, at + 86_400_000, 'UTC')).toBe('27 Nov 14:05');
    expect(localLabel(at, at, 'Europe/Berlin')).toBe('15:05');
  });
  it('says how long ago', () => {
    expect(ago(at, at + 400)).toBe('just now');
    expect(ago(at, at + 12_000)).toBe(`12${T}s ago`);
    expect(ago(at, at + 5 * 60_000)).toBe(`5${T}min ago`);
    expect(ago(at, at + 3 * 3_600_000)).toBe(`3${T}h ago`);
    expect(ago(at, at + 4 * 86_400_000)).toBe(`4${T}d ago`);
  });
});
