import { rawTables } from './001-raw-tables.js';
import { rollups } from './002-rollups.js';
import { tokens } from './009-tokens.js';
import type { Migration } from './types.js';

/** Every migration, in order. Append only: never renumber or edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [rawTables, rollups, tokens];

export type { Migration, MigrationContext } from './types.js';
