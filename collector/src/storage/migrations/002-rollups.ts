import { rollupStatements } from '../rollups/ddl.js';
import type { Migration } from './types.js';

export const rollups: Migration = {
  id: 2,
  name: 'per-minute and per-hour rollups of gauges, sums and delta histograms',
  statements: (ctx) => rollupStatements(ctx, ctx.ttlDays),
};
