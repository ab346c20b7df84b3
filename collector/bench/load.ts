/**
 * The load: N concurrent OTLP/HTTP clients posting prepared gzip protobuf
 * bodies over keep-alive connections, each request once (429/503 are retried
 * after Retry-After, as the OTLP exporters do). A 200 from the collector means
 * every row of the request was inserted (or spooled), so when the last
 * response is in, every point is in storage.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { BenchRequest, Orchestrator } from './payload.js';

export interface LoadResult {
  readonly requests: number;
  readonly points: number;
  readonly wallSeconds: number;
  /** Responses that asked to retry later (429/503), each retried. */
  readonly retries: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

interface Response {
  readonly status: number;
  readonly retryAfterSeconds: number;
  readonly body: string;
}

const REQUEST_TIMEOUT_MS = 60_000;
const MAX_RETRIES = 20;

function post(url: URL, agent: Agent, token: string, body: Buffer): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-protobuf',
          'content-encoding': 'gzip',
          'content-length': body.length,
          authorization: `Bearer ${token}`,
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const retryAfter = Number(res.headers['retry-after'] ?? '1');
          resolve({
            status: res.statusCode ?? 0,
            retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : 1,
            body: Buffer.concat(chunks).toString('latin1'),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no response in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Sends every request once, `clients` at a time; throws on the first non-retryable failure. */
export async function runLoad(
  baseUrl: string,
  requests: readonly BenchRequest[],
  orchestrators: readonly Orchestrator[],
  clients: number,
): Promise<LoadResult> {
  const url = new URL('/v1/metrics', baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let nextIndex = 0;
  let retries = 0;
  let points = 0;
  const send = async (): Promise<void> => {
    for (let i = nextIndex++; i < requests.length; i = nextIndex++) {
      const r = requests[i];
      const token = r === undefined ? undefined : orchestrators[r.orchestrator]?.token;
      if (r === undefined || token === undefined) throw new Error(`request ${i} has no token`);
      for (let attempt = 0; ; attempt++) {
        const started = performance.now();
        const res = await post(url, agent, token, r.body);
        if (res.status === 200) {
          latencies.push(performance.now() - started);
          points += r.points;
          break;
        }
        if ((res.status === 429 || res.status === 503) && attempt < MAX_RETRIES) {
          retries++;
          await sleep(Math.min(5, res.retryAfterSeconds) * 1000);
          continue;
        }
        throw new Error(`request ${i}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
      }
    }
  };
  const client = async (): Promise<void> => {
    try {
      await send();
    } catch (err) {
      nextIndex = requests.length; // the other clients stop after their current request
      throw err;
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: clients }, client));
  } finally {
    agent.destroy();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: requests.length,
    points,
    wallSeconds,
    retries,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? 0,
    },
  };
}
