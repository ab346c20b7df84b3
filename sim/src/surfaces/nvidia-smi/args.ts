import {
  formatMissing,
  invalidCombination,
  missingValue,
  onlyOneQuery,
  SmiError,
  unrecognizedOption,
} from './errors.js';
import type { CsvFormat } from './format.js';

export type QueryKind = 'gpu' | 'compute-apps';

export type SmiCommand =
  | { readonly kind: 'help' | 'version' | 'list' | 'summary' }
  | { readonly kind: 'help-query'; readonly what: QueryKind }
  | {
      readonly kind: 'query';
      readonly what: QueryKind;
      /** Names as given (canonical or alias), in order. */
      readonly fields: readonly string[];
      readonly format: CsvFormat;
    };

export interface SmiArgs {
  readonly command: SmiCommand;
  /** `--sim-host-file`: the simulated host to report on. */
  readonly hostFile: string | null;
  /** `-l`/`--loop` (seconds) or `-lms`/`--loop-ms`, as wall milliseconds. */
  readonly loopMs: number | null;
  /** `-i`/`--id`: indices, UUIDs or PCI bus ids of the boards to report. */
  readonly ids: readonly string[] | null;
}

export type ParseResult =
  { readonly ok: true; readonly args: SmiArgs } | { readonly ok: false; readonly error: SmiError };

interface Raw {
  flags: Set<'help' | 'version' | 'list'>;
  helpQuery: QueryKind | null;
  queries: { what: QueryKind; value: string }[];
  format: string | null;
  loopMs: number | null;
  ids: string[] | null;
  hostFile: string | null;
}

type Arity = 'none' | 'required' | 'optional';
type Apply = (raw: Raw, value: string | undefined, name: string) => SmiError | null;

/** Longest interval a timer can wait (ms). */
const MAX_LOOP_MS = 2_147_483_647;
/** nvidia-smi's interval when `-l` comes without one (seconds). */
const DEFAULT_LOOP_S = 5;

function loopValue(text: string, unitMs: number): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const ms = Number(text) * unitMs;
  return ms >= 1 && ms <= MAX_LOOP_MS ? ms : null;
}

const setLoop =
  (unitMs: number): Apply =>
  (raw, value) => {
    const ms = loopValue(value ?? String(DEFAULT_LOOP_S), unitMs);
    if (ms === null) return invalidCombination();
    raw.loopMs = ms;
    return null;
  };

const flag =
  (name: 'help' | 'version' | 'list'): Apply =>
  (raw) => {
    raw.flags.add(name);
    return null;
  };

const query =
  (what: QueryKind): Apply =>
  (raw, value) => {
    raw.queries.push({ what, value: value ?? '' });
    return null;
  };

const OPTIONS: readonly { names: readonly string[]; arity: Arity; apply: Apply }[] = [
  { names: ['-h', '--help'], arity: 'none', apply: flag('help') },
  { names: ['--version'], arity: 'none', apply: flag('version') },
  { names: ['-L', '--list-gpus'], arity: 'none', apply: flag('list') },
  { names: ['--query-gpu'], arity: 'required', apply: query('gpu') },
  { names: ['--query-compute-apps'], arity: 'required', apply: query('compute-apps') },
  {
    names: ['--help-query-gpu', '--help-query-compute-apps'],
    arity: 'none',
    apply: (raw, _v, name) => {
      raw.helpQuery = name === '--help-query-gpu' ? 'gpu' : 'compute-apps';
      return null;
    },
  },
  { names: ['--format'], arity: 'required', apply: (raw, v) => ((raw.format = v ?? ''), null) },
  { names: ['-l', '--loop'], arity: 'optional', apply: setLoop(1000) },
  { names: ['-lms', '--loop-ms'], arity: 'required', apply: setLoop(1) },
  {
    names: ['-i', '--id'],
    arity: 'required',
    apply: (raw, v) => ((raw.ids = (v ?? '').split(',')), null),
  },
  {
    names: ['--sim-host-file'],
    arity: 'required',
    apply: (raw, v) => ((raw.hostFile = v ?? ''), null),
  },
];

/** Reads options one by one; returns the first error. */
function readOptions(argv: readonly string[], raw: Raw): SmiError | null {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const spec = OPTIONS.find((o) => o.names.includes(name));
    if (spec === undefined || (spec.arity === 'none' && inline !== undefined)) {
      return unrecognizedOption(token);
    }
    let value = inline;
    const next = argv[i + 1];
    const takesNext = spec.arity === 'required' ? !next?.startsWith('-') : /^\d+$/.test(next ?? '');
    if (value === undefined && spec.arity !== 'none' && next !== undefined && takesNext) {
      value = next;
      i++;
    }
    if (spec.arity === 'required' && (value === undefined || value === '')) {
      return missingValue(name);
    }
    const error = spec.apply(raw, value, name);
    if (error !== null) return error;
  }
  return null;
}

/** `csv[,noheader][,nounits]` in any order; csv is mandatory. */
export function parseFormat(text: string): CsvFormat | null {
  const parts = text.split(',').map((p) => p.trim());
  const known = ['csv', 'noheader', 'nounits'];
  if (!parts.includes('csv') || parts.some((p) => !known.includes(p))) return null;
  return { header: !parts.includes('noheader'), units: !parts.includes('nounits') };
}

function commandOf(raw: Raw): SmiCommand | SmiError {
  if (raw.flags.has('help')) return { kind: 'help' };
  if (raw.flags.has('version')) return { kind: 'version' };
  if (raw.helpQuery !== null) return { kind: 'help-query', what: raw.helpQuery };
  if (raw.queries.length > 1) return onlyOneQuery();
  const [q] = raw.queries;
  if (raw.flags.has('list'))
    return q || raw.format !== null ? invalidCombination() : { kind: 'list' };
  if (q === undefined) return raw.format === null ? { kind: 'summary' } : invalidCombination();
  if (raw.format === null) return formatMissing();
  const format = parseFormat(raw.format);
  if (format === null) return invalidCombination();
  return { kind: 'query', what: q.what, fields: q.value.split(','), format };
}

/** Parses nvidia-smi's command line (plus the simulator's `--sim-host-file`). */
export function parseArgs(argv: readonly string[]): ParseResult {
  const raw: Raw = {
    flags: new Set(),
    helpQuery: null,
    queries: [],
    format: null,
    loopMs: null,
    ids: null,
    hostFile: null,
  };
  const error = readOptions(argv, raw);
  if (error !== null) return { ok: false, error };
  const command = commandOf(raw);
  if (command instanceof SmiError) return { ok: false, error: command };
  const { hostFile, loopMs, ids } = raw;
  return { ok: true, args: { command, hostFile, loopMs, ids } };
}
