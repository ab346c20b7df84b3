import { dropInputsV1Statements } from '../../analytics/schema/inputs-v2-ddl.js';
import type { Migration } from './types.js';

export const dropSlaInputsV1: Migration = {
  id: 13,
  name: 'drop the SLA input tables with t-digest states (replaced by migration 12)',
  statements: (ctx) => dropInputsV1Statements(ctx),
};
