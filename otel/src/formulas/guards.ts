/**
 * Input checks shared by the formulas. Formulas reject NaN, infinities and
 * negative values with a RangeError naming the input, rather than returning a
 * silently wrong figure.
 */
export function finite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function nonNegative(name: string, value: number): number {
  if (finite(name, value) < 0) throw new RangeError(`${name} must be ≥ 0, got ${value}`);
  return value;
}

export function count(name: string, value: number): number {
  if (!Number.isInteger(nonNegative(name, value))) {
    throw new RangeError(`${name} must be a whole number, got ${value}`);
  }
  return value;
}

export function ratio(name: string, value: number): number {
  if (nonNegative(name, value) > 1)
    throw new RangeError(`${name} must be within 0–1, got ${value}`);
  return value;
}

export function notAbove(name: string, value: number, limitName: string, limit: number): number {
  if (value > limit) {
    throw new RangeError(`${name} (${value}) must not exceed ${limitName} (${limit})`);
  }
  return value;
}

export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
