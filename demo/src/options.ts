import type { OptionSpec } from '@naap/otel/config';

export const ENV_PREFIX = 'NAAP_DEMO_';

/** Every setting of naap-demo: the parser and `--help` are made from this table. */
export const OPTIONS = {
  dataDir: {
    flag: 'data-dir',
    kind: 'string',
    default: '.demo',
    description: 'where the demo keeps its store, tokens, logs and simulator state',
  },
  reset: {
    flag: 'reset',
    kind: 'boolean',
    default: false,
    description: 'delete the data directory first (otherwise a second run reuses it)',
  },
  history: {
    flag: 'history',
    kind: 'string',
    default: '7d',
    description:
      'history to backfill before serving: a duration such as 7d, 36h or 0 (none), at most 30d',
  },
  scenario: {
    flag: 'scenario',
    kind: 'string',
    default: 'sim/scenarios/demo.yaml',
    description: 'simulated network (relative paths are resolved from the repository root)',
  },
  collectorPort: {
    flag: 'collector-port',
    kind: 'integer',
    default: 4318,
    min: 0,
    max: 65_535,
    description: 'collector port (OTLP ingest and public API) on 127.0.0.1',
  },
  dashboardPort: {
    flag: 'dashboard-port',
    kind: 'integer',
    default: 3000,
    min: 0,
    max: 65_535,
    description: 'dashboard port on 127.0.0.1',
  },
  gatewayRegions: {
    flag: 'gateway-regions',
    kind: 'string',
    default: 'FRA,NYC',
    description: 'regions of the test-load gateways (comma-separated region codes)',
  },
  agents: {
    flag: 'agents',
    kind: 'boolean',
    default: true,
    description: 'run one naap-agent per simulated orchestrator that has one',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof OPTIONS;
