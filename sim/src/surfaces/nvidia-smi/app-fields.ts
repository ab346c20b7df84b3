import { int, type QueryField, type Unit } from './field.js';
import type { ComputeApp } from './compute-apps.js';
import { formatTimestamp } from './timestamp.js';

type AppField = QueryField<ComputeApp>;

const field = (
  name: string,
  unit: Unit,
  value: (app: ComputeApp) => string | null,
  aliases: readonly string[] = [],
): AppField => ({ name, aliases, unit, value });

/**
 * The `--query-compute-apps` properties (driver 590
 * `--help-query-compute-apps`): every one of them is modelled.
 */
export const COMPUTE_APP_FIELDS: readonly AppField[] = [
  field('timestamp', '', (a) => formatTimestamp(a.atMs)),
  field('gpu_name', '', (a) => a.gpu.model.name),
  field('gpu_bus_id', '', (a) => a.gpu.busId),
  field('gpu_serial', '', (a) => (a.gpu.model.naFields.includes('serial') ? null : a.gpu.serial)),
  field('gpu_uuid', '', (a) => a.gpu.uuid),
  field('pid', '', (a) => String(a.pid)),
  field('process_name', '', (a) => a.processName, ['name']),
  field('used_gpu_memory', 'MiB', (a) => int(a.usedMiB), ['used_memory']),
];
