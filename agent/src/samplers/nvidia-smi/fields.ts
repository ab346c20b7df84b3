/**
 * The `--query-gpu` fields the sampler asks for, how each one is named by
 * nvidia-smi (canonical names, which headers print, and aliases) and how its
 * text becomes a value.
 */

/** One parsed `--query-gpu` line: a physical board. Absent fields were not reported. */
export interface GpuReading {
  /** GPU UUID (`GPU-…`): the join key, never the index. */
  readonly uuid: string;
  readonly index?: number;
  /** Product name, e.g. `NVIDIA GeForce RTX 4090`. */
  readonly name: string;
  /** utilization.gpu, ratio 0–1 (absent under MIG: nvidia-smi prints [N/A]). */
  readonly utilization?: number;
  /** utilization.memory (bandwidth, not capacity), ratio 0–1. */
  readonly memoryBandwidthUtilization?: number;
  readonly memoryUsedBytes?: number;
  readonly memoryTotalBytes?: number;
  readonly memoryFreeBytes?: number;
  readonly temperatureC?: number;
  readonly powerDrawW?: number;
  readonly powerLimitW?: number;
  readonly smClockMhz?: number;
  readonly smClockMaxMhz?: number;
  readonly memClockMhz?: number;
  readonly encoderUtilization?: number;
  readonly decoderUtilization?: number;
  /** clocks_event_reasons.active (older drivers: clocks_throttle_reasons.active), NVML bitmask. */
  readonly throttleBitmask?: number;
  /** ecc.errors.uncorrected.volatile.total. */
  readonly eccUncorrected?: number;
  readonly migMode?: 'enabled' | 'disabled';
}

/** How a field's text is read. */
export type FieldKind = 'text' | 'int' | 'ratio' | 'mib' | 'amount' | 'signed' | 'bitmask' | 'mig';

export type ReadingKey = keyof GpuReading;

export interface FieldSpec {
  readonly key: ReadingKey;
  /** Names nvidia-smi accepts and prints for it (first: what we query). */
  readonly names: readonly string[];
  readonly kind: FieldKind;
}

/** Every field the parser understands, in query order. */
export const FIELD_SPECS: readonly FieldSpec[] = [
  { key: 'uuid', names: ['uuid', 'gpu_uuid'], kind: 'text' },
  { key: 'index', names: ['index'], kind: 'int' },
  { key: 'name', names: ['name', 'gpu_name'], kind: 'text' },
  { key: 'utilization', names: ['utilization.gpu'], kind: 'ratio' },
  { key: 'memoryBandwidthUtilization', names: ['utilization.memory'], kind: 'ratio' },
  { key: 'memoryUsedBytes', names: ['memory.used'], kind: 'mib' },
  { key: 'memoryTotalBytes', names: ['memory.total'], kind: 'mib' },
  { key: 'memoryFreeBytes', names: ['memory.free'], kind: 'mib' },
  { key: 'temperatureC', names: ['temperature.gpu'], kind: 'signed' },
  { key: 'powerDrawW', names: ['power.draw'], kind: 'amount' },
  { key: 'powerLimitW', names: ['power.limit', 'gpu.power.requested_limit'], kind: 'amount' },
  { key: 'smClockMhz', names: ['clocks.sm', 'clocks.current.sm'], kind: 'amount' },
  { key: 'smClockMaxMhz', names: ['clocks.max.sm'], kind: 'amount' },
  { key: 'memClockMhz', names: ['clocks.mem', 'clocks.current.memory'], kind: 'amount' },
  { key: 'encoderUtilization', names: ['utilization.encoder'], kind: 'ratio' },
  { key: 'decoderUtilization', names: ['utilization.decoder'], kind: 'ratio' },
  {
    key: 'throttleBitmask',
    names: ['clocks_event_reasons.active', 'clocks_throttle_reasons.active'],
    kind: 'bitmask',
  },
  { key: 'eccUncorrected', names: ['ecc.errors.uncorrected.volatile.total'], kind: 'int' },
  { key: 'migMode', names: ['mig.mode.current'], kind: 'mig' },
];

/** The clocks-event field's name on drivers before 535 or so. */
export const LEGACY_THROTTLE_FIELD = 'clocks_throttle_reasons.active';
export const THROTTLE_FIELD = 'clocks_event_reasons.active';

/** `--query-gpu=` field list: uuid first, then index, name and the metric fields. */
export const QUERY_FIELDS: readonly string[] = FIELD_SPECS.map((f) => f.names[0] ?? f.key);

/** The same list for drivers that reject `clocks_event_reasons.active`. */
export const LEGACY_QUERY_FIELDS: readonly string[] = QUERY_FIELDS.map((f) =>
  f === THROTTLE_FIELD ? LEGACY_THROTTLE_FIELD : f,
);

/** Fields a reading cannot do without: never dropped from the query. */
export const REQUIRED_KEYS: ReadonlySet<ReadingKey> = new Set<ReadingKey>(['uuid', 'name']);

const byName = new Map<string, FieldSpec>(
  FIELD_SPECS.flatMap((spec) => spec.names.map((n) => [n, spec] as const)),
);

/** The spec of a query or header name (`memory.used [MiB]` → memory.used); undefined if unknown. */
export function specOf(name: string): FieldSpec | undefined {
  return byName.get(name.trim().replace(/ \[[^\]]*\]$/, ''));
}

/**
 * The field list to retry with after nvidia-smi rejected `rejected`
 * (`Field "…" is not a valid field to query.`): the old throttle name for the
 * new one, else the list without that optional field. Undefined when nothing
 * sensible is left to try.
 */
export function reviseFields(
  fields: readonly string[],
  rejected: string,
): readonly string[] | undefined {
  if (!fields.includes(rejected)) return undefined;
  if (rejected === THROTTLE_FIELD) {
    return fields.map((f) => (f === THROTTLE_FIELD ? LEGACY_THROTTLE_FIELD : f));
  }
  const spec = specOf(rejected);
  if (spec !== undefined && REQUIRED_KEYS.has(spec.key)) return undefined;
  return fields.filter((f) => f !== rejected);
}
