import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RegionCode } from '@naap/otel';
import type { Endpoints } from '@naap/sim';
import { REPO_ROOT, type DemoConfig } from './config.js';
import type { Supervisor } from './supervisor.js';
import { agentTokenOf, gatewayTokenOf, type TokenEntry } from './tokens.js';

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
    ],
    {},
  );
  return endpointsFile;
}

export function startAgents(
  sup: Supervisor,
  endpoints: Endpoints,
  tokens: readonly TokenEntry[],
  collectorUrl: string,
): number {
  let started = 0;
  for (const o of endpoints.orchestrators) {
    const token = agentTokenOf(tokens, o.address);
    if (!o.agent || token === undefined) continue;
    sup.start(`agent-${o.id}`, [BIN.agent, 'run'], {
      NAAP_AGENT_COLLECTOR: collectorUrl,
      NAAP_AGENT_TOKEN: token,
      NAAP_AGENT_NVIDIA_SMI: o.nvidiaSmi,
      NAAP_AGENT_REGION: o.region,
      NAAP_AGENT_GO_LIVEPEER_CLI: o.cliUrl,
      NAAP_AGENT_JOB_LOG: o.jobLog,
      NAAP_AGENT_SAMPLERS: 'nvidia-smi,host,go-livepeer-metrics,go-livepeer-log',
    });
    started++;
  }
  return started;
}

export function startGateways(
  sup: Supervisor,
  endpoints: Endpoints,
  tokens: readonly TokenEntry[],
  collectorUrl: string,
  regions: readonly RegionCode[],
): number {
  let started = 0;
  for (const region of regions) {
    const token = gatewayTokenOf(tokens, region);
    if (token === undefined) continue;
    sup.start(`gateway-${region.toLowerCase()}`, [BIN.gateway, 'run'], {
      NAAP_GATEWAY_GATEWAY_URL: endpoints.gatewayUrl,
      NAAP_GATEWAY_CLI_URL: endpoints.gatewayCliUrl,
      NAAP_GATEWAY_COLLECTOR: collectorUrl,
      NAAP_GATEWAY_TOKEN: token,
      NAAP_GATEWAY_REGION: region,
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
