import { SimClock } from '../core/clock.js';
import type { SimContext } from '../context.js';
import { SimEngine } from '../engine.js';
import type { FpsSample, JobRecord } from '../model/jobs.js';
import { validateScenario } from '../scenario/load.js';
import { resolveScenario, type SimNetwork, type SimOrchestrator } from '../scenario/resolve.js';

/**
 * A simulated network whose clock only moves through `engine.advanceTo`, and
 * everything its engine emitted for one orchestrator: the ground truth the
 * tests of consumers (the agent's samplers, the surfaces) compare against.
 */
export interface ManualNetwork {
  readonly network: SimNetwork;
  readonly orchestrator: SimOrchestrator;
  readonly clock: SimClock;
  readonly engine: SimEngine;
  readonly ctx: (stateDir: string) => SimContext;
  readonly jobs: JobRecord[];
  readonly streamStarts: JobRecord[];
  readonly fps: [JobRecord, FpsSample][];
}

export function manualNetwork(
  scenario: unknown,
  options: { readonly startMs: number; readonly orchestratorId?: string },
): ManualNetwork {
  const network = resolveScenario(validateScenario(scenario, 'test scenario'));
  const orchestrator =
    options.orchestratorId === undefined
      ? network.orchestrators[0]
      : network.orchestrators.find((o) => o.id === options.orchestratorId);
  if (orchestrator === undefined) throw new Error('no such orchestrator in the scenario');
  const clock = new SimClock({ startMs: options.startMs, wallNow: () => options.startMs });
  const engine = new SimEngine(network, clock, { tickMs: 60_000 });
  const net: ManualNetwork = {
    network,
    orchestrator,
    clock,
    engine,
    ctx: (stateDir) => ({ network, clock, engine, stateDir }),
    jobs: [],
    streamStarts: [],
    fps: [],
  };
  const mine = (j: JobRecord): boolean => j.orchestratorId === orchestrator.id;
  engine.on('job', (j) => {
    if (mine(j)) net.jobs.push(j);
  });
  engine.on('streamStart', (j) => {
    if (mine(j)) net.streamStarts.push(j);
  });
  engine.on('fps', (j, s) => {
    if (mine(j)) net.fps.push([j, s]);
  });
  engine.start();
  return net;
}
