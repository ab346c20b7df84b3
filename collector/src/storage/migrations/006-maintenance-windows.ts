import { maintenanceStatements } from '../../analytics/schema/score-ddl.js';
import type { Migration } from './types.js';

export const maintenanceWindows: Migration = {
  id: 6,
  name: 'maintenance windows (excluded from availability and coverage)',
  statements: (ctx) => maintenanceStatements(ctx),
};
