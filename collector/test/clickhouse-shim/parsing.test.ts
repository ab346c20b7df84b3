/**
 * The shim's pure parts: parameter decoding, statement checks, insert targets
 * and error reshaping (the integration tests prove them against the engine).
 */
import { describe, expect, it } from 'vitest';
import { ShimError, errorBody, toShimError } from './errors.js';
import { declaredTypes, toChdbParam, toChdbParams } from './params.js';
import { assertSingleStatement, formatClause, simpleInsert } from './statement.js';

describe('query parameters', () => {
  it('reads the placeholder types of a query', () => {
    const sql =
      "SELECT {a:String}, { b : Map(String, Array(UInt8)) }, {e:Enum8('x{' = 1)}, {a:UInt8}";
    expect([...declaredTypes(sql)]).toEqual([
      ['a', 'String'],
      ['b', 'Map(String, Array(UInt8))'],
      ['e', "Enum8('x{' = 1)"],
    ]);
  });

  it('decodes scalar values to what chDB re-escapes into the same text', () => {
    expect(toChdbParam('\\N', false)).toBeNull();
    expect(toChdbParam('\\\\N', false)).toBe('\\N');
    expect(toChdbParam("a\\tb\\nc\\rd\\\\e\\'f", false)).toBe("a\tb\nc\rd\\e'f");
    expect(toChdbParam('\\x41\\a\\q', false)).toBe('A\x07q');
    expect(toChdbParam('2024-01-02 03:04:05.000000007', false)).toBe(
      '2024-01-02 03:04:05.000000007',
    );
    expect(toChdbParam('trailing\\', false)).toBe('trailing\\');
  });

  it('keeps quotes escaped inside composite literals', () => {
    expect(toChdbParam("['it\\'s','a\\\\b',NULL]", true)).toBe("['it''s','a\\b',NULL]");
    const sql = 'SELECT {m:Map(String, String)}, {s:String}, {n:Nullable(String)}';
    expect(toChdbParams(sql, { m: "{'k\\'':'v'}", s: "k\\'", n: '\\N' })).toEqual({
      m: "{'k''':'v'}",
      s: "k'",
      n: null,
    });
  });
});

describe('statements', () => {
  it('refuses a second statement, and only a real one', () => {
    expect(() => {
      assertSingleStatement('SELECT 1; SELECT 2');
    }).toThrow(/Multi-statements/);
    for (const sql of [
      'SELECT 1;',
      "SELECT ';' AS a, `b;` -- ; x\n",
      "SELECT 'it\\'s;' /* ; */ ;  ",
      'INSERT INTO t FORMAT CSV\n"a";1\n',
      "INSERT INTO t VALUES ('x'); ('y')",
    ]) {
      expect(() => {
        assertSingleStatement(sql);
      }, sql).not.toThrow();
    }
  });

  it('recognises plain inserts and trailing FORMAT clauses', () => {
    expect(simpleInsert('INSERT INTO `naap`.`t` (a, `b`) FORMAT JSONEachRow')).toEqual({
      table: 'naap.t',
      columns: ['a', 'b'],
      format: 'JSONEachRow',
    });
    expect(simpleInsert('INSERT INTO t FORMAT TSV')).toEqual({
      table: 't',
      columns: undefined,
      format: 'TSV',
    });
    expect(simpleInsert('INSERT INTO t (* EXCEPT (a)) FORMAT JSONEachRow')).toBeUndefined();
    expect(simpleInsert('INSERT INTO t FORMAT RowBinary')).toBeUndefined();
    expect(formatClause('SELECT 1 \nFORMAT JSONEachRow')).toBe('JSONEachRow');
    expect(formatClause('SELECT 1')).toBeUndefined();
  });
});

describe('errors', () => {
  it('keeps engine messages and maps their type to the HTTP status', () => {
    const engine = toShimError(
      new Error('Code: 60. DB::Exception: Table default.x does not exist. (UNKNOWN_TABLE)'),
    );
    expect([engine.code, engine.type, engine.httpStatus]).toEqual([60, 'UNKNOWN_TABLE', 404]);
    expect(errorBody(engine, '1.2')).toBe(
      'Code: 60. DB::Exception: Table default.x does not exist. (UNKNOWN_TABLE) (version 1.2)\n',
    );
    const other = toShimError(new TypeError('boom'));
    expect([other.code, other.httpStatus, errorBody(other, '1.2')]).toEqual([
      1001,
      500,
      'Code: 1001. DB::Exception: boom. (STD_EXCEPTION) (version 1.2)\n',
    ]);
    expect(new ShimError(229, 'QUERY_IS_TOO_LARGE', 'big', 413).httpStatus).toBe(413);
    expect(new ShimError(194, 'REQUIRED_PASSWORD', 'pw').httpStatus).toBe(401);
  });
});
