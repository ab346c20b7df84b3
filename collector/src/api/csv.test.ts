import { describe, expect, it } from 'vitest';
import { csvCell, flatten, toCsv } from './csv.js';

/** A small RFC 4180 reader, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('CSV', () => {
  it('flattens nested objects into dotted columns, in first-seen order', () => {
    expect(flatten({ a: { b: 1, c: { d: null } }, e: [1, 2] })).toEqual({
      'a.b': 1,
      'a.c.d': null,
      e: [1, 2],
    });
    const csv = toCsv([
      { address: '0xab', latencyP50Ms: { value: 12.5, source: 'testload' } },
      { address: '0xcd', latencyP50Ms: { value: null, source: null }, extra: true },
    ]);
    expect(csv).toBe(
      'address,latencyP50Ms.value,latencyP50Ms.source,extra\r\n' +
        '0xab,12.5,testload,\r\n' +
        '0xcd,,,true\r\n',
    );
  });

  it('quotes separators, quotes and line breaks so they read back unchanged', () => {
    const hostile = ['a,b', 'say "hi"', 'line1\nline2', 'cr\rlf', ' padded ', 'plain'];
    const csv = toCsv(hostile.map((v, i) => ({ i, v })));
    expect(parseCsv(csv).slice(1)).toEqual(hostile.map((v, i) => [String(i), v]));
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('defuses spreadsheet formulas in text but not in numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3.5)).toBe('-3.5');
  });

  it('writes null, non-finite numbers and empty objects as empty cells, arrays as JSON', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell([1, 'a'])).toBe('"[1,""a""]"');
    expect(toCsv([{ a: {} }])).toBe('a\r\n\r\n');
  });

  it('keeps the header for an empty list when the columns are given', () => {
    expect(toCsv([], ['t_ms', 'value'])).toBe('t_ms,value\r\n');
    expect(toCsv([])).toBe('\r\n');
  });
});

describe('CSV columns from a schema', () => {
  it('flattens nested and nullable objects in schema order', async () => {
    const { Type } = await import('typebox');
    const { csvColumns } = await import('./csv-columns.js');
    const s = Type.Object({
      a: Type.String(),
      f: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), source: Type.String() }),
      n: Type.Union([Type.Object({ x: Type.Number() }), Type.Null()]),
      list: Type.Array(Type.Object({ y: Type.Number() })),
      open: Type.Record(Type.String(), Type.Unknown()),
    });
    expect(csvColumns(s)).toEqual(['a', 'f.value', 'f.source', 'n.x', 'list', 'open']);
  });
});
