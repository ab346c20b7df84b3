/** One row: a TabSeparated line, newline-terminated, in its table's column order. */
export type Row = string;

/** Rows per table, and what was refused (for OTLP partial success). */
export interface MappedBatch {
  readonly tables: Map<string, Row[]>;
  readonly accepted: number;
  readonly rejected: number;
  readonly reasons: readonly string[];
}

/** Collects the rows of one request and its refusals (the first five reasons). */
export class BatchBuilder {
  readonly tables = new Map<string, Row[]>();
  accepted = 0;
  rejected = 0;
  readonly reasons = new Set<string>();

  push(table: string, row: Row): void {
    let rows = this.tables.get(table);
    if (rows === undefined) this.tables.set(table, (rows = []));
    rows.push(row);
    this.accepted++;
  }

  reject(n: number, reason: string): void {
    this.rejected += n;
    if (this.reasons.size < 5) this.reasons.add(reason);
  }

  result(): MappedBatch {
    return {
      tables: this.tables,
      accepted: this.accepted,
      rejected: this.rejected,
      reasons: [...this.reasons],
    };
  }
}

/** DateTime64(9) ends in 2262. */
export const MAX_NANOS = 9_223_372_036_854_775_807n;
