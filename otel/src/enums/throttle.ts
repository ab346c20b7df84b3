/**
 * GPU clocks-event ("throttle") reasons, as NVML encodes them in
 * `clocks_event_reasons.active` (older drivers: `clocks_throttle_reasons.active`),
 * which nvidia-smi prints as a hex bitmask such as `0x0000000000000004`.
 */
export const THROTTLE_REASONS = [
  { bit: 0x1, name: 'gpu_idle' },
  { bit: 0x2, name: 'applications_clocks_setting' },
  { bit: 0x4, name: 'sw_power_cap' },
  { bit: 0x8, name: 'hw_slowdown' },
  { bit: 0x10, name: 'sync_boost' },
  { bit: 0x20, name: 'sw_thermal_slowdown' },
  { bit: 0x40, name: 'hw_thermal_slowdown' },
  { bit: 0x80, name: 'hw_power_brake_slowdown' },
  { bit: 0x100, name: 'display_clock_setting' },
] as const;

export type ThrottleReason = (typeof THROTTLE_REASONS)[number]['name'];

export const THROTTLE_REASON_NAMES: readonly ThrottleReason[] = THROTTLE_REASONS.map((x) => x.name);

/**
 * Parses nvidia-smi's bitmask (`0x…` hex, or decimal) into a number; null
 * for sentinels such as `[N/A]` or anything malformed.
 */
export function parseThrottleBitmask(text: string): number | null {
  const t = text.trim();
  let value: number;
  if (/^0x[0-9a-f]{1,16}$/i.test(t)) value = Number.parseInt(t.slice(2), 16);
  else if (/^\d{1,16}$/.test(t)) value = Number(t);
  else return null;
  return Number.isSafeInteger(value) ? value : null;
}

/** The names of the reasons set in `bitmask`, in bit order; unknown bits ignored. */
export function decodeThrottleReasons(bitmask: number): ThrottleReason[] {
  if (!Number.isSafeInteger(bitmask) || bitmask < 0) {
    throw new RangeError(`throttle bitmask must be a non-negative integer, got ${bitmask}`);
  }
  // Bits above 2^31 are not reasons NVML defines; bitwise ops stay in 32 bits.
  const low = bitmask % 2 ** 32;
  return THROTTLE_REASONS.filter((x) => (low & x.bit) !== 0).map((x) => x.name);
}
