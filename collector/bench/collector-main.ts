/**
 * The collector under test, in its own process: `startCollector` with the
 * flags it is given (argv), controlled by the benchmark over IPC. Run by
 * `collector-process.ts`; not meant to be started by hand.
 */
import { pino } from 'pino';
import { loadConfig } from '../src/config/resolve.js';
import { startCollector } from '../src/service.js';
import type { ChildReply, ChildRequest } from './collector-process.js';

function send(reply: ChildReply): void {
  if (process.connected) process.send?.(reply);
}

function disconnect(): void {
  if (process.connected) process.disconnect();
}

async function main(): Promise<void> {
  if (process.send === undefined) throw new Error('collector-main.ts runs under the benchmark');
  const config = await loadConfig(process.argv.slice(2), {});
  const collector = await startCollector(config, pino({ level: config.logLevel }));
  const { store } = collector;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= collector.close().finally(disconnect));
  process.on('disconnect', () => void stop());
  process.on('message', (message: ChildRequest) => {
    void (async () => {
      switch (message.type) {
        case 'usage': {
          const cpu = process.cpuUsage();
          const memory = process.memoryUsage();
          send({
            type: 'usage',
            cpuSeconds: (cpu.user + cpu.system) / 1e6,
            maxRssBytes: process.resourceUsage().maxRSS * 1024,
            rssBytes: memory.rss,
            heapBytes: memory.heapTotal,
          });
          break;
        }
        case 'count': {
          const rs = await store.client.query({
            query: `SELECT count() AS n FROM ${store.table(message.table)}`,
            format: 'JSONEachRow',
          });
          const [row] = await rs.json<{ n: string | number }>();
          send({ type: 'count', rows: Number(row?.n ?? 0) });
          break;
        }
        case 'flush':
          await collector.pipeline.flush();
          send({ type: 'flushed' });
          break;
        case 'stop':
          await stop();
          break;
      }
    })().catch((err: unknown) => {
      send({ type: 'error', message: String(err) });
    });
  });
  send({ type: 'ready', url: collector.url });
}

main().catch((err: unknown) => {
  console.error('collector-main:', err);
  process.exitCode = 1;
  disconnect();
});
