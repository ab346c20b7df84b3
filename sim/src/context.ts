import type { ClockState, SimClock } from './core/clock.js';
import type { SimEngine } from './engine.js';
import type { SimNetwork, SimOrchestrator } from './scenario/resolve.js';

/** What every surface of a running simulation is given. */
export interface SimContext {
  readonly network: SimNetwork;
  readonly clock: SimClock;
  readonly engine: SimEngine;
  /** Directory for logs, ledger and per-host files of this run. */
  readonly stateDir: string;
}

/**
 * Per-host description written by `naap-sim run` to
 * `<stateDir>/hosts/<orchestratorId>/host.json`, read by the fake nvidia-smi
 * (a separate process) so it prints the same GPUs on the same clock.
 */
export interface HostFile {
  readonly scenarioPath: string;
  readonly seed: number;
  readonly orchestratorId: string;
  readonly clock: ClockState;
}

/** Finds an orchestrator by id; throws a clear error when it is not in the scenario. */
export function orchestratorById(network: SimNetwork, id: string): SimOrchestrator {
  const o = network.orchestrators.find((x) => x.id === id);
  if (o === undefined) {
    throw new RangeError(`no orchestrator "${id}" in scenario ${network.name}`);
  }
  return o;
}
