import { TOKENS_TABLE, tokensTableSpec } from '../../auth/token-table.js';
import { createTable } from '../schema/ddl.js';
import type { Migration } from './types.js';

export const tokens: Migration = {
  id: 9,
  name: `stored bearer tokens (${TOKENS_TABLE}): enrollment, tokens CLI, admin API`,
  statements: (ctx) => createTable(ctx, tokensTableSpec),
};
