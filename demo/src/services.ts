import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Endpoints, SimNetwork } from '@naap/sim';
import { REPO_ROOT, type DemoConfig } from './config.js';
import type { Supervisor } from './supervisor.js';
import { tokenFileOf } from './enroll.js';
import { gatewayTokenOf, type TokenEntry } from './tokens.js';

/** Compiled entry points of the product's binaries. */
export const BIN = {
  collector: join(REPO_ROOT, 'collector/bin/naap-collector.js'),
  sim: join(REPO_ROOT, 'sim/bin/naap-sim.js'),
  agent: join(REPO_ROOT, 'agent/bin/naap-agent.js'),
  gateway: join(REPO_ROOT, 'gateway/bin/naap-gateway.js'),
  dashboard: join(REPO_ROOT, 'dashboard/build/index.js'),
} as const;

/** What `pnpm build` produces for each binary: the demo needs these. */
export const BUILT = {
  collector: join(REPO_ROOT, 'collector/dist/main.js'),
  sim: join(REPO_ROOT, 'sim/dist/cli/main.js'),
  agent: join(REPO_ROOT, 'agent/dist/main.js'),
  gateway: join(REPO_ROOT, 'gateway/dist/main.js'),
  dashboard: BIN.dashboard,
} as const;

export const isBuilt = (what: keyof typeof BUILT): boolean => existsSync(BUILT[what]);

export function startCollector(sup: Supervisor, config: DemoConfig): string {
  sup.start(
    'collector',
    [
      BIN.collector,
      'run',
      '--listen',
      `127.0.0.1:${config.collectorPort}`,
      '--clickhouse',
      `embedded:${join(config.dataDir, 'store')}`,
      '--tokens',
      join(config.dataDir, 'tokens.json'),
      // Every agent enrolls from this one machine.
      '--enroll-rate-per-minute',
      '600',
    ],
    {},
  );
  return `http://127.0.0.1:${config.collectorPort}`;
}

export function startSim(sup: Supervisor, config: DemoConfig): string {
  const endpointsFile = join(config.dataDir, 'sim', 'endpoints.json');
  sup.start(
    'sim',
    [
      BIN.sim,
      'run',
      '--scenario',
      config.scenario,
      '--state-dir',
      join(config.dataDir, 'sim'),
      '--endpoints-file',
      endpointsFile,
      // One gateway per orchestrator: the test loads pin statically.
      '--gateway-per-orchestrator',
    ],
    {},
  );
  return endpointsFile;
}

export function startAgents(
  sup: Supervisor,
  config: DemoConfig,
  endpoints: Endpoints,
  network: SimNetwork,
  enrolled: ReadonlyMap<string, string>,
  collectorUrl: string,
): number {
  let started = 0;
  for (const o of endpoints.orchestrators) {
    const hostName = network.orchestrators.find((n) => n.id === o.id)?.hostName;
    if (!o.agent || !enrolled.has(o.address.toLowerCase()) || hostName === undefined) continue;
    sup.start(`agent-${o.id}`, [BIN.agent, 'run'], {
      NAAP_AGENT_COLLECTOR: collectorUrl,
      // The token its enrollment stored.
      NAAP_AGENT_TOKEN_FILE: tokenFileOf(config.dataDir, o.id),
      NAAP_AGENT_NVIDIA_SMI: o.nvidiaSmi,
      NAAP_AGENT_REGION: o.region,
      // The simulated host's name, as the backfilled history reports it.
      NAAP_AGENT_HOST_NAME: hostName,
      NAAP_AGENT_GO_LIVEPEER_CLI: o.cliUrl,
      NAAP_AGENT_JOB_LOG: o.jobLog,
      NAAP_AGENT_SAMPLERS: 'nvidia-smi,host,go-livepeer-metrics,go-livepeer-log',
      // A dozen agents share one machine here, and each fake nvidia-smi run
      // is a Node process (a real one is a small binary): sample a little
      // less often than on a GPU host.
      NAAP_AGENT_NVIDIA_SMI_INTERVAL_MS: '2000',
      NAAP_AGENT_COMPUTE_APPS_INTERVAL_MS: '120000',
    });
    started++;
  }
  return started;
}

/** The test-load targets: every orchestrator, through its own pinned gateway. */
export async function writeTargets(
  path: string,
  endpoints: Endpoints,
  network: SimNetwork,
): Promise<void> {
  const targets = endpoints.orchestrators.map((o) => {
    const sim = network.orchestrators.find((n) => n.id === o.id);
    const workloads = sim?.gpus.flatMap((g) => g.workloads) ?? [];
    const unique = new Map(workloads.map((w) => [`${w.pipeline}|${w.modelId}`, w]));
    return {
      address: o.address,
      uri: o.serviceUri,
      ...(o.pinnedGateway
        ? { gatewayUrl: o.pinnedGateway.url, cliUrl: o.pinnedGateway.cliUrl }
        : {}),
      capabilities: [...unique.values()].map((w) => ({
        pipeline: w.pipeline,
        model: w.modelId,
        capacity: Math.max(1, w.capacity),
        warm: w.warm,
      })),
    };
  });
  await writeFile(path, `${JSON.stringify({ targets }, null, 2)}\n`);
}

export function startGateways(
  sup: Supervisor,
  config: DemoConfig,
  targetsFile: string,
  tokens: readonly TokenEntry[],
  collectorUrl: string,
): number {
  let started = 0;
  for (const region of config.gatewayRegions) {
    const token = gatewayTokenOf(tokens, region);
    if (token === undefined) continue;
    const name = `gateway-${region.toLowerCase()}`;
    sup.start(name, [BIN.gateway, 'run'], {
      NAAP_GATEWAY_PINNING: 'static',
      NAAP_GATEWAY_TARGETS_FILE: targetsFile,
      NAAP_GATEWAY_CLI_URL: '',
      NAAP_GATEWAY_COLLECTOR: collectorUrl,
      NAAP_GATEWAY_TOKEN: token,
      NAAP_GATEWAY_REGION: region,
      NAAP_GATEWAY_INSTANCE_ID: name,
      // Every target every 10 minutes: test loads show up while the demo runs.
      NAAP_GATEWAY_CADENCE_MS: '600000',
      NAAP_GATEWAY_RESULTS_FILE: join(config.dataDir, `${name}-results.jsonl`),
    });
    started++;
  }
  return started;
}

export function startDashboard(sup: Supervisor, config: DemoConfig, collectorUrl: string): string {
  sup.start('dashboard', [BIN.dashboard], {
    // adapter-node settings, under the dashboard's prefix.
    NAAP_DASHBOARD_HTTP_HOST: '127.0.0.1',
    NAAP_DASHBOARD_HTTP_PORT: String(config.dashboardPort),
    NAAP_DASHBOARD_API_URL: collectorUrl,
  });
  return `http://127.0.0.1:${config.dashboardPort}`;
}
