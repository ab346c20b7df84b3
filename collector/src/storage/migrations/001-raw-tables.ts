import { rawLogsTable, rawMetricTables } from '../schema/raw-tables.js';
import type { Migration } from './types.js';

export const rawTables: Migration = {
  id: 1,
  name: 'raw OTLP tables (OpenTelemetry Collector ClickHouse exporter layout)',
  statements: (ctx) => [
    ...rawMetricTables(ctx, ctx.ttlDays.raw),
    ...rawLogsTable(ctx, ctx.ttlDays.raw),
  ],
};
