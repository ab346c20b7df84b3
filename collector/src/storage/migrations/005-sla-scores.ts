import { INPUTS_V1 } from '../../analytics/schema/input-layout.js';
import { scoreStatements } from '../../analytics/schema/score-ddl.js';
import type { Migration } from './types.js';

export const slaScores: Migration = {
  id: 5,
  name: 'stored SLA scores, cohorts, touched hours and the scorer watermark',
  statements: (ctx) => scoreStatements(ctx, ctx.ttlDays.hour, INPUTS_V1),
};
