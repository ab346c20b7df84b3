import { hashKey } from '../../core/rng.js';
import { GO_VERSION } from './identity.js';
import type { Family } from './prometheus.js';

/**
 * The client_golang Go and process collectors go-livepeer registers beside
 * its census views (census.go builds the exporter's registry with
 * NewProcessCollector and NewGoCollector): always present, no `livepeer_`
 * prefix, no node labels. HELP texts are client_golang v1.14's.
 */

const gauge = (name: string, help: string, value: number, labels = {}): Family => ({
  name,
  help,
  type: 'gauge',
  samples: [{ name, labels, value }],
});

const counter = (name: string, help: string, value: number): Family => ({
  name,
  help,
  type: 'counter',
  samples: [{ name, labels: {}, value }],
});

function gcSummary(uptimeS: number): Family {
  const name = 'go_gc_duration_seconds';
  const count = Math.floor(uptimeS / 45);
  const q = [0.000021, 0.000034, 0.000047, 0.000071, 0.0021];
  return {
    name,
    help: 'A summary of the pause duration of garbage collection cycles.',
    type: 'summary',
    samples: [
      ...['0', '0.25', '0.5', '0.75', '1'].map((quantile, i) => ({
        name,
        labels: { quantile },
        value: count === 0 ? 0 : (q[i] ?? 0),
      })),
      { name: `${name}_sum`, labels: {}, value: Math.round(count * 0.000061 * 1e6) / 1e6 },
      { name: `${name}_count`, labels: {}, value: count },
    ],
  };
}

/** Go runtime and process families of a node started at `startMs`, at `atMs`. */
export function processFamilies(
  nodeId: string,
  startMs: number,
  atMs: number,
  busy: number,
): Family[] {
  const uptimeS = Math.max(0, (atMs - startMs) / 1000);
  const wobble = (hashKey([nodeId, Math.floor(atMs / 15_000)]) % 1000) / 1000;
  const heap = Math.round(48e6 + busy * 6e6 + wobble * 8e6);
  return [
    gcSummary(uptimeS),
    gauge(
      'go_goroutines',
      'Number of goroutines that currently exist.',
      180 + busy * 9 + Math.round(wobble * 12),
    ),
    gauge('go_info', 'Information about the Go environment.', 1, { version: GO_VERSION }),
    gauge('go_memstats_alloc_bytes', 'Number of bytes allocated and still in use.', heap),
    gauge('go_memstats_heap_alloc_bytes', 'Number of heap bytes allocated and still in use.', heap),
    gauge('go_threads', 'Number of OS threads created.', 38),
    counter(
      'process_cpu_seconds_total',
      'Total user and system CPU time spent in seconds.',
      Math.round(uptimeS * 4.2) / 100,
    ),
    gauge('process_max_fds', 'Maximum number of open file descriptors.', 1048576),
    gauge('process_open_fds', 'Number of open file descriptors.', 41 + busy * 2),
    gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', heap + 61_440_000),
    gauge(
      'process_start_time_seconds',
      'Start time of the process since unix epoch in seconds.',
      Math.floor(startMs / 10) / 100,
    ),
    gauge('process_virtual_memory_bytes', 'Virtual memory size in bytes.', 2_861_596_672),
    gauge(
      'process_virtual_memory_max_bytes',
      'Maximum amount of virtual memory available in bytes.',
      1.8446744073709552e19,
    ),
  ];
}
