import { DecodeError } from './model.js';
import type { DecodeLimits } from './model.js';
import type { Path } from './path.js';
import {
  INT32,
  INT64,
  UINT32,
  UINT64,
  jsonBase64,
  jsonBool,
  jsonDouble,
  jsonEnum,
  jsonId,
  jsonInteger,
  jsonString,
  jsonUint64Big,
  typeError,
} from './json-scalars.js';
import type { IntRange } from './json-scalars.js';

type JsonObject = Readonly<Record<string, unknown>>;

const snakeNames = new Map<string, string>();

/** The proto field name of a lowerCamelCase JSON name: `timeUnixNano` → `time_unix_nano`. */
function snakeCase(name: string): string {
  let snake = snakeNames.get(name);
  if (snake === undefined) {
    snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeNames.set(name, snake);
  }
  return snake;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One parsed JSON object read as a protobuf message: fields by their
 * lowerCamelCase JSON name or their proto (snake_case) name, null meaning
 * absent (proto3 JSON), absent fields reading as their default, unknown
 * fields ignored, and every wrong type a DecodeError naming the field's path.
 */
export class JsonMessage {
  private constructor(
    private readonly obj: JsonObject,
    readonly path: Path,
    readonly limits: DecodeLimits,
  ) {}

  static of(value: unknown, path: Path, limits: DecodeLimits): JsonMessage {
    if (!isObject(value)) throw typeError('an object', value, path);
    return new JsonMessage(value, path, limits);
  }

  /** The raw value of a field, undefined when absent or null. */
  get(name: string): unknown {
    const own = Object.hasOwn(this.obj, name) ? this.obj[name] : undefined;
    if (own !== undefined && own !== null) return own;
    const snake = snakeCase(name);
    const alt = snake !== name && Object.hasOwn(this.obj, snake) ? this.obj[snake] : undefined;
    return alt ?? undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  at(name: string): Path {
    return this.path.field(name);
  }

  string(name: string): string {
    const v = this.get(name);
    return v === undefined ? '' : jsonString(v, this.at(name), this.limits.maxStringLength);
  }

  bool(name: string): boolean {
    const v = this.get(name);
    return v === undefined ? false : jsonBool(v, this.at(name));
  }

  uint32(name: string): number {
    return this.integer(name, UINT32);
  }

  int32(name: string): number {
    return this.integer(name, INT32);
  }

  /** int64 / sfixed64 as a number (exact up to 2^53). */
  int64(name: string): number {
    return this.integer(name, INT64);
  }

  /** uint64 / fixed64 counts as a number (exact up to 2^53). */
  uint64(name: string): number {
    return this.integer(name, UINT64);
  }

  /** fixed64 timestamps as a bigint. */
  fixed64(name: string): bigint {
    const v = this.get(name);
    return v === undefined ? 0n : jsonUint64Big(v, this.at(name));
  }

  double(name: string): number {
    return this.optionalDouble(name) ?? 0;
  }

  /** A proto3 `optional double`: null when absent. */
  optionalDouble(name: string): number | null {
    const v = this.get(name);
    return v === undefined ? null : jsonDouble(v, this.at(name));
  }

  enumValue(name: string, names: Readonly<Record<string, number>>): number {
    const v = this.get(name);
    return v === undefined ? 0 : jsonEnum(v, this.at(name), names);
  }

  /** bytes, re-encoded as standard base64. */
  base64(name: string): string {
    const bytes = jsonBase64(this.get(name) ?? '', this.at(name), this.limits.maxStringLength);
    return Buffer.from(bytes).toString('base64');
  }

  /** A trace id (16 bytes) or span id (8 bytes) as lower-case hex. */
  id(name: string, size: number): string {
    const v = this.get(name);
    return v === undefined ? '' : jsonId(v, this.at(name), size);
  }

  /** A message-typed field, null when absent. */
  message(name: string): JsonMessage | null {
    const v = this.get(name);
    return v === undefined ? null : JsonMessage.of(v, this.at(name), this.limits);
  }

  /** A repeated field's raw elements ([] when absent). */
  list(name: string): readonly unknown[] {
    const v = this.get(name);
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw typeError('an array', v, this.at(name));
    return v;
  }

  /** A repeated message field, each element read by `read`. */
  messages<T>(name: string, read: (m: JsonMessage) => T): T[] {
    const path = this.at(name);
    return this.list(name).map((v, i) => read(JsonMessage.of(v, path.index(i), this.limits)));
  }

  /** Throws unless at most one of `names` (members of a oneof) is set; returns it. */
  oneof<N extends string>(names: readonly N[]): N | undefined {
    const set = names.filter((n) => this.has(n));
    if (set.length > 1) {
      throw new DecodeError(`more than one of ${set.join(', ')} (a oneof)`, this.path.toString());
    }
    return set[0];
  }

  private integer(name: string, range: IntRange): number {
    const v = this.get(name);
    return v === undefined ? 0 : jsonInteger(v, this.at(name), range);
  }
}
