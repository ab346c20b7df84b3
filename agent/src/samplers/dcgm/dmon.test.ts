import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DmonParser, dmonArgs, parseDmonOutput, type DmonLine } from './dmon.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const rows = (lines: DmonLine[]) =>
  lines.flatMap((l) =>
    l.kind === 'row' ? [[`${l.entity.group} ${l.entity.id}`, l.activity]] : [],
  );

describe('dcgmi dmon arguments', () => {
  it('watches the tensor, FP64, FP32 and FP16 pipe activities at the interval', () => {
    expect(dmonArgs(1000)).toEqual(['dmon', '-e', '1004,1006,1007,1008', '-d', '1000']);
    // DCGM samples profiling fields at 100 ms at the fastest.
    expect(dmonArgs(20)).toEqual(['dmon', '-e', '1004,1006,1007,1008', '-d', '100']);
  });
});

describe('DmonParser on dcgmi output', () => {
  it('reads every GPU row of a two-GPU capture, by column name', async () => {
    const lines = parseDmonOutput(await fixture('dmon-h100x2.txt'));
    expect(lines.filter((l) => l.kind === 'rejected' || l.kind === 'error')).toEqual([]);
    const r = rows(lines);
    expect(r).toHaveLength(8);
    expect(r[0]).toEqual(['GPU 0', { tensor: 0.412, fp64: 0, fp32: 0.051, fp16: 0 }]);
    expect(r[3]).toEqual(['GPU 1', { tensor: 0.221, fp64: 0, fp32: 0.012, fp16: 0.318 }]);
    expect(r[7]).toEqual(['GPU 1', { tensor: 0.227, fp64: 0, fp32: 0.013, fp16: 0.329 }]);
  });

  it('follows the header dcgmi repeats every 15 samples, and leaves N/A out (never 0)', async () => {
    const lines = parseDmonOutput(await fixture('dmon-repeat-header.txt'));
    expect(lines.filter((l) => l.kind === 'header')).toHaveLength(2);
    const r = rows(lines);
    expect(r).toHaveLength(16);
    expect(r[15]).toEqual(['GPU 0', { tensor: 0.315, fp32: 0.02, fp16: 0.1 }]);
    expect(r.every(([, a]) => !('fp64' in (a as object)))).toBe(true);
  });

  it('tells MIG instances apart from whole GPUs', async () => {
    const r = rows(parseDmonOutput(await fixture('dmon-mig.txt')));
    expect(r.map(([e]) => e)).toEqual(['GPU 0', 'GPU-I 1', 'GPU-CI 1', 'GPU-I 5']);
    expect(r[3]?.[1]).toEqual({});
  });

  it('reports dcgmi’s errors as errors, and ignores the stop notice', async () => {
    const refused = parseDmonOutput(await fixture('dmon-not-supported.txt'));
    expect(refused.filter((l) => l.kind === 'error')).toEqual([
      { kind: 'error', message: 'Error setting watches. Result: -6: Feature not supported' },
    ]);
    const down = parseDmonOutput(await fixture('dmon-host-engine-down.txt'));
    expect(down.map((l) => l.kind)).toEqual(['error', 'error', 'ignored']);
    const stopped = parseDmonOutput(await fixture('dmon-stopped.txt'));
    expect(stopped.filter((l) => l.kind === 'rejected')).toEqual([]);
    expect(rows(stopped)).toHaveLength(2);
  });

  it('takes columns in the order the header gives, ignoring fields it does not use', () => {
    const p = new DmonParser();
    expect(p.parse('#Entity   SMACT        FP16A        TENSO').kind).toBe('header');
    const r = p.parse('GPU 3     0.990        0.250        0.500');
    expect(r).toEqual({
      kind: 'row',
      entity: { group: 'GPU', id: 3 },
      activity: { fp16: 0.25, tensor: 0.5 },
    });
  });
});

describe('DmonParser with hostile input', () => {
  const header = '#Entity   TENSO        FP64A        FP32A        FP16A';

  it('rejects rows before any header: their columns are unknown', () => {
    expect(new DmonParser().parse('GPU 0     0.1   0.1   0.1   0.1')).toEqual({
      kind: 'rejected',
      reason: 'no-header',
    });
  });

  it.each([
    ['a truncated row', 'GPU 0     0.412        0.000', 'columns'],
    ['an extra column', 'GPU 0     0.4 0 0 0 0.9', 'columns'],
    ['a row without values', 'GPU 0', 'columns'],
    ['garbage', '\u0000\u0001{{{ ]]]', 'garbage'],
    ['an unknown entity', 'Switch 0     0.1   0.1   0.1   0.1', 'garbage'],
    ['an entity id out of range', 'GPU 12345678 0.1 0.1 0.1 0.1', 'garbage'],
    ['a negative id', 'GPU -1 0.1 0.1 0.1 0.1', 'garbage'],
  ])('rejects %s', (_name, line, reason) => {
    const p = new DmonParser();
    p.parse(header);
    expect(p.parse(line)).toEqual({ kind: 'rejected', reason });
  });

  it.each([
    ['above 1', '1.500'],
    ['negative', '-0.100'],
    ['not a number', 'NaN'],
    ['infinite', 'Infinity'],
    ['exponent notation', '1e-3'],
    ['hexadecimal', '0x1'],
    ['a huge number', '9'.repeat(400)],
  ])('leaves out a value %s instead of reporting it', (_name, value) => {
    const p = new DmonParser();
    p.parse(header);
    const r = p.parse(`GPU 0     ${value}        0.000        0.051        0.000`);
    expect(r).toEqual({
      kind: 'row',
      entity: { group: 'GPU', id: 0 },
      activity: { fp64: 0, fp32: 0.051, fp16: 0 },
    });
  });

  it('keeps error messages short and printable', () => {
    const r = new DmonParser().parse(`Error: \u001b[31m${'x'.repeat(10_000)}\u0007`);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.message.length).toBeLessThanOrEqual(200);
      expect(r.message).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
