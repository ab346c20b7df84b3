/**
 * The go-livepeer metrics this orchestrator surface exports, as registered by
 * `monitor/census.go` (view name prefixed with `livepeer_`, the view's tag
 * keys as labels, its Description as HELP). Copied from
 * `shared/fixtures/go-livepeer-metrics/census-inventory.tsv`; the
 * `census-defs.test.ts` cross-checks every entry against that inventory.
 * Orchestrator-side label sets: `livepeer_ai_request_errors` carries `sender`
 * on an orchestrator (gateways carry orchestrator_* instead).
 */
export type CensusType = 'counter' | 'gauge';

export interface CensusDef {
  readonly name: string;
  readonly type: CensusType;
  /** Label names in view order (node_id/node_type included where the view has them). */
  readonly labels: readonly string[];
  readonly help: string;
}

const BASE = ['node_id', 'node_type'] as const;

const def = (
  name: string,
  type: CensusType,
  labels: readonly string[],
  help: string,
): CensusDef => ({ name, type, labels, help });

export const CENSUS = {
  versions: def(
    'livepeer_versions',
    'gauge',
    ['node_type', 'compiler', 'goos', 'goversion', 'livepeerversion'],
    'Versions used by LivePeer node.',
  ),
  maxSessions: def('livepeer_max_sessions_total', 'gauge', BASE, 'Max Sessions'),
  transcodersNumber: def(
    'livepeer_transcoders_number',
    'gauge',
    BASE,
    'Number of transcoders currently connected to orchestrator',
  ),
  transcodersCapacity: def(
    'livepeer_transcoders_capacity',
    'gauge',
    BASE,
    'Total advertised capacity of transcoders currently connected to orchestrator',
  ),
  transcodersLoad: def(
    'livepeer_transcoders_load',
    'gauge',
    BASE,
    'Total load of transcoders currently connected to orchestrator',
  ),
  modelsRequested: def(
    'livepeer_ai_models_requested',
    'counter',
    ['pipeline', 'model_name', ...BASE],
    'Number of AI models requested over time',
  ),
  latencyScore: def(
    'livepeer_ai_request_latency_score',
    'gauge',
    ['pipeline', 'model_name', ...BASE],
    'AI request latency score',
  ),
  requestPrice: def(
    'livepeer_ai_request_price',
    'gauge',
    ['pipeline', 'model_name', ...BASE],
    'AI request price per unit',
  ),
  requestErrors: def(
    'livepeer_ai_request_errors',
    'counter',
    ['error_code', 'pipeline', 'model_name', 'sender', ...BASE],
    'Errors when processing AI requests',
  ),
  containerInUse: def(
    'livepeer_ai_container_in_use',
    'gauge',
    ['pipeline', 'model_name', 'orchestrator_uri', ...BASE],
    'Number of containers currently used for AI processing',
  ),
  containerIdle: def(
    'livepeer_ai_container_idle',
    'gauge',
    ['pipeline', 'model_name', 'orchestrator_uri', ...BASE],
    'Number of containers currently available for AI processing',
  ),
  gpusIdle: def(
    'livepeer_ai_gpus_idle',
    'gauge',
    ['pipeline', 'model_name', ...BASE],
    'Number of idle GPUs (with no configured container)',
  ),
  currentLivePipelines: def(
    'livepeer_ai_current_live_pipelines',
    'gauge',
    ['pipeline', ...BASE],
    'Number of live AI pipelines currently running',
  ),
  ticketValueRecv: def('livepeer_ticket_value_recv', 'counter', BASE, 'Ticket value received'),
  ticketsRecv: def('livepeer_tickets_recv', 'counter', BASE, 'Tickets received'),
  winningTicketsRecv: def(
    'livepeer_winning_tickets_recv',
    'counter',
    BASE,
    'Winning tickets received',
  ),
  paymentRecvErrors: def(
    'livepeer_payment_recv_errors',
    'counter',
    ['error_code', ...BASE],
    'Errors when receiving payments',
  ),
} as const satisfies Record<string, CensusDef>;
