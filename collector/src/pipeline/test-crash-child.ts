/**
 * Child process of crash.int.test.ts, killed with SIGKILL by the parent.
 *
 *   node --import tsx test-crash-child.ts <spool dir> accept
 *     Storage is down (every insert throws): accepts numbered rows as fast as
 *     it can, so everything goes to the spool, and prints `ack <first> <count>`
 *     as soon as an accept resolved.
 *   node --import tsx test-crash-child.ts <spool dir> replay
 *     Storage is up: replays the spool, printing `ins <first> <count>` for each
 *     INSERT it completes.
 *
 * Pipes are synchronous on Linux: a line is in the pipe before the next step.
 */
import { IngestPipeline } from './pipeline.js';
import { seqOf } from './test-helpers.js';
import type { Row } from './types.js';

const [dir, mode] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: test-crash-child.ts <spool dir> accept|replay');

function report(word: string, rows: readonly Row[]): void {
  process.stdout.write(`${word} ${seqOf(rows[0])} ${rows.length}\n`);
}

const pipeline = new IngestPipeline({
  insert: (_table, rows) => {
    if (mode === 'accept') return Promise.reject(new Error('storage down'));
    report('ins', rows);
    return Promise.resolve();
  },
  spool: { dir, maxBytes: 1 << 30 },
  maxBatchRows: 40,
  maxBatchDelayMs: 2,
  retryDelayMs: 60_000,
});
await pipeline.start();

let next = 0;
while (mode === 'accept') {
  const first = next;
  const count = 1 + (first % 13);
  next += count;
  const rows = Array.from({ length: count }, (_, i) => ({ seq: first + i, pad: 'x'.repeat(50) }));
  void pipeline.accept(new Map([['t', rows]])).then(() => {
    report('ack', rows);
  });
  await new Promise((resolve) => setImmediate(resolve));
}
