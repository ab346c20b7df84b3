import { gpusDailyV2Statements } from '../../analytics/schema/gpus-daily-ddl.js';
import type { Migration } from './types.js';

export const gpusDailyV2: Migration = {
  id: 14,
  name: 'GPUs seen per day with their hours as a bitmask, cascaded from the hourly GPU table (filled from it once), the view moved onto it',
  statements: (ctx) => gpusDailyV2Statements(ctx, ctx.ttlDays.hour),
};
