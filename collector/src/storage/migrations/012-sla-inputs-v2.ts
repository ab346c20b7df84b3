import { inputsV2Statements } from '../../analytics/schema/inputs-v2-ddl.js';
import type { Migration } from './types.js';

export const slaInputsV2: Migration = {
  id: 12,
  name: 'SLA input tables with bfloat16 quantile states (filled from the t-digest tables once), views moved onto them',
  statements: (ctx) => inputsV2Statements(ctx, ctx.ttlDays.hour),
};
