import { spanStatements } from '../../analytics/schema/spans-ddl.js';
import type { Migration } from './types.js';

export const slaInputSpans: Migration = {
  id: 16,
  name: 'SLA inputs of whole rolling windows (24 h, 7 d, 30 d), merged by the scorer, with a table of complete spans',
  statements: (ctx) => spanStatements(ctx),
};
