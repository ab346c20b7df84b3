import { dropGpusDailyV1Statements } from '../../analytics/schema/gpus-daily-ddl.js';
import type { Migration } from './types.js';

export const dropGpusDailyV1: Migration = {
  id: 15,
  name: 'drop the daily GPU table with hour sets (replaced by migration 14)',
  statements: (ctx) => dropGpusDailyV1Statements(ctx),
};
