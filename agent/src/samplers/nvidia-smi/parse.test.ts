import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LEGACY_QUERY_FIELDS, QUERY_FIELDS, reviseFields } from './fields.js';
import { LineSplitter, MAX_LINE_CHARS } from './lines.js';
import { GpuLineParser, parseGpuOutput, type LineResult } from './parse.js';
import { MIB } from './values.js';

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const H100_MIG = 'GPU-2ff89c63-5eda-ba91-2e79-1bdadd4bb265';
const RTX4090 = 'GPU-b1028956-cfa2-0990-bf4a-5da9abb51763';

describe('QUERY_FIELDS', () => {
  it('starts with uuid, index, name and has a legacy twin for old drivers', () => {
    expect(QUERY_FIELDS.slice(0, 3)).toEqual(['uuid', 'index', 'name']);
    expect(QUERY_FIELDS).toContain('clocks_event_reasons.active');
    expect(LEGACY_QUERY_FIELDS).toContain('clocks_throttle_reasons.active');
    expect(LEGACY_QUERY_FIELDS).not.toContain('clocks_event_reasons.active');
    expect(LEGACY_QUERY_FIELDS).toHaveLength(QUERY_FIELDS.length);
  });

  it('revises a rejected field list: old throttle name, else drop the optional field', () => {
    expect(reviseFields(QUERY_FIELDS, 'clocks_event_reasons.active')).toEqual(LEGACY_QUERY_FIELDS);
    const noEnc = reviseFields(LEGACY_QUERY_FIELDS, 'utilization.encoder');
    expect(noEnc).toHaveLength(QUERY_FIELDS.length - 1);
    expect(noEnc).not.toContain('utilization.encoder');
    expect(reviseFields(QUERY_FIELDS, 'uuid')).toBeUndefined();
    expect(reviseFields(QUERY_FIELDS, 'name')).toBeUndefined();
    expect(reviseFields(QUERY_FIELDS, 'not.queried')).toBeUndefined();
  });
});

describe('parseGpuOutput: project fixtures', () => {
  it('reads 8 GPUs by UUID, names with spaces, an MIG board without utilization', async () => {
    const out = parseGpuOutput(await fixture('multi-gpu.csv'));
    expect(out.rejected).toBe(0);
    expect(out.readings).toHaveLength(8);
    expect(new Set(out.readings.map((r) => r.uuid)).size).toBe(8);
    expect(out.readings.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(out.readings[3]?.name).toBe('NVIDIA RTX 6000 Ada Generation');
    expect(out.readings[5]?.name).toBe('Tesla T4');
    expect(out.readings[0]).toEqual({
      uuid: RTX4090,
      index: 0,
      name: 'NVIDIA GeForce RTX 4090',
      utilization: 0.87,
      memoryBandwidthUtilization: 0.41,
      memoryUsedBytes: 20480 * MIB,
      memoryTotalBytes: 24564 * MIB,
      memoryFreeBytes: 3843 * MIB,
      temperatureC: 71,
      powerDrawW: 402.17,
      powerLimitW: 450,
      smClockMhz: 2520,
      smClockMaxMhz: 3120,
      memClockMhz: 10501,
      encoderUtilization: 0,
      decoderUtilization: 0,
      throttleBitmask: 0,
    });
    const mig = out.readings.find((r) => r.uuid === H100_MIG);
    expect(mig?.migMode).toBe('enabled');
    expect(mig).not.toHaveProperty('utilization');
    expect(mig).not.toHaveProperty('encoderUtilization');
    expect(mig?.memoryUsedBytes).toBe(12384 * MIB);
    expect(mig?.throttleBitmask).toBe(1);
    expect(mig?.eccUncorrected).toBe(0);
    expect(out.readings[7]?.throttleBitmask).toBe(0x44);
  });

  it('omits every sentinel, never reading it as 0', async () => {
    const out = parseGpuOutput(await fixture('sentinels.csv'));
    expect(out.rejected).toBe(0);
    expect(out.readings[0]).toEqual({
      uuid: 'GPU-00000000-0000-0000-0000-000000000001',
      index: 0,
      name: 'NVIDIA GeForce RTX 2080 SUPER',
    });
    expect(out.readings[1]).toEqual({
      uuid: 'GPU-00000000-0000-0000-0000-000000000002',
      index: 1,
      name: 'GeForce GTX 1070',
      memoryUsedBytes: 2004 * MIB,
      memoryTotalBytes: 8119 * MIB,
      memoryFreeBytes: 6115 * MIB,
      temperatureC: 44,
      smClockMhz: 1683,
      smClockMaxMhz: 1911,
      memClockMhz: 4006,
    });
  });

  it('rejects a truncated last line', async () => {
    const out = parseGpuOutput(await fixture('truncated.csv'));
    expect(out.readings.map((r) => r.index)).toEqual([0, 1]);
    expect(out.rejected).toBe(1);
  });

  it('rejects and counts garbage without throwing, keeps the good line', async () => {
    const parser = new GpuLineParser();
    const text = await fixture('garbage.csv');
    const results = text.split('\n').map((l) => parser.parse(l));
    const kinds = results.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'reading')).toHaveLength(1);
    expect(results.find((r) => r.kind === 'reading')).toMatchObject({ reading: { uuid: RTX4090 } });
    expect(results).toContainEqual({
      kind: 'field-error',
      field: 'clocks_event_reasons.active',
    });
    const reasons = results.flatMap((r) => (r.kind === 'rejected' ? [r.reason] : []));
    expect(reasons.sort()).toEqual(
      ['columns', 'columns', 'columns', 'control', 'control', 'uuid', 'uuid']
        .concat(['value', 'value', 'value'])
        .sort(),
    );
    expect(parser.stats()).toEqual({ accepted: 1, rejected: 10 });
  });

  it('drops a 1 MB line, streamed in chunks, and keeps the lines around it', async () => {
    const good = (await fixture('multi-gpu.csv')).split('\n').slice(0, 2);
    const huge = `${good[0] ?? ''}, ${'9'.repeat(1024 * 1024)}`;
    const stream = `${good[0] ?? ''}\n${huge}\n${good[1] ?? ''}\n`;
    const parser = new GpuLineParser();
    const seen: LineResult[] = [];
    let longest = 0;
    const splitter = new LineSplitter({
      line: (l) => {
        longest = Math.max(longest, l.length);
        seen.push(parser.parse(l));
      },
      oversize: () => seen.push(parser.reject('oversize')),
    });
    for (let i = 0; i < stream.length; i += 65_000) splitter.push(stream.slice(i, i + 65_000));
    expect(splitter.end()).toBeUndefined();
    expect(seen.map((r) => r.kind)).toEqual(['reading', 'rejected', 'reading']);
    expect(seen[1]).toEqual({ kind: 'rejected', reason: 'oversize' });
    expect(longest).toBeLessThanOrEqual(MAX_LINE_CHARS);
    expect(parseGpuOutput(stream).rejected).toBe(1);
    expect(new GpuLineParser().parse(huge)).toEqual({ kind: 'rejected', reason: 'oversize' });
  });
});

describe('GpuLineParser: format variants', () => {
  it('skips a header, strips units and follows the header columns', () => {
    const parser = new GpuLineParser();
    expect(
      parser.parse('name, uuid, memory.used [MiB], utilization.gpu [%], power.draw [W]'),
    ).toEqual({ kind: 'header' });
    const r = parser.parse(`NVIDIA L40S, ${RTX4090}, 1235 MiB, 9 %, 110.23 W`);
    expect(r).toEqual({
      kind: 'reading',
      reading: {
        uuid: RTX4090,
        name: 'NVIDIA L40S',
        memoryUsedBytes: 1235 * MIB,
        utilization: 0.09,
        powerDrawW: 110.23,
      },
    });
  });

  it('takes CRLF line ends and canonical/alias names', () => {
    const parser = new GpuLineParser(['gpu_uuid', 'gpu_name', 'clocks.current.sm']);
    const r = parser.parse(`${RTX4090}, Tesla T4, 585\r`);
    expect(r).toMatchObject({ kind: 'reading', reading: { name: 'Tesla T4', smClockMhz: 585 } });
  });

  it('omits an impossible percentage but rejects malformed numbers and bitmasks', () => {
    const parser = new GpuLineParser(['uuid', 'name', 'utilization.gpu']);
    expect(parser.parse(`${RTX4090}, X, 101`)).toEqual({
      kind: 'reading',
      reading: { uuid: RTX4090, name: 'X' },
    });
    expect(parser.parse(`${RTX4090}, X, 1e3`)).toEqual({ kind: 'rejected', reason: 'value' });
    const bits = new GpuLineParser(['uuid', 'name', 'clocks_throttle_reasons.active']);
    expect(bits.parse(`${RTX4090}, X, 0x0000000000000024`)).toMatchObject({
      reading: { throttleBitmask: 0x24 },
    });
    expect(bits.parse(`${RTX4090}, X, Active`)).toEqual({ kind: 'rejected', reason: 'value' });
  });

  it('accepts MIG UUIDs in both formats and rejects look-alikes', () => {
    const parser = new GpuLineParser(['uuid', 'name']);
    const ok = (uuid: string): boolean => parser.parse(`${uuid}, N`).kind === 'reading';
    expect(ok('MIG-2ff89c63-5eda-ba91-2e79-1bdadd4bb265')).toBe(true);
    expect(ok(`MIG-${RTX4090}/1/0`)).toBe(true);
    expect(ok('GPU-2ff89c63')).toBe(false);
    expect(ok(`${RTX4090}-extra`)).toBe(false);
    expect(parser.parse(`${RTX4090}, ${'N'.repeat(200)}`)).toEqual({
      kind: 'rejected',
      reason: 'name',
    });
    expect(parser.parse('   ')).toEqual({ kind: 'blank' });
  });
});
