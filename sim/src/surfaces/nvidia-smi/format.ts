import type { ComputeApp } from './compute-apps.js';
import { NA } from './driver.js';
import type { QueryField } from './field.js';
import type { GpuRow } from './gpu-fields.js';

/** The options of `--format=csv[,noheader][,nounits]`. */
export interface CsvFormat {
  /** Print the header line (absent with `noheader`). */
  readonly header: boolean;
  /** Append units to values (absent with `nounits`; headers keep theirs). */
  readonly units: boolean;
}

/** `[N/A]` and text print as they are; numbers get ` <unit>` unless `nounits`. */
export function formatValue<R>(field: QueryField<R>, row: R, units: boolean): string {
  const value = field.value(row);
  if (value === null) return NA;
  return units && field.unit !== '' ? `${value} ${field.unit}` : value;
}

/** The header line: canonical names, with `[unit]` after those that have one. */
export function formatHeader<R>(fields: readonly QueryField<R>[]): string {
  return fields.map((f) => (f.unit === '' ? f.name : `${f.name} [${f.unit}]`)).join(', ');
}

/** CSV as nvidia-smi writes it: `", "` between values, `\n` after every line. */
export function formatCsv<R>(
  rows: readonly R[],
  fields: readonly QueryField<R>[],
  format: CsvFormat,
): string {
  const lines = rows.map((row) => fields.map((f) => formatValue(f, row, format.units)).join(', '));
  if (format.header) lines.unshift(formatHeader(fields));
  return lines.map((line) => `${line}\n`).join('');
}

/** `--query-gpu` output: one line per board. */
export function formatQueryGpu(
  rows: readonly GpuRow[],
  fields: readonly QueryField<GpuRow>[],
  format: CsvFormat,
): string {
  return formatCsv(rows, fields, format);
}

/** `--query-compute-apps` output: one line per process (only the header when there are none). */
export function formatComputeApps(
  apps: readonly ComputeApp[],
  fields: readonly QueryField<ComputeApp>[],
  format: CsvFormat,
): string {
  return formatCsv(apps, fields, format);
}
