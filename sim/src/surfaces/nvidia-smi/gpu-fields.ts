import type { GpuSample } from '../../model/gpu-state.js';
import { DRIVER_VERSION, SUPPORTED_EVENT_REASONS } from './driver.js';
import { hex64, int, watts, type QueryField, type Unit } from './field.js';
import type { PhysicalGpu } from './physical.js';
import { formatTimestamp } from './timestamp.js';

/** One line of `--query-gpu` output: a board and its sample at one instant. */
export interface GpuRow {
  /** Simulated time of the query, ms (the `timestamp` field). */
  readonly atMs: number;
  /** Boards on the host (the `count` field). */
  readonly count: number;
  readonly gpu: PhysicalGpu;
  readonly sample: GpuSample;
}

type GpuField = QueryField<GpuRow>;

const field = (
  name: string,
  unit: Unit,
  value: (row: GpuRow) => string | null,
  aliases: readonly string[] = [],
): GpuField => ({ name, aliases, unit, value });

const s = (pick: (x: GpuSample) => number | null) => (row: GpuRow) => int(pick(row.sample));

const eccMode = (row: GpuRow): string => (row.gpu.model.eccSupported ? 'Enabled' : 'Disabled');
const migMode = (row: GpuRow): string | null =>
  row.gpu.migEnabled ? 'Enabled' : row.gpu.model.migCapable ? 'Disabled' : null;

/** `clocks_event_reasons.<name>` (old name `clocks_throttle_reasons.<name>`) per NVML bit. */
const EVENT_REASONS: readonly (readonly [string, number])[] = [
  ['gpu_idle', 0x1],
  ['applications_clocks_setting', 0x2],
  ['sw_power_cap', 0x4],
  ['hw_slowdown', 0x8],
  ['sync_boost', 0x10],
  ['sw_thermal_slowdown', 0x20],
  ['hw_thermal_slowdown', 0x40],
  ['hw_power_brake_slowdown', 0x80],
];

const eventReason = (name: string, unit: Unit, value: GpuField['value']): GpuField =>
  field(`clocks_event_reasons.${name}`, unit, value, [`clocks_throttle_reasons.${name}`]);

const EVENT_REASON_FIELDS: readonly GpuField[] = [
  eventReason('supported', '', () => hex64(SUPPORTED_EVENT_REASONS)),
  eventReason('active', '', (r) => hex64(r.sample.throttleBitmask)),
  ...EVENT_REASONS.map(([name, bit]) =>
    eventReason(name, '', (r) =>
      (r.sample.throttleBitmask & bit) !== 0 ? 'Active' : 'Not Active',
    ),
  ),
];

const MODELLED: readonly GpuField[] = [
  field('timestamp', '', (r) => formatTimestamp(r.atMs)),
  field('driver_version', '', () => DRIVER_VERSION),
  field('count', '', (r) => String(r.count)),
  field('name', '', (r) => r.gpu.model.name, ['gpu_name']),
  field('serial', '', (r) => r.gpu.serial, ['gpu_serial']),
  field('uuid', '', (r) => r.gpu.uuid, ['gpu_uuid']),
  field('pci.bus_id', '', (r) => r.gpu.busId, ['gpu_bus_id']),
  field('pci.device_id', '', (r) => r.gpu.model.pciDeviceId),
  field('index', '', (r) => String(r.gpu.index)),
  field('vbios_version', '', (r) => r.gpu.model.vbios),
  field(
    'fan.speed',
    '%',
    s((x) => x.fanSpeedPercent),
  ),
  field('pstate', '', (r) => r.sample.pstate),
  ...EVENT_REASON_FIELDS,
  field(
    'memory.total',
    'MiB',
    s((x) => x.memoryTotalMiB),
  ),
  field(
    'memory.reserved',
    'MiB',
    s((x) => x.memoryReservedMiB),
  ),
  field(
    'memory.used',
    'MiB',
    s((x) => x.memoryUsedMiB),
  ),
  field(
    'memory.free',
    'MiB',
    s((x) => x.memoryFreeMiB),
  ),
  field(
    'utilization.gpu',
    '%',
    s((x) => x.utilizationGpu),
  ),
  field(
    'utilization.memory',
    '%',
    s((x) => x.utilizationMemory),
  ),
  field(
    'utilization.encoder',
    '%',
    s((x) => x.utilizationEncoder),
  ),
  field(
    'utilization.decoder',
    '%',
    s((x) => x.utilizationDecoder),
  ),
  field('ecc.mode.current', '', eccMode),
  field('ecc.mode.pending', '', eccMode),
  field(
    'ecc.errors.uncorrected.volatile.total',
    '',
    s((x) => x.eccUncorrected),
  ),
  field(
    'temperature.gpu',
    '',
    s((x) => x.temperatureC),
  ),
  field('power.draw', 'W', (r) => watts(r.sample.powerDrawW)),
  field('power.draw.average', 'W', (r) => watts(r.sample.powerDrawW), ['gpu.power.draw.average']),
  field('power.draw.instant', 'W', (r) => watts(r.sample.powerDrawW), ['gpu.power.draw.instant']),
  field('power.limit', 'W', (r) => watts(r.sample.powerLimitW), ['gpu.power.requested_limit']),
  field('enforced.power.limit', 'W', (r) => watts(r.sample.powerLimitW), [
    'gpu.power.current_limit',
  ]),
  field('power.default_limit', 'W', (r) => watts(r.gpu.model.powerLimitW), [
    'gpu.power.default_limit',
  ]),
  field('power.max_limit', 'W', (r) => watts(r.gpu.model.powerLimitW), ['gpu.power.max_limit']),
  field(
    'clocks.current.graphics',
    'MHz',
    s((x) => x.smClockMhz),
    ['clocks.gr'],
  ),
  field(
    'clocks.current.sm',
    'MHz',
    s((x) => x.smClockMhz),
    ['clocks.sm'],
  ),
  field(
    'clocks.current.memory',
    'MHz',
    s((x) => x.memClockMhz),
    ['clocks.mem'],
  ),
  field(
    'clocks.max.graphics',
    'MHz',
    s((x) => x.smClockMaxMhz),
    ['clocks.max.gr'],
  ),
  field(
    'clocks.max.sm',
    'MHz',
    s((x) => x.smClockMaxMhz),
  ),
  field(
    'clocks.max.memory',
    'MHz',
    s((x) => x.memClockMaxMhz),
    ['clocks.max.mem'],
  ),
  field('mig.mode.current', '', migMode),
  field('mig.mode.pending', '', migMode),
];

/** Fields whose `[N/A]` follows another name in a model's `naFields`. */
const NA_KEY: Readonly<Record<string, string>> = {
  'ecc.mode.pending': 'ecc.mode.current',
  'mig.mode.pending': 'mig.mode.current',
  'power.draw.average': 'power.draw',
  'power.draw.instant': 'power.draw',
};

const withModelNa = (f: GpuField): GpuField => {
  const key = NA_KEY[f.name] ?? f.name;
  return { ...f, value: (row) => (row.gpu.model.naFields.includes(key) ? null : f.value(row)) };
};

/**
 * The `--query-gpu` properties the simulator models, with nvidia-smi's
 * canonical names, aliases and units (driver 590 `--help-query-gpu`); a
 * field in the board model's `naFields` prints `[N/A]`.
 */
export const GPU_FIELDS: readonly GpuField[] = MODELLED.map(withModelNa);
