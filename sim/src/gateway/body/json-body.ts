import { badRequest } from '../http-errors.js';

/**
 * Decoding a JSON request body the way go-livepeer's `jsonDecoder` does
 * (`json.Unmarshal` into the ai-worker request struct, whatever the
 * Content-Type), with Go's error texts, which the gateway returns with 400.
 */

function syntaxError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if (/end of (JSON|data) input/i.test(message)) return 'unexpected EOF';
  const at = /position (\d+)/.exec(message);
  const pos = at === null ? -1 : Number(at[1]);
  if (pos >= text.trimEnd().length) return 'unexpected EOF';
  const token = /Unexpected token '(.+?)'/.exec(message)?.[1];
  const ch = pos >= 0 ? (text[pos] ?? '') : (token ?? text.trim()[0] ?? '');
  return `invalid character '${ch}' looking for beginning of value`;
}

/** Parses the body; a GatewayHttpError(400) with Go's message when it is not JSON. */
export function parseJsonBody(body: Buffer | undefined): unknown {
  const text = body === undefined ? '' : body.toString('utf8');
  if (text.trim() === '') throw badRequest('EOF');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(syntaxError(text, err));
  }
}

type GoKind = 'string' | 'int' | 'float64' | 'bool';

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';
}

/**
 * Typed access to the fields of a decoded JSON object, failing like
 * encoding/json: `json: cannot unmarshal string into Go struct field
 * GenTextToImageJSONRequestBody.width of type int`. JSON null leaves a field unset.
 */
export class JsonFields {
  private readonly obj: Readonly<Record<string, unknown>>;

  constructor(
    value: unknown,
    private readonly goType: string,
  ) {
    if (value === null) {
      this.obj = {};
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw badRequest(
        `json: cannot unmarshal ${jsonKind(value)} into Go value of type worker.${goType}`,
      );
    }
    this.obj = value as Record<string, unknown>;
  }

  string(name: string): string | undefined {
    return this.read(name, 'string', (v) => (typeof v === 'string' ? v : undefined));
  }

  int(name: string): number | undefined {
    return this.read(name, 'int', (v) =>
      typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined,
    );
  }

  number(name: string): number | undefined {
    return this.read(name, 'float64', (v) => (typeof v === 'number' ? v : undefined));
  }

  bool(name: string): boolean | undefined {
    return this.read(name, 'bool', (v) => (typeof v === 'boolean' ? v : undefined));
  }

  /** A raw field (objects, arrays). */
  raw(name: string): unknown {
    return this.obj[name];
  }

  private read<T>(name: string, kind: GoKind, pick: (v: unknown) => T | undefined): T | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    const picked = pick(v);
    if (picked !== undefined) return picked;
    const shown = typeof v === 'number' ? `number ${v}` : jsonKind(v);
    throw badRequest(
      `json: cannot unmarshal ${shown} into Go struct field ${this.goType}.${name} of type ${kind}`,
    );
  }
}
