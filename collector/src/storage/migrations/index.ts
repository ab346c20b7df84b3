import { rawTables } from './001-raw-tables.js';
import { rollups } from './002-rollups.js';
import { slaInputs } from './003-sla-inputs.js';
import { nodeLiveness } from './004-node-liveness.js';
import { slaScores } from './005-sla-scores.js';
import { maintenanceWindows } from './006-maintenance-windows.js';
import { orchestratorIdentity } from './007-orchestrator-identity.js';
import { tokens } from './009-tokens.js';
import { slaInputsSixHours } from './010-sla-inputs-6h.js';
import { gpusDaily } from './011-gpus-daily.js';
import { slaInputsV2 } from './012-sla-inputs-v2.js';
import { dropSlaInputsV1 } from './013-drop-sla-inputs-v1.js';
import { gpusDailyV2 } from './014-gpus-daily-v2.js';
import { dropGpusDailyV1 } from './015-drop-gpus-daily-v1.js';
import { slaInputSpans } from './016-sla-input-spans.js';
import type { Migration } from './types.js';

/** Every migration, in order. Append only: never renumber or edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  rawTables,
  rollups,
  slaInputs,
  nodeLiveness,
  slaScores,
  maintenanceWindows,
  orchestratorIdentity,
  tokens,
  slaInputsSixHours,
  gpusDaily,
  slaInputsV2,
  dropSlaInputsV1,
  gpusDailyV2,
  dropGpusDailyV1,
  slaInputSpans,
];

export type { Migration, MigrationContext } from './types.js';
