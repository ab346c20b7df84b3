/**
 * The group-commit waiter of one accept() call: its rows may travel in several
 * pieces (one per table, more when a table's rows straddle two batches). The
 * promise resolves once every piece is durable and rejects at the first piece
 * that failed.
 */
export class Ticket {
  readonly promise: Promise<void>;
  private pieces = 0;
  private done = false;
  private resolveFn: () => void = () => undefined;
  private rejectFn: (error: Error) => void = () => undefined;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
  }

  /** One more piece to wait for. */
  addPiece(): void {
    this.pieces += 1;
  }

  /** One piece is durable (error null) or failed. */
  settle(error: Error | null): void {
    this.pieces -= 1;
    if (this.done) return;
    if (error !== null) {
      this.done = true;
      this.rejectFn(error);
    } else if (this.pieces === 0) {
      this.done = true;
      this.resolveFn();
    }
  }
}
