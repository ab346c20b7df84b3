import { COMPUTE_APP_FIELDS } from './app-fields.js';
import { parseArgs, type SmiArgs, type SmiCommand } from './args.js';
import { EXIT, hostUnavailable, invalidField, SmiError } from './errors.js';
import { resolveFields } from './field.js';
import { formatComputeApps, formatQueryGpu } from './format.js';
import { GPU_FIELDS } from './gpu-fields.js';
import { HELP_TEXT, helpQueryText, VERSION_TEXT } from './help.js';
import { formatGpuList } from './list.js';
import { runLoop } from './loop.js';
import type { SmiSession } from './session.js';

/** Where the fake nvidia-smi writes: stdout (data and nvidia-smi's own errors) and stderr. */
export interface SmiIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface SmiRunOptions {
  /** Ends loop mode (SIGINT/SIGTERM in the executable). */
  readonly signal?: AbortSignal;
  /** Wall clock (tests). */
  readonly wallNow?: () => number;
}

/** Environment variable naming the host file when `--sim-host-file` is absent. */
export const HOST_FILE_ENV = 'NAAP_SIM_HOST_FILE';

/** Renders one block of output; `first` is false for the later blocks of loop mode. */
type Render = (first: boolean) => string;

const SUMMARY_NOTE =
  'nvidia-smi (naap-sim): the summary table is not simulated; listing the GPUs (-L).\n';

type QueryCommand = Extract<SmiCommand, { kind: 'query' }>;

/**
 * Resolves the field names into a renderer of the query's CSV, before the
 * host is touched (nvidia-smi checks its arguments first).
 */
function queryRenderer(command: QueryCommand): (session: SmiSession) => Render {
  const blockFormat = (first: boolean) => ({
    ...command.format,
    header: first && command.format.header,
  });
  if (command.what === 'gpu') {
    const lookup = resolveFields(GPU_FIELDS, command.fields);
    if (!lookup.ok) throw invalidField(lookup.unknown);
    return (session) => (first) =>
      formatQueryGpu(session.gpuRows(), lookup.fields, blockFormat(first));
  }
  const lookup = resolveFields(COMPUTE_APP_FIELDS, command.fields);
  if (!lookup.ok) throw invalidField(lookup.unknown);
  return (session) => (first) =>
    formatComputeApps(session.appRows(), lookup.fields, blockFormat(first));
}

async function open(
  args: SmiArgs,
  env: NodeJS.ProcessEnv,
  options: SmiRunOptions,
): Promise<SmiSession> {
  const path = args.hostFile ?? env[HOST_FILE_ENV];
  if (path === undefined || path === '') {
    throw hostUnavailable(
      `no simulated host: pass --sim-host-file <host.json> or set ${HOST_FILE_ENV}`,
    );
  }
  const { openSession } = await import('./session.js');
  return openSession(path, args.ids, options.wallNow);
}

/** Output that needs no host: help, version, field lists. */
function staticText(command: SmiCommand): string | null {
  if (command.kind === 'help') return HELP_TEXT;
  if (command.kind === 'version') return VERSION_TEXT;
  if (command.kind === 'help-query') return helpQueryText(command.what);
  return null;
}

async function execute(
  args: SmiArgs,
  env: NodeJS.ProcessEnv,
  io: SmiIo,
  options: SmiRunOptions,
): Promise<number> {
  const { command, loopMs } = args;
  const text = staticText(command);
  if (text !== null) {
    io.out(text);
    return EXIT.ok;
  }
  const query = command.kind === 'query' ? queryRenderer(command) : null;
  const session = await open(args, env, options);
  if (query === null) {
    if (command.kind === 'summary') io.err(SUMMARY_NOTE);
    io.out(formatGpuList(session.boards));
    return EXIT.ok;
  }
  const render = query(session);
  if (loopMs === null) {
    io.out(render(true));
    return EXIT.ok;
  }
  const signal = options.signal ?? new AbortController().signal;
  await runLoop(
    loopMs,
    (first) => {
      io.out(render(first));
    },
    signal,
    options.wallNow,
  );
  return EXIT.ok;
}

/**
 * Runs the fake nvidia-smi: parses `argv`, reports the simulated host named
 * by `--sim-host-file` or `NAAP_SIM_HOST_FILE`, and returns the exit code.
 * In loop mode it returns once `options.signal` aborts. Never throws for bad
 * input: errors print as nvidia-smi prints them.
 */
export async function runNvidiaSmi(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: SmiIo,
  options: SmiRunOptions = {},
): Promise<number> {
  const parsed = parseArgs(argv);
  try {
    if (!parsed.ok) throw parsed.error;
    return await execute(parsed.args, env, io, options);
  } catch (err) {
    if (!(err instanceof SmiError)) throw err;
    io.out(err.stdout);
    if (err.detail !== undefined) io.err(`nvidia-smi (naap-sim): ${err.detail}\n`);
    return err.exitCode;
  }
}
