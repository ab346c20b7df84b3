import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ClockState } from './core/clock.js';
import { SimClock } from './core/clock.js';
import type { HostFile, SimContext } from './context.js';
import { SimEngine } from './engine.js';
import { startGateway, type GatewayOptions } from './gateway/server.js';
import { loadScenario } from './scenario/load.js';
import { resolveScenario, type SimNetwork } from './scenario/resolve.js';
import {
  startOrchestratorSurfaces,
  type OrchestratorSurfaces,
} from './surfaces/orchestrator/index.js';
import { writeNvidiaSmiWrapper } from './surfaces/nvidia-smi/wrapper.js';

export interface SimulationOptions {
  readonly scenarioPath: string;
  readonly seed?: number;
  /** Simulated ms per wall ms (default 1). */
  readonly speed?: number;
  /** Start simulated time here (e.g. 7 days ago to backfill history); default now. */
  readonly fromMs?: number;
  readonly stateDir: string;
  /** Remove what a previous run left in stateDir (logs, ledger). */
  readonly reset?: boolean;
  readonly gateway?: GatewayOptions;
  /**
   * Also start one gateway per orchestrator, pinned to it with `-orchAddr`
   * (what a test-load operator runs for static pinning).
   */
  readonly gatewayPerOrchestrator?: boolean;
  /** Tick of the engine, wall ms. */
  readonly tickMs?: number;
}

/** The endpoints of a running simulation (also written as JSON by `--endpoints-file`). */
export interface Endpoints {
  readonly scenario: string;
  readonly seed: number;
  readonly stateDir: string;
  readonly ledger: string;
  readonly clock: ClockState;
  readonly gatewayUrl: string;
  readonly gatewayCliUrl: string;
  readonly orchestrators: readonly {
    readonly id: string;
    readonly address: string;
    readonly region: string;
    readonly behaviour: string;
    readonly serviceUri: string;
    readonly cliUrl: string;
    readonly jobLog: string;
    readonly runnerLogDir: string;
    readonly nvidiaSmi: string;
    readonly hostFile: string;
    readonly agent: boolean;
    readonly runners: OrchestratorSurfaces['runners'];
    /** Its own pinned gateway (with `gatewayPerOrchestrator`). */
    readonly pinnedGateway?: { readonly url: string; readonly cliUrl: string };
  }[];
}

export interface RunningSimulation {
  readonly network: SimNetwork;
  readonly clock: SimClock;
  readonly engine: SimEngine;
  readonly endpoints: Endpoints;
  close(): Promise<void>;
}

async function writeHost(
  stateDir: string,
  scenarioPath: string,
  network: SimNetwork,
  id: string,
  clock: SimClock,
) {
  const dir = join(stateDir, 'hosts', id);
  await mkdir(join(dir, 'runners'), { recursive: true });
  const hostFile = join(dir, 'host.json');
  const host: HostFile = {
    scenarioPath,
    seed: network.seed,
    orchestratorId: id,
    clock: clock.state,
  };
  await writeFile(hostFile, `${JSON.stringify(host, null, 2)}\n`);
  return { hostFile, nvidiaSmi: await writeNvidiaSmiWrapper(dir, hostFile) };
}

/**
 * Starts the whole simulated network: the engine, every orchestrator's
 * surfaces (CLI server, job log, runners, fake nvidia-smi) and the gateway.
 */
export async function startSimulation(options: SimulationOptions): Promise<RunningSimulation> {
  const scenarioPath = resolve(options.scenarioPath);
  const stateDir = resolve(options.stateDir);
  const network = resolveScenario(await loadScenario(scenarioPath), options.seed);
  if (options.reset === true) await rm(stateDir, { recursive: true, force: true });
  await mkdir(stateDir, { recursive: true });
  const accelerated = (options.speed ?? 1) !== 1;
  const clock = new SimClock({
    ...(options.fromMs !== undefined ? { startMs: options.fromMs } : {}),
    speed: options.speed ?? 1,
    catchUp: accelerated && options.fromMs !== undefined,
  });
  const ledger = join(stateDir, 'ledger.jsonl');
  const engine = new SimEngine(network, clock, {
    ledgerPath: ledger,
    ...(options.tickMs ? { tickMs: options.tickMs } : {}),
  });
  const ctx: SimContext = { network, clock, engine, stateDir };
  const closers: (() => Promise<void>)[] = [];
  try {
    const orchestrators: Endpoints['orchestrators'][number][] = [];
    for (const o of network.orchestrators) {
      const files = await writeHost(stateDir, scenarioPath, network, o.id, clock);
      const surfaces = await startOrchestratorSurfaces(ctx, o);
      closers.push(() => surfaces.close());
      orchestrators.push({
        id: o.id,
        address: o.address,
        region: o.region,
        behaviour: o.behaviour,
        serviceUri: o.serviceUri,
        cliUrl: surfaces.cliUrl,
        jobLog: surfaces.jobLogPath,
        runnerLogDir: surfaces.runnerLogDir,
        nvidiaSmi: files.nvidiaSmi,
        hostFile: files.hostFile,
        agent: o.agent,
        runners: surfaces.runners,
      });
    }
    const gateway = await startGateway(ctx, options.gateway ?? {});
    closers.push(() => gateway.close());
    if (options.gatewayPerOrchestrator === true) {
      for (const [i, o] of network.orchestrators.entries()) {
        const pinned = await startGateway(ctx, {
          orchAddr: [o.serviceUri],
          nodeId: `naap-sim-gateway-${o.id}`,
        });
        closers.push(() => pinned.close());
        const entry = orchestrators[i];
        if (entry !== undefined)
          orchestrators[i] = {
            ...entry,
            pinnedGateway: { url: pinned.url, cliUrl: pinned.cliUrl },
          };
      }
    }
    engine.start();
    const endpoints: Endpoints = {
      scenario: network.name,
      seed: network.seed,
      stateDir,
      ledger,
      clock: clock.state,
      gatewayUrl: gateway.url,
      gatewayCliUrl: gateway.cliUrl,
      orchestrators,
    };
    const close = async (): Promise<void> => {
      await engine.stop();
      for (const c of closers.reverse()) await c();
    };
    return { network, clock, engine, endpoints, close };
  } catch (err) {
    await engine.stop();
    for (const c of closers.reverse()) await c().catch(() => undefined);
    throw err;
  }
}
