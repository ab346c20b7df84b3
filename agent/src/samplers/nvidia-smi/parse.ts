import {
  QUERY_FIELDS,
  specOf,
  type FieldSpec,
  type GpuReading,
  type ReadingKey,
} from './fields.js';
import { MAX_LINE_CHARS, splitLines } from './lines.js';
import { readValue } from './values.js';

/** Why a line was not taken. */
export type RejectReason =
  'columns' | 'uuid' | 'name' | 'value' | 'control' | 'oversize' | 'truncated';

/** What one line of `--query-gpu` output was. */
export type LineResult =
  | { readonly kind: 'reading'; readonly reading: GpuReading }
  | { readonly kind: 'header' }
  | { readonly kind: 'blank' }
  /** `Field "x" is not a valid field to query.`: the driver does not know x. */
  | { readonly kind: 'field-error'; readonly field: string }
  | { readonly kind: 'rejected'; readonly reason: RejectReason };

/** Separator nvidia-smi puts between CSV fields. */
export const SEPARATOR = ', ';

const FIELD_ERROR = /^Field "([^"]{0,200})" is not a valid field to query\.$/;
const HEADER_CELL = /^[A-Za-z][\w.]*(?: \[[^\]]{1,16}\])?$/;
const CONTROL = /\p{Cc}/u;
const HEX = '[0-9a-f]';
const UUID_CORE = `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`;
/** `GPU-<uuid>`, `MIG-<uuid>`, and the old `MIG-GPU-<uuid>/<gi>/<ci>`. */
const UUID = new RegExp(
  `^(?:GPU-${UUID_CORE}|MIG-${UUID_CORE}|MIG-GPU-${UUID_CORE}/\\d+/\\d+)$`,
  'i',
);
const MAX_NAME = 128;

type NumericKey = Exclude<ReadingKey, 'uuid' | 'name' | 'migMode'>;
type Draft = {
  uuid?: string;
  name?: string;
  migMode?: 'enabled' | 'disabled';
} & { [K in NumericKey]?: number };

const isNumericKey = (key: ReadingKey): key is NumericKey =>
  key !== 'uuid' && key !== 'name' && key !== 'migMode';

function assign(draft: Draft, key: ReadingKey, value: string | number): void {
  if (typeof value === 'number') {
    if (isNumericKey(key)) draft[key] = value;
  } else if (key === 'uuid' || key === 'name') {
    draft[key] = value;
  } else if (key === 'migMode' && (value === 'enabled' || value === 'disabled')) {
    draft.migMode = value;
  }
}

/** Whether the cells are a CSV header (`uuid, memory.used [MiB], …`), not data. */
function isHeader(cells: readonly string[]): boolean {
  return cells.every((c) => HEADER_CELL.test(c)) && cells.some((c) => specOf(c) !== undefined);
}

const columnsOf = (names: readonly string[]): readonly (FieldSpec | undefined)[] =>
  names.map((n) => specOf(n));

const rejected = (reason: RejectReason): LineResult => ({ kind: 'rejected', reason });

/**
 * Streaming parser of `nvidia-smi --query-gpu=<fields> --format=csv[,noheader][,nounits]`
 * lines. Columns follow the queried field list, or the header line when one
 * is seen (so `--format=csv` captures of any field list parse too). Never
 * throws: bad lines come back as `rejected` and are counted.
 */
export class GpuLineParser {
  private columns: readonly (FieldSpec | undefined)[];
  private readonly counts = { accepted: 0, rejected: 0 };

  constructor(fields: readonly string[] = QUERY_FIELDS) {
    this.columns = columnsOf(fields);
  }

  /** Lines taken as readings and lines rejected so far. */
  stats(): { readonly accepted: number; readonly rejected: number } {
    return { ...this.counts };
  }

  /** Counts a line dropped before parsing (oversize, truncated). */
  reject(reason: RejectReason): LineResult {
    this.counts.rejected++;
    return rejected(reason);
  }

  parse(rawLine: string): LineResult {
    if (rawLine.length > MAX_LINE_CHARS) return this.reject('oversize');
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return { kind: 'blank' };
    if (CONTROL.test(line)) return this.reject('control');
    const fieldError = FIELD_ERROR.exec(line);
    if (fieldError !== null) return { kind: 'field-error', field: fieldError[1] ?? '' };
    const cells = line.split(SEPARATOR);
    if (isHeader(cells)) {
      this.columns = columnsOf(cells);
      return { kind: 'header' };
    }
    const result = this.row(cells);
    if (result.kind === 'reading') this.counts.accepted++;
    else this.counts.rejected++;
    return result;
  }

  private row(cells: readonly string[]): LineResult {
    if (cells.length !== this.columns.length) return rejected('columns');
    const draft: Draft = {};
    for (const [i, spec] of this.columns.entries()) {
      if (spec === undefined) continue;
      const value = readValue(spec.kind, cells[i] ?? '');
      if (!value.ok) return rejected('value');
      if (value.value !== undefined) assign(draft, spec.key, value.value);
    }
    const { uuid, name } = draft;
    if (uuid === undefined || !UUID.test(uuid)) return rejected('uuid');
    if (name === undefined || name.length > MAX_NAME) return rejected('name');
    return { kind: 'reading', reading: { ...draft, uuid, name } };
  }
}

/** A whole `--query-gpu` output parsed at once. */
export interface GpuOutput {
  readonly readings: readonly GpuReading[];
  readonly rejected: number;
  /** Fields the driver said it does not know. */
  readonly unknownFields: readonly string[];
}

/** Parses a complete output (a file, a one-shot run); an unterminated last line is parsed too. */
export function parseGpuOutput(text: string, fields: readonly string[] = QUERY_FIELDS): GpuOutput {
  const parser = new GpuLineParser(fields);
  const { lines, oversize } = splitLines(text);
  const readings: GpuReading[] = [];
  const unknownFields: string[] = [];
  for (let i = 0; i < oversize; i++) parser.reject('oversize');
  for (const line of lines) {
    const r = parser.parse(line);
    if (r.kind === 'reading') readings.push(r.reading);
    else if (r.kind === 'field-error') unknownFields.push(r.field);
  }
  return { readings, rejected: parser.stats().rejected, unknownFields };
}
