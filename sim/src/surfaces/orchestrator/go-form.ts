/**
 * Go's `(*http.Request).ParseForm` + `FormValue`, which go-livepeer's CLI
 * handlers use (`mustHaveFormParams`, server/handlers.go). Semantics copied:
 * - POST/PUT/PATCH bodies are parsed only for
 *   `application/x-www-form-urlencoded` (up to 10 MiB); a
 *   `multipart/form-data` body is NOT read by ParseForm, and since the form
 *   is then non-nil, FormValue never parses it either;
 * - the URL query is parsed for every method; body values come first;
 * - `url.ParseQuery` rules: `&`-separated, `;` is an error
 *   ("invalid semicolon separator in query"), `+` is a space, a bad `%`
 *   escape is an error (`invalid URL escape "%zz"`), parsing goes on after
 *   an error and the first error is returned. Values are raw bytes.
 */

export type FormValues = Map<string, Buffer[]>;

export interface ParsedForm {
  readonly values: FormValues;
  /** The error ParseForm returned (the valid pairs are still in `values`). */
  readonly error: string | null;
}

/** http.maxFormSize: 10 MiB. */
export const MAX_FORM_BYTES = 10 << 20;

const isHex = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** url.QueryUnescape on bytes: `+` → space, `%XX` → byte. */
export function queryUnescape(
  s: Buffer,
): { ok: true; value: Buffer } | { ok: false; error: string } {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? 0;
    if (c === 0x25) {
      const a = s[i + 1];
      const b = s[i + 2];
      if (a === undefined || b === undefined || !isHex(a) || !isHex(b)) {
        const bad = s.subarray(i, i + 3).toString('latin1');
        return { ok: false, error: `invalid URL escape ${JSON.stringify(bad)}` };
      }
      out.push(Number.parseInt(String.fromCharCode(a, b), 16));
      i += 2;
    } else out.push(c === 0x2b ? 0x20 : c);
  }
  return { ok: true, value: Buffer.from(out) };
}

/** url.ParseQuery into `into`; returns the first error. */
export function parseQuery(query: Buffer, into: FormValues): string | null {
  let error: string | null = null;
  for (const part of splitBytes(query, 0x26)) {
    if (part.includes(0x3b)) {
      error ??= 'invalid semicolon separator in query';
      continue;
    }
    if (part.length === 0) continue;
    const eq = part.indexOf(0x3d);
    const key = queryUnescape(eq < 0 ? part : part.subarray(0, eq));
    const value = queryUnescape(eq < 0 ? Buffer.alloc(0) : part.subarray(eq + 1));
    if (!key.ok || !value.ok) {
      error ??= !key.ok ? key.error : value.ok ? null : value.error;
      continue;
    }
    const k = key.value.toString('utf8');
    into.set(k, [...(into.get(k) ?? []), value.value]);
  }
  return error;
}

function splitBytes(b: Buffer, sep: number): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i === b.length || b[i] === sep) {
      parts.push(b.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

export interface FormRequest {
  readonly method: string;
  readonly contentType: string | undefined;
  readonly rawQuery: string;
  readonly body: Buffer | undefined;
}

/** ParseForm: body values (urlencoded POST/PUT/PATCH only) then query values. */
export function parseForm(req: FormRequest): ParsedForm {
  const values: FormValues = new Map();
  let error: string | null = null;
  const mediaType = (req.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(req.method.toUpperCase());
  if (hasBody && mediaType === 'application/x-www-form-urlencoded') {
    const body = req.body ?? Buffer.alloc(0);
    error = body.length > MAX_FORM_BYTES ? 'http: POST too large' : parseQuery(body, values);
  }
  const queryError = parseQuery(Buffer.from(req.rawQuery, 'latin1'), values);
  return { values, error: error ?? queryError };
}

/** FormValue: the first value of the key, empty when absent. */
export function formValue(form: ParsedForm, key: string): Buffer {
  return form.values.get(key)?.[0] ?? Buffer.alloc(0);
}
