import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  backfillHistory,
  loadScenario,
  resolveScenario,
  type Endpoints,
  type SimNetwork,
} from '@naap/sim';
import type { DemoConfig } from './config.js';
import {
  isBuilt,
  startAgents,
  startCollector,
  startDashboard,
  startGateways,
  startSim,
  writeTargets,
} from './services.js';
import { readState, writeState } from './state.js';
import { Supervisor } from './supervisor.js';
import { enrollAgents } from './enroll.js';
import { demoTokens, gatewayTokenOf, type TokenEntry } from './tokens.js';
import { waitForHttp, waitForJson } from './wait.js';

export interface DemoIo {
  readonly out: (line: string) => void;
  readonly progress: (text: string) => void;
}

export interface RunningDemo {
  readonly collectorUrl: string;
  readonly dashboardUrl: string | null;
  readonly endpoints: Endpoints;
  readonly processes: number;
  stop(): Promise<void>;
  /** Resolves with a message when a process of the demo dies on its own. */
  readonly failed: Promise<string>;
}

async function backfill(
  config: DemoConfig,
  network: SimNetwork,
  tokens: readonly TokenEntry[],
  agentTokens: ReadonlyMap<string, string>,
  collectorUrl: string,
  io: DemoIo,
  signal: AbortSignal,
): Promise<void> {
  const state = await readState(config.dataDir);
  const toMs = Math.floor(Date.now() / 60_000) * 60_000;
  const fromMs = Math.max(state.backfilledToMs ?? 0, toMs - config.historyMs);
  if (config.historyMs === 0 || toMs - fromMs < 60_000) return;
  const gateways = config.gatewayRegions.flatMap((region) => {
    const token = gatewayTokenOf(tokens, region);
    return token === undefined ? [] : [{ region, token }];
  });
  const hours = ((toMs - fromMs) / 3_600_000).toFixed(1);
  io.out(`backfilling ${hours} h of history (agents and test loads as they would have reported)…`);
  const started = Date.now();
  const result = await backfillHistory({
    network,
    fromMs,
    toMs,
    collectorUrl,
    agentTokens,
    gateways,
    signal,
    onProgress: (done, total) => {
      io.progress(`  ${done}/${total} hours (${Math.round((100 * done) / total)} %)`);
    },
  });
  io.progress('');
  io.out(
    `  ${result.requests} requests in ${((Date.now() - started) / 1000).toFixed(0)} s` +
      (result.rejected > 0 ? `, ${result.rejected} points rejected (see logs/collector.log)` : ''),
  );
  await writeState(config.dataDir, { backfilledToMs: toMs });
}

/** Starts the whole system over the simulated network; resolves once it serves. */
export async function startDemo(
  config: DemoConfig,
  io: DemoIo,
  signal: AbortSignal,
): Promise<RunningDemo> {
  for (const what of ['collector', 'sim', 'agent'] as const) {
    if (!isBuilt(what)) throw new Error(`the ${what} is not built: run \`pnpm build\` first`);
  }
  if (config.reset) await rm(config.dataDir, { recursive: true, force: true });
  await mkdir(join(config.dataDir, 'logs'), { recursive: true });
  await mkdir(join(config.dataDir, 'sim'), { recursive: true });
  let fail: (message: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => (fail = resolve));
  const sup = new Supervisor(join(config.dataDir, 'logs'), (name, code, tail) => {
    fail(`${name} exited (code ${code ?? 'signal'}); last lines of logs/${name}.log:\n${tail}`);
  });
  try {
    const network = resolveScenario(await loadScenario(config.scenario));
    const tokens = await demoTokens(join(config.dataDir, 'tokens.json'), config.gatewayRegions);
    io.out(`data directory: ${config.dataDir} (logs in ${join(config.dataDir, 'logs')})`);
    const collectorUrl = startCollector(sup, config);
    await waitForHttp(`${collectorUrl}/readyz`, 120_000, 'the collector', { signal });
    io.out(`collector ready at ${collectorUrl}`);
    const endpointsFile = startSim(sup, config);
    const endpoints = await waitForJson<Endpoints>(endpointsFile, 60_000, 'the simulator');
    io.out(
      `simulated network: ${endpoints.orchestrators.length} orchestrators, gateway ${endpoints.gatewayUrl}`,
    );
    const enrolled = await enrollAgents(config.dataDir, endpoints, network, collectorUrl);
    io.out(`agents enrolled: ${enrolled.size} (go-livepeer signed each collector challenge)`);
    await backfill(config, network, tokens, enrolled, collectorUrl, io, signal);
    signal.throwIfAborted();
    const agents = config.agents
      ? startAgents(sup, config, endpoints, network, enrolled, collectorUrl)
      : 0;
    io.out(`agents: ${agents} started`);
    if (isBuilt('gateway')) {
      const targetsFile = join(config.dataDir, 'targets.json');
      await writeTargets(targetsFile, endpoints, network);
      const n = startGateways(sup, config, targetsFile, tokens, collectorUrl);
      io.out(`test-load gateways: ${n} (${config.gatewayRegions.join(', ')})`);
    } else io.out('test-load gateway not built: skipped');
    let dashboardUrl: string | null = null;
    if (isBuilt('dashboard')) {
      dashboardUrl = startDashboard(sup, config, collectorUrl);
      await waitForHttp(dashboardUrl, 60_000, 'the dashboard', { signal, anyStatus: true });
    } else io.out('dashboard not built: skipped');
    return {
      collectorUrl,
      dashboardUrl,
      endpoints,
      processes: sup.size,
      failed,
      stop: () => sup.stopAll(),
    };
  } catch (err) {
    await sup.stopAll();
    throw err;
  }
}
