import { TableBuffer } from './buffer.js';
import type { Part } from './buffer.js';
import type { Ticket } from './ticket.js';
import type { Row } from './types.js';

/** The rows of one table in one accept() call, with their JSON size estimate. */
export interface Entry {
  readonly table: string;
  readonly rows: readonly Row[];
  readonly bytes: number;
}

export interface BatchRules {
  readonly maxBatchRows: number;
  readonly maxBatchDelayMs: number;
}

/**
 * Per-table buffers and the batching rules: a table is due when it holds a
 * full batch (maxBatchRows) or when its oldest row has waited maxBatchDelayMs.
 * Also counts every row held in memory, buffered or in flight, until the part
 * carrying it is released.
 */
export class Batcher {
  heldRows = 0;
  heldBytes = 0;
  private readonly buffers = new Map<string, TableBuffer>();

  constructor(private readonly rules: BatchRules) {}

  /** Buffers the entries of one call; the ticket gets one piece per entry. */
  add(entries: readonly Entry[], ticket: Ticket, now: number): void {
    for (const { table, rows, bytes } of entries) {
      let buffer = this.buffers.get(table);
      if (buffer === undefined) {
        buffer = new TableBuffer(table);
        this.buffers.set(table, buffer);
      }
      ticket.addPiece();
      buffer.push(rows, bytes, ticket, now);
      this.heldRows += rows.length;
      this.heldBytes += bytes;
    }
  }

  /** Rows buffered and not yet taken by a flush. */
  bufferedRows(): number {
    let rows = 0;
    for (const buffer of this.buffers.values()) rows += buffer.rows;
    return rows;
  }

  /** Whether some table holds a full batch. */
  sizeDue(): boolean {
    for (const buffer of this.buffers.values()) {
      if (buffer.rows >= this.rules.maxBatchRows) return true;
    }
    return false;
  }

  /** When the next table falls due by age; null when nothing is buffered. */
  nextDeadline(): number | null {
    let first: number | null = null;
    for (const { since } of this.buffers.values()) {
      if (since !== null && (first === null || since < first)) first = since;
    }
    return first === null ? null : first + this.rules.maxBatchDelayMs;
  }

  /**
   * Takes the due batches, grouped by table, oldest rows first: every row of a
   * table due by age (or of every table when `all`), and the full batches of
   * the others, whose remainder keeps waiting.
   */
  drain(now: number, all: boolean): Part[] {
    const parts: Part[] = [];
    const max = this.rules.maxBatchRows;
    for (const buffer of this.buffers.values()) {
      const aged = buffer.since !== null && now - buffer.since >= this.rules.maxBatchDelayMs;
      const takeAll = all || aged;
      while (buffer.rows > 0 && (takeAll || buffer.rows >= max)) parts.push(buffer.take(max));
    }
    return parts;
  }

  /** The part's rows leave memory (inserted, spooled or failed). */
  release(part: Part): void {
    this.heldRows -= part.rows.length;
    this.heldBytes -= part.bytes;
  }
}
