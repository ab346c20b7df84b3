import { setTimeout as sleep } from 'node:timers/promises';
import type { Fetch } from '../http.js';
import { sameUri } from '../targets/uri.js';
import { fileSize, parseLogFailures, readSince } from './gateway-log.js';
import { diffSnapshots, scrapeGatewayMetrics, type MetricsSnapshot } from './gateway-metrics.js';

/**
 * What a client of a stock go-livepeer gateway can learn about who handled
 * its request: the gateway's /metrics (latency score per serving
 * orchestrator, transport errors per orchestrator) and its log (every
 * failed attempt with the orchestrator and the error). A window spans one
 * request; the runner never has two requests for the same model in flight
 * on one gateway, so what changed in the window is that request's.
 */
export interface AttemptFailure {
  readonly uri: string;
  readonly message: string;
}

export interface Evidence {
  /** Addresses of orchestrators the gateway recorded a success for; null when it cannot tell. */
  readonly served: readonly string[] | null;
  /** Failed attempts, in order, from the log (or /metrics when no log is configured). */
  readonly failures: readonly AttemptFailure[];
}

export interface EvidenceWindow {
  close(options?: { expectFailure?: boolean }): Promise<Evidence>;
}

export interface EvidenceSourceOptions {
  readonly cliUrl: string | null;
  readonly logFile: string | null;
  readonly fetch: Fetch;
  /** Resolves a service URI to an address (the metric may carry only the URI). */
  readonly addressOfUri: (uri: string) => string | null;
  /** Wall time to wait for a log line of a failure to be written. Default 200 ms. */
  readonly logGraceMs?: number;
}

export class EvidenceSource {
  constructor(private readonly options: EvidenceSourceOptions) {}

  async open(model: string): Promise<EvidenceWindow> {
    const { cliUrl, logFile, fetch } = this.options;
    const before: MetricsSnapshot | null =
      cliUrl === null ? null : await scrapeGatewayMetrics(fetch, cliUrl);
    const offset = logFile === null ? null : ((await fileSize(logFile)) ?? 0);
    return {
      close: async (opts = {}) => {
        const after =
          cliUrl === null || before === null ? null : await scrapeGatewayMetrics(fetch, cliUrl);
        const diff = before !== null && after !== null ? diffSnapshots(before, after, model) : null;
        let failures: AttemptFailure[] = [];
        if (logFile !== null && offset !== null) {
          failures = parseLogFailures(await readSince(logFile, offset), model);
          if (failures.length === 0 && opts.expectFailure === true) {
            await sleep(this.options.logGraceMs ?? 200);
            failures = parseLogFailures(await readSince(logFile, offset), model);
          }
        } else if (diff !== null) {
          failures = diff.failures.map((f) => ({ uri: f.uri, message: f.message }));
        }
        const served =
          diff === null
            ? null
            : [
                ...new Set(
                  diff.served
                    .map((o) => o.address ?? this.options.addressOfUri(o.uri))
                    .filter((a): a is string => a !== null),
                ),
              ];
        return { served, failures };
      },
    };
  }
}

/** The failures of `evidence` that name the orchestrator at `uri`. */
export function failuresOf(evidence: Evidence, uri: string): AttemptFailure[] {
  return evidence.failures.filter((f) => sameUri(f.uri, uri));
}
