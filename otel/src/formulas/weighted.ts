/**
 * Weighted mean over the inputs that apply. Inputs that do not apply (null)
 * drop out and the remaining weights renormalise (metrics.md §4). Returns the
 * value and the effective weight of each input; null when none applies.
 */
export function renormalized<K extends string>(
  parts: Readonly<Record<K, { readonly weight: number; readonly value: number | null }>>,
): { value: number; weights: Record<K, number> } | null {
  const keys = Object.keys(parts) as K[];
  const present = keys.filter((k) => parts[k].value !== null);
  const total = present.reduce((sum, k) => sum + parts[k].weight, 0);
  if (present.length === 0 || total <= 0) return null;
  const weights = {} as Record<K, number>;
  let value = 0;
  for (const k of keys) {
    const part = parts[k];
    const w = part.value === null ? 0 : part.weight / total;
    weights[k] = w;
    value += w * (part.value ?? 0);
  }
  return { value, weights };
}
