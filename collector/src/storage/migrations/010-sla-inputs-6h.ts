import { INPUTS_V1 } from '../../analytics/schema/input-layout.js';
import { sixHourStatements } from '../../analytics/schema/six-hours-ddl.js';
import type { Migration } from './types.js';

export const slaInputsSixHours: Migration = {
  id: 10,
  name: 'SLA inputs per 6 hours, cascaded from the hourly inputs (filled from them once)',
  statements: (ctx) => sixHourStatements(ctx, ctx.ttlDays.hour, INPUTS_V1),
};
