import { gpusDailyStatements } from '../../analytics/schema/gpus-daily-ddl.js';
import type { Migration } from './types.js';

export const gpusDaily: Migration = {
  id: 11,
  name: 'GPUs seen per day with their hours, cascaded from the hourly GPU table (filled from it once)',
  statements: (ctx) => gpusDailyStatements(ctx, ctx.ttlDays.hour),
};
