// pnpm bench:agent — the agent's own cost on a busy GPU host, next to
// Debian's prometheus-node-exporter measured in the same run.
//
// Load: 8 simulated GPUs sampled every 1 s by one streaming nvidia-smi, a
// go-livepeer job log at ~50 jobs/s, a /metrics scrape every 5 s, export
// every 5 s to a sink that answers 200. Measured: the agent process's CPU
// time (all threads; not the simulator's fake nvidia-smi) as a share of one
// core over a window after warm-up, and its peak RSS (VmHWM).
//
// The agent runs compiled (`dist/`, built by `pnpm bench:agent`) with the
// command line the installed launcher uses: `node <NODE_FLAGS> bin/naap-agent.js run`.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulation } from '@naap/sim';
import { execa } from 'execa';
import { NODE_FLAGS } from '../src/node-flags.js';
import { measure } from './proc.js';

const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 60_000);
const WARMUP_MS = 10_000;

const SCENARIO = `
version: 1
name: bench-agent
seed: 3
orchestrators:
  - id: gpu-host
    region: FRA
    gpus:
      - model: rtx-4090
        count: 8
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 22500, capacity: 8 }]
`;

function sink(): Promise<{ server: Server; url: string; requests: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof a === 'object' && a !== null ? a.port : 0}`,
        requests: () => n,
      });
    });
  });
}

async function nodeExporter(): Promise<{ cpuPercent: number; peakRssMiB: number } | string> {
  const bin = '/usr/bin/prometheus-node-exporter';
  const port = 19_100 + Math.floor(Math.random() * 500);
  const child = execa(bin, [`--web.listen-address=127.0.0.1:${port}`], { reject: false });
  if (child.pid === undefined) return 'not installed (apt-get install prometheus-node-exporter)';
  const scraper = setInterval(() => {
    void fetch(`http://127.0.0.1:${port}/metrics`)
      .then((r) => r.text())
      .catch(() => undefined);
  }, 5_000);
  try {
    await new Promise((r) => setTimeout(r, 2_000));
    return await measure(child.pid, WINDOW_MS);
  } catch (err) {
    return `failed: ${(err as Error).message}`;
  } finally {
    clearInterval(scraper);
    child.kill();
    await child;
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'naap-bench-agent-'));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  const sim = await startSimulation({
    scenarioPath: join(dir, 'scenario.yaml'),
    stateDir: join(dir, 'sim'),
  });
  const o = sim.endpoints.orchestrators[0];
  const out = await sink();
  if (o === undefined) throw new Error('no orchestrator');
  // Jobs in the log: go-livepeer writes one `Processed request … took=` line per job.
  const processed = async (): Promise<number> =>
    (await readFile(o.jobLog, 'utf8')).split('Processed request').length - 1;
  const entry = fileURLToPath(new URL('../bin/naap-agent.js', import.meta.url));
  const agent = execa(process.execPath, [...NODE_FLAGS, entry, 'run'], {
    reject: false,
    env: {
      NAAP_AGENT_COLLECTOR: out.url,
      NAAP_AGENT_TOKEN: 'bench-token-0123456789abcdef',
      NAAP_AGENT_NVIDIA_SMI: o.nvidiaSmi,
      NAAP_AGENT_ADDRESS: o.address,
      NAAP_AGENT_GO_LIVEPEER_CLI: o.cliUrl,
      NAAP_AGENT_JOB_LOG: o.jobLog,
      NAAP_AGENT_SAMPLERS: 'nvidia-smi,host,go-livepeer-metrics,go-livepeer-log',
      NAAP_AGENT_LOG_LEVEL: 'warn',
    },
  });
  try {
    if (agent.pid === undefined) throw new Error('agent did not start');
    console.log(
      `warming up ${WARMUP_MS / 1000} s, then measuring the agent for ${WINDOW_MS / 1000} s …`,
    );
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const jobs0 = await processed();
    const a = await measure(agent.pid, WINDOW_MS);
    const rate = ((await processed()) - jobs0) / a.seconds;
    console.log(
      `measuring prometheus-node-exporter (scraped every 5 s) for ${WINDOW_MS / 1000} s …`,
    );
    const ne = await nodeExporter();
    const row = (name: string, v: string, goal: string, ok: string): string =>
      `  ${name.padEnd(34)}${v.padStart(12)}${goal.padStart(12)}  ${ok}`;
    console.log(
      `\nnaap-agent on 8 GPUs at 1 s, ${rate.toFixed(1)} jobs/s in the log, /metrics every 5 s, export every 5 s, measured over ${a.seconds.toFixed(0)} s (${out.requests()} exports in all)`,
    );
    console.log(row('', 'measured', 'goal', ''));
    console.log(
      row(
        'agent CPU, % of one core',
        a.cpuPercent.toFixed(2),
        '≤ 2.00',
        a.cpuPercent <= 2 ? 'met' : 'MISSED',
      ),
    );
    console.log(
      row(
        'agent peak RSS, MiB',
        a.peakRssMiB.toFixed(0),
        '≤ 100',
        a.peakRssMiB <= 100 ? 'met' : 'MISSED',
      ),
    );
    if (typeof ne === 'string') console.log(`  prometheus-node-exporter: ${ne}`);
    else {
      console.log(row('node-exporter CPU, % of one core', ne.cpuPercent.toFixed(2), '', ''));
      console.log(row('node-exporter peak RSS, MiB', ne.peakRssMiB.toFixed(0), '', ''));
      console.log(
        row('agent ÷ node-exporter, CPU', `${(a.cpuPercent / ne.cpuPercent).toFixed(2)}×`, '', ''),
      );
      console.log(
        row('agent ÷ node-exporter, RSS', `${(a.peakRssMiB / ne.peakRssMiB).toFixed(2)}×`, '', ''),
      );
    }
  } finally {
    agent.kill('SIGTERM');
    await agent;
    out.server.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
