/**
 * A ClickHouse HTTP interface over chDB, for tests: the real
 * `@clickhouse/client` talks to it exactly as to a server (`url:
 * 'http://user:pass@127.0.0.1:PORT/db'`), with a real engine behind it, and a
 * test can take it down (`stop()`: sockets destroyed mid-request, like a
 * crashed server) and bring it back on the same port with the same data
 * (`restart()`).
 *
 * One shim per data path, and chDB binds one data path per process.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { drain, readBody } from './body.js';
import { ChdbEngine } from './engine.js';
import { toShimError } from './errors.js';
import { authenticationError, credentials, parseUrl } from './request.js';
import type { ParsedUrl } from './request.js';
import {
  KEEP_ALIVE_SECONDS,
  errorAnswer,
  negotiateEncoding,
  resultAnswer,
  send,
} from './response.js';
import type { Answer, ResponseEncoding } from './response.js';
import { toStatement } from './statement.js';

export interface ClickHouseShimOptions {
  /** chDB data directory; data survives `restart()` (and a new shim on the same path). */
  readonly dataPath: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one, kept across restarts. */
  readonly port?: number;
  /** The one user the shim knows (default `default`). */
  readonly user?: string;
  /** Its password (default empty). */
  readonly password?: string;
  /** Largest request body, after decompression, answered with 413 beyond (default 256 MiB). */
  readonly maxBodyBytes?: number;
}

export interface ClickHouseShim {
  /** `http://user:password@127.0.0.1:PORT`: append `/db` to select a database. */
  readonly url: string;
  readonly port: number;
  /** Closes the listener, destroys every open connection (in-flight requests included), closes chDB. */
  stop(): Promise<void>;
  /** Stops if running, then serves the same data path on the same port again. */
  restart(): Promise<void>;
  /** HTTP requests received so far, across restarts. */
  readonly requests: number;
}

const DEFAULT_MAX_BODY = 256 * 1024 * 1024;

/** Data paths with a running shim in this process. */
const claimed = new Set<string>();

export async function startClickHouseShim(options: ClickHouseShimOptions): Promise<ClickHouseShim> {
  const user = options.user ?? 'default';
  const password = options.password ?? '';
  const shim = new ShimServer({
    dataPath: resolve(options.dataPath),
    user,
    password,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
  });
  await shim.start(options.port ?? 0);
  const auth = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return {
    get url() {
      return `http://${auth}@127.0.0.1:${shim.port}`;
    },
    get port() {
      return shim.port;
    },
    get requests() {
      return shim.requests;
    },
    stop: () => shim.stop(),
    restart: async () => {
      await shim.stop();
      await shim.start(shim.port);
    },
  };
}

interface Config {
  readonly dataPath: string;
  readonly user: string;
  readonly password: string;
  readonly maxBodyBytes: number;
}

class ShimServer {
  port = 0;
  requests = 0;
  #server: Server | undefined;
  #engine: ChdbEngine | undefined;
  readonly #sockets = new Set<Socket>();

  constructor(private readonly config: Config) {}

  async start(port: number): Promise<void> {
    if (this.#server) return;
    const { dataPath } = this.config;
    if (claimed.has(dataPath)) throw new Error(`a ClickHouse shim already serves ${dataPath}`);
    claimed.add(dataPath);
    try {
      const engine = await ChdbEngine.open(dataPath);
      const server = createServer((req, res) => {
        this.requests += 1;
        this.#answer(engine, req)
          .then((answer) => send(res, answer))
          .catch(() => res.destroy());
      });
      server.keepAliveTimeout = KEEP_ALIVE_SECONDS * 1000;
      server.on('connection', (socket) => {
        this.#sockets.add(socket);
        socket.once('close', () => this.#sockets.delete(socket));
      });
      this.port = await listen(server, port).catch(async (err: unknown) => {
        await engine.close();
        throw err;
      });
      this.#server = server;
      this.#engine = engine;
    } catch (err) {
      claimed.delete(dataPath);
      throw err;
    }
  }

  async stop(): Promise<void> {
    const server = this.#server;
    const engine = this.#engine;
    if (!server || !engine) return;
    this.#server = undefined;
    this.#engine = undefined;
    const closed = new Promise<void>((done) =>
      server.close(() => {
        done();
      }),
    );
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await closed;
    await engine.close();
    claimed.delete(this.config.dataPath);
  }

  async #answer(engine: ChdbEngine, req: IncomingMessage): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const health = healthAnswer(req.method, url);
    if (health) return health;
    let parsed: ParsedUrl | undefined;
    let encoding: ResponseEncoding | undefined;
    try {
      parsed = parseUrl(url);
      encoding = negotiateEncoding(parsed.compressResponse, req.headers['accept-encoding']);
      const who = credentials(req.headers, url);
      if (who.user !== this.config.user || who.password !== this.config.password) {
        throw authenticationError(who.user);
      }
      const body = await readBody(req, this.config.maxBodyBytes);
      const { job, outputFormat } = toStatement(parsed, body, req.headers['content-type']);
      const result = await engine.run(job);
      const { queryId } = parsed;
      const meta = {
        queryId,
        format: outputFormat,
        timezone: engine.timezone,
        summary: result.summary,
      };
      return resultAnswer(meta, result.body, encoding);
    } catch (err) {
      await drain(req);
      return errorAnswer(toShimError(err), engine.version, parsed?.queryId, encoding);
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      const address = server.address();
      if (address === null || typeof address === 'string') fail(new Error('no TCP address'));
      else done(address.port);
    });
  });
}

/** `/ping`, `/replicas_status` and a bare `GET /` answer `Ok.`; other paths do not exist. */
function healthAnswer(method: string | undefined, url: URL): Answer | undefined {
  const ok = (status: number, body: string): Answer => ({
    status,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
    body,
    encoding: undefined,
  });
  if (url.pathname === '/ping' || url.pathname === '/replicas_status') return ok(200, 'Ok.\n');
  if (url.pathname !== '/') return ok(404, `There is no handle ${url.pathname}\n`);
  if (method === 'GET' && !url.searchParams.has('query')) return ok(200, 'Ok.\n');
  return undefined;
}
