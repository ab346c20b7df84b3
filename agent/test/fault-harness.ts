import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ATTR, METRIC } from '@naap/otel';

/**
 * Test support for the agent's fault tests (not a test): an OTLP/JSON
 * receiver standing in for the collector, a go-livepeer /metrics endpoint
 * that can go down and come back on the same port, and the agent as a
 * process (as deployed), exporting OTLP/JSON to the receiver.
 */

interface JsonPoint {
  readonly attributes?: { key: string; value: { stringValue?: string } }[];
  readonly asDouble?: number;
  readonly asInt?: string | number;
}
interface JsonMetric {
  readonly name: string;
  readonly gauge?: { dataPoints: JsonPoint[] };
  readonly sum?: { dataPoints: JsonPoint[]; aggregationTemporality?: number };
  readonly histogram?: { dataPoints: JsonPoint[] };
}
interface JsonRequest {
  readonly resourceMetrics?: { scopeMetrics?: { metrics?: JsonMetric[] }[] }[];
}

/** One data point received: when, the metric, its attributes and value. */
export interface Received {
  readonly atMs: number;
  readonly metric: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly value: number;
  /** Sum points: 1 delta, 2 cumulative. */
  readonly temporality: number;
}

function flatten(atMs: number, body: JsonRequest): Received[] {
  const out: Received[] = [];
  for (const rm of body.resourceMetrics ?? [])
    for (const sm of rm.scopeMetrics ?? [])
      for (const m of sm.metrics ?? []) {
        const data = m.gauge ?? m.sum ?? m.histogram;
        for (const p of data?.dataPoints ?? []) {
          const attributes: Record<string, string> = {};
          for (const a of p.attributes ?? []) attributes[a.key] = a.value.stringValue ?? '';
          out.push({
            atMs,
            metric: m.name,
            attributes,
            value: p.asDouble ?? Number(p.asInt ?? Number.NaN),
            temporality: m.sum?.aggregationTemporality ?? 0,
          });
        }
      }
  return out;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

/** An HTTP server that can be stopped (connections cut) and started again on its port. */
export class Switchable {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly handler: Parameters<typeof createServer>[1]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer(this.handler);
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address === 'object' && address !== null) this.port = address.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}

/** The collector's stand-in: keeps every data point of every OTLP/JSON metrics request. */
export async function startReceiver(): Promise<{
  readonly url: string;
  readonly points: Received[];
  stop(): Promise<void>;
}> {
  const points: Received[] = [];
  const server = new Switchable((req, res) => {
    void body(req).then((text) => {
      if (req.url === '/v1/metrics')
        points.push(...flatten(Date.now(), JSON.parse(text) as JsonRequest));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await server.start();
  return { url: server.url, points, stop: () => server.stop() };
}

/** go-livepeer's CLI port with `/metrics`, which can go down and come back. */
export async function startGoLivepeer(exposition: string): Promise<Switchable> {
  const server = new Switchable((req, res) => {
    if (req.url === '/metrics')
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(exposition);
    else res.writeHead(404).end();
  });
  await server.start();
  return server;
}

/** What the received points say about one sampler. */
export function samplerView(points: readonly Received[], sampler: string) {
  const of = (metric: string) =>
    points.filter((p) => p.metric === metric && p.attributes[ATTR.sampler] === sampler);
  return {
    /** Latest last-success time reported (Unix s), or 0. */
    lastSuccess(): number {
      return Math.max(0, ...of(METRIC.agentSamplerLastSuccess).map((p) => p.value));
    },
    /** Errors counted so far (delta points summed, cumulative ones at their latest). */
    errors(): number {
      const errs = of(METRIC.agentSamplerErrors);
      const delta = errs.filter((p) => p.temporality === 1).reduce((n, p) => n + p.value, 0);
      return delta + Math.max(0, ...errs.filter((p) => p.temporality !== 1).map((p) => p.value));
    },
  };
}

/** Points of a metric received in [fromMs, toMs). */
export function received(
  points: readonly Received[],
  metric: string,
  fromMs = 0,
  toMs = Number.MAX_SAFE_INTEGER,
): Received[] {
  return points.filter((p) => p.metric === metric && p.atMs >= fromMs && p.atMs < toMs);
}

const AGENT_ENTRY = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

/** The agent process (`naap-agent <command>`) with these NAAP_AGENT_* settings. */
export function spawnAgent(
  env: Readonly<Record<string, string>>,
  command: 'run' | 'doctor' = 'run',
): ChildProcess {
  return spawn(
    process.execPath,
    ['--conditions=@naap/source', '--import', 'tsx', AGENT_ENTRY, command],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
}

/** Output and exit code of a finished command. */
export async function finished(child: ChildProcess): Promise<{ code: number; out: string }> {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number>((resolve) =>
    child.once('exit', (c) => {
      resolve(c ?? 1);
    }),
  );
  return { code, out };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `check` (polled), failing after `timeoutMs`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}
