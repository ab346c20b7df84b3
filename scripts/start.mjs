#!/usr/bin/env node
// `pnpm start [--config FILE] [--check]`: runs the collector, the test-load
// gateways and the dashboard of a production deployment from one start file
// (see deploy/naap.example.json and docs/). Each runs as its own process
// from the compiled binaries (`pnpm build` first); their output is shown
// line by line behind their name. SIGINT, SIGTERM and SIGHUP stop them all —
// dashboard, gateways, then the collector, so it flushes what they sent last —
// and a second signal kills what is left. If one exits on its own, the others
// are stopped and the exit status is 1.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartConfigError, describeService, planServices } from './start-config.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `pnpm build` must have produced for each binary. */
const BUILT = {
  'collector/bin/naap-collector.js': 'collector/dist/main.js',
  'gateway/bin/naap-gateway.js': 'gateway/dist/main.js',
  'dashboard/build/index.js': 'dashboard/build/index.js',
};
/** How long a process may take to stop before it is killed. */
const STOP_GRACE_MS = 30_000;

const HELP = `Usage: pnpm start [--config FILE] [--check]

Starts naap-collector, naap-gateway (none, one or several) and the dashboard
as described by FILE (default ./naap.json; example: deploy/naap.example.json):

  { "collector": { "config": "collector.json", "flags": {…}, "env": {…} },
    "gateway":   [{ "name": "fra", "config": "gateway-fra.json" }, …],
    "dashboard": { "listen": "127.0.0.1:3000", "env": { "NAAP_DASHBOARD_API_URL": "…" } } }

"config" paths are relative to FILE; paths inside those files, relative to
the working directory. --check validates FILE, prints what would start, and
exits. Ctrl-C (SIGINT), SIGTERM or SIGHUP stops everything cleanly.
`;

/** @param {string[]} argv */
function parseArgs(argv) {
  let file = 'naap.json';
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { help: true, file, check };
    if (arg === '--check') check = true;
    else if (arg === '--config') file = argv[++i] ?? '';
    else if (arg.startsWith('--config=')) file = arg.slice('--config='.length);
    else if (arg === '--') continue;
    else throw new StartConfigError(`unknown argument "${arg}" (see --help)`);
  }
  if (file === '') throw new StartConfigError('--config needs a file');
  return { help: false, file, check };
}

/** @param {string} file */
function readStartFile(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StartConfigError(
      `cannot read ${file} (copy deploy/naap.example.json to naap.json, or pass --config FILE)`,
    );
  }
  try {
    return /** @type {unknown} */ (JSON.parse(text));
  } catch (err) {
    throw new StartConfigError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Copies a child's output to ours, each line behind its name.
 * @param {NodeJS.ReadableStream} from
 * @param {NodeJS.WritableStream} to
 * @param {string} name
 */
function prefixLines(from, to, name) {
  let rest = '';
  from.setEncoding('utf8');
  from.on('data', (/** @type {string} */ chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) to.write(`[${name}] ${line}\n`);
  });
  from.on('end', () => {
    if (rest !== '') to.write(`[${name}] ${rest}\n`);
  });
}

/**
 * @typedef {{ name: string, child: import('node:child_process').ChildProcess, exited: Promise<{ code: number | null, signal: string | null }>, done: boolean }} Running
 */

/** @param {import('./start-config.mjs').ServicePlan} plan @returns {Running} */
function startService(plan) {
  console.log(`naap start: ${plan.name}: ${describeService(plan)}`);
  const child = spawn(process.execPath, [join(ROOT, plan.bin), ...plan.args], {
    env: { ...process.env, ...plan.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches only this launcher,
    // which forwards it once, so no process gets a second signal mid-shutdown.
    detached: true,
  });
  prefixLines(child.stdout, process.stdout, plan.name);
  prefixLines(child.stderr, process.stderr, plan.name);
  /** @type {Running} */
  const running = {
    name: plan.name,
    child,
    done: false,
    exited: new Promise((res) => {
      child.once('error', (err) => {
        console.error(`naap start: ${plan.name}: ${err.message}`);
        res({ code: 1, signal: null });
      });
      child.once('exit', (code, signal) => {
        res({ code, signal });
      });
    }),
  };
  void running.exited.then(() => {
    running.done = true;
  });
  return running;
}

/**
 * Stops the processes, the last started first; true when each stopped cleanly.
 * @param {Running[]} services
 * @param {NodeJS.Signals} signal
 */
async function stopAll(services, signal) {
  let clean = true;
  for (const s of [...services].reverse()) {
    if (s.done) continue;
    console.log(`naap start: stopping ${s.name} (${signal})`);
    s.child.kill(signal);
    const timer = setTimeout(() => {
      console.error(`naap start: ${s.name} did not stop within ${STOP_GRACE_MS / 1000} s: killing`);
      s.child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    const { code, signal: by } = await s.exited;
    clearTimeout(timer);
    // A process ended by the signal it was sent stopped as asked.
    if (!(code === 0 || (code === null && by === signal))) clean = false;
  }
  return clean;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const plans = planServices(readStartFile(args.file), args.file);
  const missing = plans.filter((p) => {
    const built = BUILT[/** @type {keyof typeof BUILT} */ (p.bin)];
    return !existsSync(join(ROOT, built));
  });
  if (missing.length > 0)
    throw new StartConfigError(
      `not built: ${missing.map((p) => p.bin).join(', ')} (run pnpm build first)`,
    );
  if (args.check) {
    for (const p of plans) console.log(`${p.name}: ${describeService(p)}`);
    console.log(`${resolve(args.file)}: ${plans.length} process(es), configuration valid`);
    return 0;
  }
  const services = plans.map(startService);
  /** @type {Promise<number>} */
  const stopped = new Promise((res) => {
    let stopping = false;
    const stop = (/** @type {NodeJS.Signals} */ signal, /** @type {boolean} */ failed) => {
      if (stopping) {
        console.error('naap start: second signal: killing every process');
        for (const s of services) if (!s.done) s.child.kill('SIGKILL');
        return;
      }
      stopping = true;
      void stopAll(services, signal).then((clean) => {
        res(clean && !failed ? 0 : 1);
      });
    };
    process.on('SIGINT', () => {
      stop('SIGINT', false);
    });
    process.on('SIGTERM', () => {
      stop('SIGTERM', false);
    });
    process.on('SIGHUP', () => {
      stop('SIGTERM', false);
    });
    for (const s of services) {
      void s.exited.then(({ code, signal }) => {
        if (stopping) return;
        console.error(
          `naap start: ${s.name} exited (${signal ?? `code ${String(code)}`}): stopping the others`,
        );
        stop('SIGTERM', true);
      });
    }
  });
  return stopped;
}

try {
  process.exitCode = await main();
} catch (err) {
  if (!(err instanceof StartConfigError)) throw err;
  console.error(`naap start: ${err.message}`);
  process.exitCode = 2;
}
