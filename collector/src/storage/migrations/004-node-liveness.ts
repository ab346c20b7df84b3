import { nodeStatements } from '../../analytics/schema/node-ddl.js';
import type { Migration } from './types.js';

export const nodeLiveness: Migration = {
  id: 4,
  name: 'per-minute and per-hour heartbeats, probes and fees; GPUs seen per hour',
  statements: (ctx) => nodeStatements(ctx, { minute: ctx.ttlDays.minute, hour: ctx.ttlDays.hour }),
};
