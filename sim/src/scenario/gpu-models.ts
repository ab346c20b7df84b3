/**
 * GPU models the simulator can place in a host: what nvidia-smi reports for
 * them (product name, memory, power, clocks) and which fields it prints as
 * `[N/A]` on that model. Values follow the real captures in
 * `shared/fixtures/nvidia-smi/` where one exists, vendor data sheets otherwise.
 */
export interface GpuModelSpec {
  /** Key used in scenarios. */
  readonly key: string;
  /** Exact product name nvidia-smi prints (`name`). */
  readonly name: string;
  readonly memoryTotalMiB: number;
  /** Memory the driver reserves: `memory.reserved` (newer drivers). */
  readonly memoryReservedMiB: number;
  readonly powerLimitW: number;
  readonly powerIdleW: number;
  readonly smClockMaxMhz: number;
  readonly smClockIdleMhz: number;
  readonly memClockMaxMhz: number;
  readonly temperatureIdleC: number;
  readonly temperatureLoadC: number;
  /**
   * `--query-gpu` fields this model reports as `[N/A]` (canonical names).
   * GeForce boards: no serial, ECC counters and MIG mode; without ECC support
   * `ecc.mode.current` prints `Disabled` unless listed here (RTX 4090).
   */
  readonly naFields: readonly string[];
  readonly eccSupported: boolean;
  /** A GeForce (consumer) part: idles in P8 and computes in P2. */
  readonly consumer: boolean;
  readonly migCapable: boolean;
  readonly pciDeviceId: string;
  readonly vbios: string;
}

const spec = (s: GpuModelSpec): GpuModelSpec => s;

export const GPU_MODELS: readonly GpuModelSpec[] = [
  spec({
    key: 'rtx-4090',
    name: 'NVIDIA GeForce RTX 4090',
    memoryTotalMiB: 24564,
    memoryReservedMiB: 346,
    powerLimitW: 450,
    powerIdleW: 21,
    smClockMaxMhz: 3120,
    smClockIdleMhz: 210,
    memClockMaxMhz: 10501,
    temperatureIdleC: 34,
    temperatureLoadC: 71,
    naFields: ['serial', 'ecc.errors.uncorrected.volatile.total', 'mig.mode.current'],
    consumer: true,
    eccSupported: false,
    migCapable: false,
    pciDeviceId: '0x268410DE',
    vbios: '95.02.18.80.5F',
  }),
  spec({
    key: 'rtx-3090',
    name: 'NVIDIA GeForce RTX 3090',
    memoryTotalMiB: 24576,
    memoryReservedMiB: 450,
    powerLimitW: 350,
    powerIdleW: 25,
    smClockMaxMhz: 2100,
    smClockIdleMhz: 210,
    memClockMaxMhz: 9751,
    temperatureIdleC: 36,
    temperatureLoadC: 74,
    naFields: [
      'serial',
      'ecc.errors.uncorrected.volatile.total',
      'ecc.mode.current',
      'mig.mode.current',
    ],
    consumer: true,
    eccSupported: false,
    migCapable: false,
    pciDeviceId: '0x220410DE',
    vbios: '94.02.26.48.1B',
  }),
  spec({
    key: 'rtx-4080-super',
    name: 'NVIDIA GeForce RTX 4080 SUPER',
    memoryTotalMiB: 16376,
    memoryReservedMiB: 434,
    powerLimitW: 320,
    powerIdleW: 12,
    smClockMaxMhz: 3165,
    smClockIdleMhz: 210,
    memClockMaxMhz: 11501,
    temperatureIdleC: 33,
    temperatureLoadC: 68,
    naFields: [
      'serial',
      'ecc.errors.uncorrected.volatile.total',
      'ecc.mode.current',
      'mig.mode.current',
    ],
    consumer: true,
    eccSupported: false,
    migCapable: false,
    pciDeviceId: '0x270210DE',
    vbios: '95.03.44.00.B2',
  }),
  spec({
    key: 'a100-80gb',
    name: 'NVIDIA A100-SXM4-80GB',
    memoryTotalMiB: 81920,
    memoryReservedMiB: 869,
    powerLimitW: 400,
    powerIdleW: 62,
    smClockMaxMhz: 1410,
    smClockIdleMhz: 210,
    memClockMaxMhz: 1593,
    temperatureIdleC: 31,
    temperatureLoadC: 64,
    naFields: ['fan.speed', 'utilization.encoder', 'utilization.decoder'],
    consumer: false,
    eccSupported: true,
    migCapable: true,
    pciDeviceId: '0x20B210DE',
    vbios: '92.00.36.00.02',
  }),
  spec({
    key: 'h100-80gb',
    name: 'NVIDIA H100 80GB HBM3',
    memoryTotalMiB: 81559,
    memoryReservedMiB: 479,
    powerLimitW: 700,
    powerIdleW: 70,
    smClockMaxMhz: 1980,
    smClockIdleMhz: 345,
    memClockMaxMhz: 2619,
    temperatureIdleC: 30,
    temperatureLoadC: 62,
    naFields: ['fan.speed'],
    consumer: false,
    eccSupported: true,
    migCapable: true,
    pciDeviceId: '0x233010DE',
    vbios: '96.00.A5.00.01',
  }),
  spec({
    key: 'h200',
    name: 'NVIDIA H200',
    memoryTotalMiB: 143771,
    memoryReservedMiB: 614,
    powerLimitW: 700,
    powerIdleW: 76,
    smClockMaxMhz: 1980,
    smClockIdleMhz: 345,
    memClockMaxMhz: 3201,
    temperatureIdleC: 29,
    temperatureLoadC: 60,
    naFields: ['fan.speed'],
    consumer: false,
    eccSupported: true,
    migCapable: true,
    pciDeviceId: '0x233510DE',
    vbios: '96.00.A5.00.03',
  }),
  spec({
    key: 'l40s',
    name: 'NVIDIA L40S',
    memoryTotalMiB: 46068,
    memoryReservedMiB: 609,
    powerLimitW: 350,
    powerIdleW: 33,
    smClockMaxMhz: 2520,
    smClockIdleMhz: 210,
    memClockMaxMhz: 9001,
    temperatureIdleC: 28,
    temperatureLoadC: 66,
    naFields: ['fan.speed', 'mig.mode.current'],
    consumer: false,
    eccSupported: true,
    migCapable: false,
    pciDeviceId: '0x26B910DE',
    vbios: '95.02.66.00.02',
  }),
  spec({
    key: 'a10',
    name: 'NVIDIA A10',
    memoryTotalMiB: 23028,
    memoryReservedMiB: 512,
    powerLimitW: 150,
    powerIdleW: 16,
    smClockMaxMhz: 1695,
    smClockIdleMhz: 210,
    memClockMaxMhz: 6251,
    temperatureIdleC: 32,
    temperatureLoadC: 70,
    naFields: ['fan.speed', 'mig.mode.current'],
    consumer: false,
    eccSupported: true,
    migCapable: false,
    pciDeviceId: '0x223610DE',
    vbios: '94.02.5C.00.04',
  }),
];

const byKey = new Map(GPU_MODELS.map((m) => [m.key, m]));

export const GPU_MODEL_KEYS: readonly string[] = GPU_MODELS.map((m) => m.key);

export function gpuModel(key: string): GpuModelSpec {
  const m = byKey.get(key);
  if (m === undefined) {
    throw new RangeError(`unknown GPU model "${key}" (known: ${GPU_MODEL_KEYS.join(', ')})`);
  }
  return m;
}

/** MIG profiles per GPU memory class: name → memory MiB and SM share. */
export const MIG_PROFILES: Readonly<Record<string, { memoryMiB: number; smShare: number }>> = {
  '1g.10gb': { memoryMiB: 9856, smShare: 1 / 7 },
  '2g.20gb': { memoryMiB: 19968, smShare: 2 / 7 },
  '3g.40gb': { memoryMiB: 40192, smShare: 3 / 7 },
  '7g.80gb': { memoryMiB: 80896, smShare: 1 },
  '1g.18gb': { memoryMiB: 16384, smShare: 1 / 7 },
  '3g.71gb': { memoryMiB: 71424, smShare: 3 / 7 },
};
