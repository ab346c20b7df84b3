/**
 * Child process of crash.int.test.ts (write-ahead log), killed with SIGKILL:
 *
 *   node --import tsx test-crash-child.ts <dir>
 *
 * Storage is down (every INSERT throws): accepts numbered text rows as fast as
 * it can and prints `ack <first> <count>` as soon as an accept resolved.
 * Pipes are synchronous on Linux: a line is in the pipe before the next step.
 */
import { LogPipeline } from './log-pipeline.js';

const [dir] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: test-crash-child.ts <dir>');

const pipeline = new LogPipeline({
  dir,
  maxLogBytes: 1 << 30,
  insertFile: () => Promise.reject(new Error('storage down')),
  insert: () => Promise.reject(new Error('storage down')),
  maxBatchRows: 40,
  maxBatchDelayMs: 2,
  retryDelayMs: 60_000,
});
await pipeline.start();

let next = 0;
for (;;) {
  const first = next;
  const count = 1 + (first % 13);
  next += count;
  const rows = Array.from({ length: count }, (_, i) => `${first + i}\t${'x'.repeat(50)}\n`);
  void pipeline.accept(new Map([['t', rows]])).then(() => {
    process.stdout.write(`ack ${first} ${count}\n`);
  });
  await new Promise((resolve) => setImmediate(resolve));
}
