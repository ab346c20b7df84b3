import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { slaAnalytics } from './analytics/api.js';
import { slaScoreProvider } from './analytics/queries.js';
import { analyticsTtlTargets } from './analytics/schema/ttl.js';
import { SCORER_INTERVAL_MS, startPeriodicScorer } from './analytics/score/job.js';
import { createRepository } from './api/index.js';
import { buildApp } from './app.js';
import { TokenService } from './auth/token-service.js';
import { TokenStore } from './auth/token-store.js';
import { loadTokens } from './auth/tokens.js';
import type { CollectorConfig } from './config/config.js';
import { insertColumns } from './ingest/columns.js';
import { IngestPipeline, LogPipeline, type Pipeline } from './pipeline/index.js';
import { isPermanentStorageError } from './storage/errors.js';
import { insertRows, insertTextFile } from './storage/insert.js';
import { migrationContext, ttlTargets } from './storage/migrations/context.js';
import { applyTtls, migrate } from './storage/migrations/runner.js';
import { openStore, type Store } from './storage/store.js';
import { SelfMetrics } from './telemetry/self-metrics.js';

/** Creates or upgrades the schema and brings TTLs in line with the configuration. */
export async function prepareStorage(
  store: Store,
  config: CollectorConfig,
  log: Logger,
): Promise<void> {
  const report = await migrate(store, migrationContext(config));
  if (report.applied.length > 0) log.info({ applied: report.applied }, 'migrations applied');
  await applyTtls(store, [...ttlTargets(config), ...analyticsTtlTargets(config)]);
}

/** The pipeline in front of the store (batching + spool, or write-ahead log), configured from the collector's settings. */
export function createPipeline(store: Store, config: CollectorConfig, log?: Logger): Pipeline {
  if (config.batching.ack === 'log') {
    return new LogPipeline({
      dir: config.spool.dir,
      maxLogBytes: config.spool.maxBytes,
      insertFile: (table, file) => insertTextFile(store, table, file, insertColumns(table) ?? []),
      insert: (table, rows, batch) =>
        insertRows(store, table, rows, { columns: insertColumns(table), id: batch?.id }),
      maxBatchRows: config.batching.logRows,
      maxBatchDelayMs: config.batching.delayMs,
      maxPendingRows: config.batching.maxPendingRows,
      isPermanentError: isPermanentStorageError,
      ...(log ? { logger: log } : {}),
    });
  }
  return new IngestPipeline({
    // The same id on every attempt of a batch (also after a restart):
    // replicated tables drop a repeated insert.
    insert: (table, rows, batch) =>
      insertRows(store, table, rows, { columns: insertColumns(table), id: batch?.id }),
    maxBatchRows: config.batching.rows,
    maxBatchDelayMs: config.batching.delayMs,
    maxPendingRows: config.batching.maxPendingRows,
    spool:
      config.spool.maxBytes > 0 ? { dir: config.spool.dir, maxBytes: config.spool.maxBytes } : null,
    isPermanentError: isPermanentStorageError,
    ...(log ? { logger: log } : {}),
  });
}

/** A started collector: storage ready, pipeline running, HTTP listening. */
export interface RunningCollector {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly pipeline: Pipeline;
  /** Stored tokens: create, revoke, rotate (the registry follows at once). */
  readonly tokenService: TokenService;
  /** Stops accepting, flushes every buffer into storage (or the spool), closes the store. */
  close(): Promise<void>;
}

export async function startCollector(
  config: CollectorConfig,
  log: Logger,
): Promise<RunningCollector> {
  const tokens = await loadTokens(config.tokensFile);
  const store = await openStore(config);
  await prepareStorage(store, config, log);
  const tokenService = new TokenService(new TokenStore(store), tokens, {
    refreshMs: config.tokenRefreshMs,
    log,
  });
  await tokenService.start();
  if (tokens.size === 0)
    log.warn('no ingest tokens yet (--tokens, tokens create, enrollment): OTLP requests get 401');
  const pipeline = createPipeline(store, config, log);
  await pipeline.start();
  const scorer = startPeriodicScorer(store, { intervalMs: SCORER_INTERVAL_MS, log });
  const metrics = new SelfMetrics(() => ({ ...pipeline.stats() }));
  const app = buildApp(config, {
    tokens,
    tokenService,
    pipeline,
    metrics,
    ready: () => store.ping(),
    api: {
      repository: createRepository(store, config.api.queryTimeoutMs),
      scores: slaScoreProvider(store),
      sla: slaAnalytics(store),
    },
    logger: log,
  });
  const url = await app.listen({ host: config.listen.host, port: config.listen.port });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      await app.close();
      tokenService.stop();
      await pipeline.close();
      await scorer.stop();
      await store.close();
    })());
  return { url, app, store, pipeline, tokenService, close };
}
