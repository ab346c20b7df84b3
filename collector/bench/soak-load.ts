/**
 * The soak's load: every simulated agent sends what it sampled once per
 * export interval (1 s samples), starting at a random offset, over shared
 * keep-alive connections. A 429/503 is retried after its Retry-After, as the
 * agent's exporter does; every answer is counted, latency measured from the
 * request to its 2xx.
 */
import { Agent, request as httpRequest } from 'node:http';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import type { SoakAgent } from './soak-payload.js';

export interface LoadStats {
  requests: number;
  /** Points in requests answered 2xx, less those refused in partial_success. */
  acceptedPoints: number;
  refusedPoints: number;
  /** Answers by status (429 and 503 included, each retried). */
  statuses: Map<number, number>;
  /** Requests that failed without an answer (timeouts, resets). */
  failures: number;
  /** Request → 2xx, ms. */
  latenciesMs: number[];
  /** Points sampled and sent (answered or not). */
  sampledPoints: number;
  /** Each 2xx: when (performance.now() ms) and the points it accepted. */
  accepted: { at: number; points: number }[];
}

const REQUEST_TIMEOUT_MS = 30_000;

interface Answer {
  readonly status: number;
  readonly retryAfterS: number;
  readonly body: Buffer;
}

function post(url: URL, agent: Agent, token: string, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          'content-type': 'application/x-protobuf',
          'content-encoding': 'gzip',
          'content-length': body.length,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const retry = Number(res.headers['retry-after'] ?? '1');
          resolve({
            status: res.statusCode ?? 0,
            retryAfterS: Number.isFinite(retry) ? retry : 1,
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** rejected_data_points of an ExportMetricsServiceResponse (0 when empty). */
function refusedIn(body: Buffer): number {
  let refused = 0;
  try {
    const outer = new BinaryReader(body);
    while (outer.pos < outer.len) {
      const [no, wire] = outer.tag();
      if (no !== 1) {
        outer.skip(wire);
        continue;
      }
      const inner = new BinaryReader(outer.bytes());
      while (inner.pos < inner.len) {
        const [f, w] = inner.tag();
        if (f === 1) refused = Number(inner.int64());
        else inner.skip(w);
      }
    }
  } catch {
    // not a response body: nothing refused that we can tell
  }
  return refused;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs every agent until `endAt` (ms, performance.now() clock): samples each
 * second, sends every `exportIntervalMs`; in-flight requests finish after.
 */
export async function runSoakLoad(
  baseUrl: string,
  agents: readonly SoakAgent[],
  o: { readonly exportIntervalMs: number; readonly endAt: number; readonly maxSockets: number },
  stats: LoadStats,
): Promise<void> {
  const url = new URL('/v1/metrics', baseUrl);
  const http = new Agent({ keepAlive: true, maxSockets: o.maxSockets });
  const samplesPerRequest = Math.max(1, Math.round(o.exportIntervalMs / 1000));
  const send = async (a: SoakAgent, body: Buffer, points: number): Promise<void> => {
    for (;;) {
      const started = performance.now();
      let answer: Answer;
      try {
        answer = await post(url, http, a.orchestrator.token, body);
      } catch {
        stats.failures++;
        await sleep(1000);
        continue;
      }
      stats.requests++;
      stats.statuses.set(answer.status, (stats.statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 200 && answer.status < 300) {
        stats.latenciesMs.push(performance.now() - started);
        const refused = refusedIn(answer.body);
        stats.refusedPoints += refused;
        stats.acceptedPoints += points - refused;
        stats.accepted.push({ at: performance.now(), points: points - refused });
        return;
      }
      if (answer.status !== 429 && answer.status !== 503) {
        stats.refusedPoints += points;
        return;
      }
      await sleep(Math.min(30, Math.max(1, answer.retryAfterS)) * 1000);
    }
  };
  const runAgent = async (a: SoakAgent): Promise<void> => {
    // Agents are not in step: each starts at its own offset within the interval.
    await sleep(Math.random() * o.exportIntervalMs);
    let next = performance.now();
    const queue: Promise<void>[] = [];
    while (next < o.endAt) {
      next += o.exportIntervalMs;
      await sleep(Math.max(0, next - performance.now()));
      if (performance.now() >= o.endAt) break;
      const now = Date.now();
      const times = Array.from(
        { length: samplesPerRequest },
        (_, i) => now - (samplesPerRequest - 1 - i) * 1000,
      );
      const { body, points } = a.request(times);
      stats.sampledPoints += points;
      // Ordered delivery, as the agent's buffer: one request at a time per agent.
      const previous = queue.shift() ?? Promise.resolve();
      queue.push(previous.then(() => send(a, body, points)));
    }
    await Promise.all(queue);
  };
  try {
    await Promise.all(agents.map(runAgent));
  } finally {
    http.destroy();
  }
}
