import { INPUTS_V1 } from '../../analytics/schema/input-layout.js';
import { inputStatements } from '../../analytics/schema/inputs-ddl.js';
import { streamStatements } from '../../analytics/schema/streams-ddl.js';
import type { Migration } from './types.js';

export const slaInputs: Migration = {
  id: 3,
  name: 'hourly and daily SLA input tables and per-stream FPS moments, fed by views on the raw tables',
  statements: (ctx) => [
    ...inputStatements(ctx, ctx.ttlDays.hour, INPUTS_V1),
    ...streamStatements(ctx, ctx.ttlDays.hour),
  ],
};
