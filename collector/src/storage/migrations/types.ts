import type { DdlOptions } from '../schema/ddl.js';

/** Settings a migration's DDL depends on. */
export interface MigrationContext extends DdlOptions {
  readonly ttlDays: { readonly raw: number; readonly minute: number; readonly hour: number };
}

/**
 * One numbered schema step. Its statements must be idempotent
 * (`CREATE … IF NOT EXISTS`), so re-running after a crash is harmless.
 */
export interface Migration {
  readonly id: number;
  readonly name: string;
  statements(ctx: MigrationContext): readonly string[];
}
