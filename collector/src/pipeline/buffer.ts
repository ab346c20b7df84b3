import { randomUUID } from 'node:crypto';
import type { Ticket } from './ticket.js';
import type { Row } from './types.js';

/** One batch of one table: a single INSERT, or a single spool record. */
export interface Part {
  /** Stable batch id (InsertBatch.id). */
  readonly id: string;
  readonly table: string;
  readonly rows: Row[];
  bytes: number;
  /** Callers with rows in this part (each at most once). */
  readonly tickets: Ticket[];
}

interface Segment {
  rows: readonly Row[];
  bytes: number;
  readonly ticket: Ticket;
}

/** The rows of one table waiting for a flush, in order of acceptance. */
export class TableBuffer {
  rows = 0;
  bytes = 0;
  /** Clock time at which the oldest buffered row arrived (upper bound); null when empty. */
  since: number | null = null;
  private segments: Segment[] = [];

  constructor(readonly table: string) {}

  push(rows: readonly Row[], bytes: number, ticket: Ticket, now: number): void {
    this.segments.push({ rows, bytes, ticket });
    this.rows += rows.length;
    this.bytes += bytes;
    this.since ??= now;
  }

  /** Removes and returns the oldest `maxRows` rows at most, splitting a segment when needed. */
  take(maxRows: number): Part {
    const part: Part = { id: randomUUID(), table: this.table, rows: [], bytes: 0, tickets: [] };
    let used = 0;
    for (const seg of this.segments) {
      const room = maxRows - part.rows.length;
      if (room <= 0) break;
      if (seg.rows.length <= room) {
        appendRows(part, seg.rows, seg.bytes, seg.ticket);
        used += 1;
      } else {
        const headBytes = Math.round((seg.bytes * room) / seg.rows.length);
        appendRows(part, seg.rows.slice(0, room), headBytes, seg.ticket);
        seg.rows = seg.rows.slice(room);
        seg.bytes -= headBytes;
        seg.ticket.addPiece(); // the remainder stays behind as a piece of its own
      }
    }
    this.segments = this.segments.slice(used);
    this.rows -= part.rows.length;
    this.bytes -= part.bytes;
    if (this.rows === 0) this.since = null;
    return part;
  }
}

function appendRows(part: Part, rows: readonly Row[], bytes: number, ticket: Ticket): void {
  for (const row of rows) part.rows.push(row);
  part.bytes += bytes;
  part.tickets.push(ticket);
}
