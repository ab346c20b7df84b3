/**
 * `param_<name>` values, as a client sends them over HTTP, turned into values
 * for chDB's server-side binding (`Session.queryBindAsync`), so that the
 * engine binds exactly what a ClickHouse server would have bound.
 *
 * Over HTTP a value arrives in the server's parameter text form, which the
 * engine parses per the placeholder's type: a scalar (String, DateTime64, …)
 * with TSV "escaped" rules, a composite (Array, Map, Tuple) as a literal with
 * quoted strings inside. chDB takes JS values instead and formats a string
 * value itself (`formatParamValue`): it escapes `\`, NUL, `\b \f \n \r \t`
 * and nothing else, and turns `null` into `\N`. So each value is decoded here
 * into the string that chDB's escaping turns back into an equivalent text:
 *
 * - `\N` alone is NULL: `null`, which chDB sends as `\N` again;
 * - an escape sequence becomes its character, which chDB re-escapes when it
 *   has to (backslash, control characters) and leaves alone otherwise;
 * - the one character chDB cannot re-escape is the quote: `\'` becomes `'`
 *   in a scalar (where it needs no escape) and `''` inside a composite
 *   literal's quoted strings (the SQL-style escape the engine also accepts).
 *
 * Values are never substituted into the SQL text.
 */

/** A bound value as chDB takes it: the parameter text, or NULL. */
export type ChdbParam = string | null;

/** `{name:Type}` placeholders (a quoted Enum label may hold braces). */
const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*((?:[^{}']|'(?:[^'\\]|\\.)*')+?)\s*\}/g;

/** Types whose parameter text is a literal with quoted strings inside. */
const COMPOSITE = /^(?:(?:Nullable|LowCardinality)\s*\(\s*)*(?:Array|Map|Tuple|Nested)\s*\(/i;

/** Escapes the engine decodes (`parseEscapeSequence`); others stand for the character itself. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** The placeholder types a query declares, by parameter name. */
export function declaredTypes(sql: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const m of sql.matchAll(PLACEHOLDER)) {
    const [, name, type] = m;
    if (name !== undefined && type !== undefined && !types.has(name)) types.set(name, type);
  }
  return types;
}

/** All `param_*` values of a request, ready for `queryBindAsync`. */
export function toChdbParams(
  sql: string,
  raw: Readonly<Record<string, string>>,
): Record<string, ChdbParam> {
  const types = declaredTypes(sql);
  const out: Record<string, ChdbParam> = {};
  for (const [name, value] of Object.entries(raw)) {
    out[name] = toChdbParam(value, COMPOSITE.test(types.get(name) ?? ''));
  }
  return out;
}

/** One value; `composite` when its placeholder type is an Array, Map or Tuple. */
export function toChdbParam(raw: string, composite: boolean): ChdbParam {
  if (raw === '\\N') return null;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw.charAt(i);
    if (c !== '\\' || i + 1 === raw.length) {
      out += c;
      i += 1;
      continue;
    }
    const [ch, used] = decodeEscape(raw, i + 1);
    out += composite && ch === "'" ? "''" : ch;
    i += 1 + used;
  }
  return out;
}

/** The character an escape stands for, and how many characters after the backslash it used. */
function decodeEscape(raw: string, at: number): [string, number] {
  const c = raw.charAt(at);
  if (c === 'x' && /^[0-9A-Fa-f]{2}$/.test(raw.slice(at + 1, at + 3))) {
    return [String.fromCharCode(parseInt(raw.slice(at + 1, at + 3), 16)), 3];
  }
  return [ESCAPES[c] ?? c, 1];
}
