/** Units nvidia-smi appends to values (`214 MiB`) and headers (`memory.used [MiB]`). */
export type Unit = '' | '%' | 'MiB' | 'W' | 'MHz';

/** One property a `--query-*` switch accepts. */
export interface QueryField<R> {
  /** Canonical name: what the header prints whichever alias was asked for. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly unit: Unit;
  /** The value without its unit; null prints `[N/A]`. */
  readonly value: (row: R) => string | null;
}

/** Fields resolved from a `--query-*=a,b,c` list, or the first name no field has. */
export type FieldLookup<R> =
  | { readonly ok: true; readonly fields: readonly QueryField<R>[] }
  | { readonly ok: false; readonly unknown: string };

/** Resolves the requested names (canonical or alias, exact spelling) in order. */
export function resolveFields<R>(
  registry: readonly QueryField<R>[],
  names: readonly string[],
): FieldLookup<R> {
  const fields: QueryField<R>[] = [];
  for (const name of names) {
    const field = registry.find((f) => f.name === name || f.aliases.includes(name));
    if (field === undefined) return { ok: false, unknown: name };
    fields.push(field);
  }
  return { ok: true, fields };
}

/** Whole number as nvidia-smi prints MiB, %, MHz and °C. */
export const int = (n: number | null): string | null => (n === null ? null : String(Math.round(n)));

/** Watts with two decimals, as real drivers print power (`39.32`, `700.00`). */
export const watts = (n: number | null): string | null => (n === null ? null : n.toFixed(2));

/** A 64-bit bitmask as nvidia-smi prints it: `0x0000000000000004`. */
export const hex64 = (n: number): string =>
  `0x${Math.trunc(n).toString(16).toUpperCase().padStart(16, '0')}`;
