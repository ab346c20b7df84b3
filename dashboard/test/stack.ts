import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The whole system on one host for the dashboard's end-to-end test and for
 * trying the dashboard by hand: a simulated network (naap-sim run), a
 * collector on embedded storage filled with the network's recent past
 * (naap-sim backfill), one live agent, and the built dashboard. Everything
 * runs as child processes, as it would be deployed; nothing is imported.
 */
const repo = fileURLToPath(new URL('../../', import.meta.url));
const source = ['--conditions=@naap/source', '--import', 'tsx'];

export const SCENARIO = `
version: 1
name: dashboard-e2e
seed: 11
orchestrators:
  - id: orch-fra-1
    region: FRA
    behaviour: healthy
    gpus:
      - model: rtx-4090
        workloads:
          - { pipeline: live-video-to-video, model: streamdiffusion-sdxl }
      - model: l40s
        workloads:
          - { pipeline: text-to-image, model: ByteDance/SDXL-Lightning }
  - id: orch-nyc-1
    region: NYC
    behaviour: flaky
    gpus:
      - model: rtx-3090
        workloads:
          - pipeline: text-to-image
            model: ByteDance/SDXL-Lightning
            failureRate: 0.18
            errors: { timeout: 2, capacity: 1 }
  - id: orch-lax-1
    region: LAX
    behaviour: slow
    gpus:
      - model: a10
        workloads:
          - { pipeline: live-video-to-video, model: streamdiffusion-sdxl }
      - model: a100-80gb
        workloads:
          - { pipeline: image-to-image, model: timbrooks/instruct-pix2pix }
`;

export interface StackOptions {
  /** How much history to send before the dashboard starts (naap-sim backfill --from). */
  readonly history: string;
  /** Start the built dashboard (dashboard/build) too. */
  readonly dashboard: boolean;
  readonly dashboardPort?: number;
  readonly collectorPort?: number;
  readonly log?: (line: string) => void;
}

export interface SimOrchestrator {
  readonly id: string;
  readonly address: string;
  readonly region: string;
  readonly cliUrl: string;
  readonly jobLog: string;
  readonly nvidiaSmi: string;
}

export interface Stack {
  readonly collectorUrl: string;
  readonly dashboardUrl: string;
  readonly orchestrators: readonly SimOrchestrator[];
  /** The orchestrator whose agent runs live. */
  readonly liveAddress: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => {
    setTimeout(r, ms);
  });

async function until<T>(
  what: string,
  check: () => Promise<T | null>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`);
    await sleep(300);
  }
}

/** Whether a child has exited (read through a function: it changes behind the type checker's back). */
function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

class Children {
  readonly list: { name: string; child: ChildProcess; output: string[] }[] = [];
  constructor(private readonly log: (line: string) => void) {}

  start(name: string, args: readonly string[], env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [...args], {
      cwd: repo,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer): void => {
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code, signal) => {
      this.log(`${name} exited (${signal ?? code ?? ''})`);
    });
    this.list.push({ name, child, output });
    return child;
  }

  tail(name: string): string {
    return (this.list.find((c) => c.name === name)?.output ?? []).join('').slice(-3000);
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.list.reverse().map(async ({ child }) => {
        if (exited(child)) return;
        const gone = new Promise<void>((r) =>
          child.once('exit', () => {
            r();
          }),
        );
        child.kill('SIGTERM');
        await Promise.race([gone, sleep(10_000)]);
        if (!exited(child)) child.kill('SIGKILL');
      }),
    );
  }
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      resolve(code ?? 1);
    }),
  );
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const log =
    opts.log ??
    ((line: string) => {
      console.log(line);
    });
  const dir = await mkdtemp(join(tmpdir(), 'naap-dashboard-e2e-'));
  const children = new Children(log);
  try {
    await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
    const endpointsFile = join(dir, 'endpoints.json');
    children.start('sim', [
      ...source,
      'sim/src/cli/bin.ts',
      'run',
      '--scenario',
      join(dir, 'scenario.yaml'),
      '--state-dir',
      join(dir, 'sim'),
      '--endpoints-file',
      endpointsFile,
    ]);
    const endpoints = await until(
      'simulator',
      async () =>
        JSON.parse(await readFile(endpointsFile, 'utf8')) as { orchestrators: SimOrchestrator[] },
      60_000,
    );
    const orchestrators = endpoints.orchestrators;
    const tokens = [
      ...orchestrators.map((o, i) => ({
        token: `agent-token-${i}-0123456789abcdef`,
        kind: 'agent',
        address: o.address,
      })),
      { token: 'gateway-token-0123456789abcdef', kind: 'gateway', name: 'gw-e2e' },
    ];
    const tokensFile = join(dir, 'tokens.json');
    await writeFile(tokensFile, JSON.stringify(tokens));

    const collectorPort = opts.collectorPort ?? (await freePort());
    const collectorUrl = `http://127.0.0.1:${collectorPort}`;
    children.start('collector', [
      ...source,
      'collector/src/bin.ts',
      '--listen',
      `127.0.0.1:${collectorPort}`,
      '--clickhouse',
      `embedded:${join(dir, 'data')}`,
      '--tokens',
      tokensFile,
      '--batch-delay-ms',
      '200',
      // The dashboard server calls the API for all its visitors, as deployments configure it.
      '--api-rate-limit-exempt',
      '127.0.0.1',
    ]);
    await until(
      'collector',
      async () => ((await fetch(`${collectorUrl}/readyz`)).ok ? true : null),
      120_000,
    ).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}\n${children.tail('collector')}`);
    });
    log('collector ready');

    const backfill = children.start('backfill', [
      ...source,
      'sim/src/cli/bin.ts',
      'backfill',
      '--scenario',
      join(dir, 'scenario.yaml'),
      '--collector',
      collectorUrl,
      '--tokens',
      tokensFile,
      `--from=-${opts.history}`,
      '--gateway-regions',
      'FRA,NYC',
      '--cadence',
      '5m',
    ]);
    const code = await exitOf(backfill);
    if (code !== 0) throw new Error(`backfill failed (${code}):\n${children.tail('backfill')}`);
    log('history sent');

    const live = orchestrators[0];
    if (live === undefined) throw new Error('the scenario has no orchestrator');
    children.start('agent', [...source, 'agent/src/bin.ts', 'run'], {
      NAAP_AGENT_COLLECTOR: collectorUrl,
      NAAP_AGENT_TOKEN: tokens[0]?.token ?? '',
      NAAP_AGENT_NVIDIA_SMI: live.nvidiaSmi,
      NAAP_AGENT_REGION: live.region,
      NAAP_AGENT_EXPORT_INTERVAL_MS: '1000',
      NAAP_AGENT_GO_LIVEPEER_CLI: live.cliUrl,
      NAAP_AGENT_JOB_LOG: live.jobLog,
      NAAP_AGENT_SAMPLERS: 'nvidia-smi,host,go-livepeer-metrics,go-livepeer-log',
      NAAP_AGENT_SCRAPE_INTERVAL_MS: '1000',
    });

    let dashboardUrl = '';
    if (opts.dashboard) {
      const port = opts.dashboardPort ?? (await freePort());
      dashboardUrl = `http://127.0.0.1:${port}`;
      children.start('dashboard', ['dashboard/build/index.js'], {
        NAAP_DASHBOARD_API_URL: collectorUrl,
        NAAP_DASHBOARD_HTTP_HOST: '127.0.0.1',
        NAAP_DASHBOARD_HTTP_PORT: String(port),
      });
      await until(
        'dashboard',
        async () => ((await fetch(`${dashboardUrl}/api`)).ok ? true : null),
        60_000,
      ).catch((err: unknown) => {
        throw new Error(`${(err as Error).message}\n${children.tail('dashboard')}`);
      });
    }
    return {
      collectorUrl,
      dashboardUrl,
      orchestrators,
      liveAddress: live.address,
      async close() {
        await children.stopAll();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await children.stopAll();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
