import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The collector's own Prometheus metrics (`GET /metrics`). */
export class SelfMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'naap_collector_requests_total',
    help: 'OTLP requests by signal and HTTP status',
    labelNames: ['signal', 'status'] as const,
    registers: [this.registry],
  });
  readonly accepted = new Counter({
    name: 'naap_collector_points_accepted_total',
    help: 'data points and log records accepted, by signal',
    labelNames: ['signal'] as const,
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'naap_collector_points_rejected_total',
    help: 'data points and log records refused, by signal and reason',
    labelNames: ['signal', 'reason'] as const,
    registers: [this.registry],
  });
  readonly requestBytes = new Histogram({
    name: 'naap_collector_request_body_bytes',
    help: 'decompressed OTLP request body sizes',
    buckets: [1024, 16_384, 131_072, 1_048_576, 8_388_608, 67_108_864],
    registers: [this.registry],
  });

  constructor(pipelineStats: () => Readonly<Record<string, number | boolean | null>>) {
    const gauge = (name: string, help: string, key: string): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect(this: Gauge) {
          const v = pipelineStats()[key];
          this.set(typeof v === 'number' ? v : v === true ? 1 : 0);
        },
      });
    };
    gauge(
      'naap_collector_pending_rows',
      'rows buffered in memory, waiting for their INSERT',
      'pendingRows',
    );
    gauge('naap_collector_spool_bytes', 'bytes held in the on-disk spool', 'spoolBytes');
    gauge('naap_collector_spool_files', 'batches held in the on-disk spool', 'spoolFiles');
    gauge('naap_collector_inserted_rows', 'rows inserted into storage since start', 'insertedRows');
    gauge('naap_collector_inserted_batches', 'INSERTs since start', 'insertedBatches');
    gauge('naap_collector_failed_inserts', 'INSERTs that failed since start', 'failedInserts');
    gauge(
      'naap_collector_last_insert_duration_ms',
      'duration of the last INSERT',
      'lastInsertDurationMs',
    );
    gauge('naap_collector_storage_healthy', '1 when the last INSERT succeeded', 'storageHealthy');
  }
}
