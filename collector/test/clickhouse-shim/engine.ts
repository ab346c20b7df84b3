/**
 * The chDB side of the shim: one `Session` on the data path, every call run
 * one at a time (chDB is not concurrent), and each request given the
 * stateless context a ClickHouse server gives an HTTP request without a
 * session: its database and settings apply to it alone and are put back
 * afterwards, as are `SET` and `USE` statements it ran.
 */
import { Session, drainPending } from 'chdb';
import type { RawInsertFormat } from 'chdb';
import { ShimError } from './errors.js';
import { toChdbParams } from './params.js';

/** What a request asks the engine to do. */
export type Work =
  | {
      readonly kind: 'query';
      readonly sql: string;
      /** Raw `param_*` values, by name. */
      readonly params: Readonly<Record<string, string>>;
      /** Output format when the SQL has no FORMAT clause. */
      readonly format: string;
    }
  | {
      readonly kind: 'insert';
      readonly table: string;
      readonly columns: readonly string[] | undefined;
      readonly format: RawInsertFormat;
      readonly data: Buffer;
    };

export interface Job {
  readonly work: Work;
  /** Settings from the URL, as text. */
  readonly settings: Readonly<Record<string, string>>;
  readonly database: string | undefined;
}

/** The counters of `X-ClickHouse-Summary`. */
export interface Summary {
  readonly read_rows: string;
  readonly read_bytes: string;
  readonly written_rows: string;
  readonly written_bytes: string;
  readonly total_rows_to_read: string;
  readonly result_rows: string;
  readonly result_bytes: string;
  readonly elapsed_ns: string;
}

export interface JobResult {
  readonly body: Buffer;
  readonly summary: Summary;
}

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CHANGES_STATE = /^\s*(?:SET|USE)\b/i;

export class ChdbEngine {
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    private readonly session: Session,
    /** Settings the session starts with (chDB's own, plus ours): what a request returns to. */
    private readonly baseline: ReadonlyMap<string, string>,
    readonly version: string,
    readonly timezone: string,
  ) {}

  /** Opens the data path; the server answers only once this resolved. */
  static async open(dataPath: string): Promise<ChdbEngine> {
    const session = new Session(dataPath);
    try {
      // clickhouse-local accepts a bare expression as a query; a server does not.
      await session.queryAsync('SET implicit_select = 0');
      const baseline = await changedSettings(session);
      const info = await session.queryAsync('SELECT version(), timezone()', { format: 'TSV' });
      const [version = '', timezone = 'UTC'] = info.text().trim().split('\t');
      return new ChdbEngine(session, baseline, version, timezone);
    } catch (err) {
      session.close();
      throw err;
    }
  }

  /** Runs a job after every job before it has finished. */
  run(job: Job): Promise<JobResult> {
    const result = this.#tail.then(() => this.#runNow(job));
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Refuses new jobs, waits for the running one, and closes the session. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#tail;
    this.session.close();
    await drainPending();
  }

  async #runNow(job: Job): Promise<JobResult> {
    if (this.#closed) throw new ShimError(210, 'NETWORK_ERROR', 'The server is shutting down');
    const names = Object.keys(job.settings);
    try {
      if (job.database !== undefined) await this.#exec(`USE ${quoteIdent(job.database)}`);
      if (names.length > 0) await this.#exec(`SET ${setList(job.settings)}`);
      return await this.#execute(job.work);
    } finally {
      await this.#restore(job, names);
    }
  }

  async #execute(work: Work): Promise<JobResult> {
    if (work.kind === 'insert') {
      const { table, columns, format, data } = work;
      const r = await this.session.insert({
        table,
        format,
        values: data,
        ...(columns ? { columns } : {}),
      });
      const written = { rows: r.rowsWritten, bytes: r.bytesWritten };
      return { body: Buffer.alloc(0), summary: summary(written, { rows: 0, bytes: 0 }, r.elapsed) };
    }
    if (work.sql.trim() === '') throw new ShimError(62, 'SYNTAX_ERROR', 'Empty query');
    const opts = { format: work.format };
    const r =
      Object.keys(work.params).length > 0
        ? await this.session.queryBindAsync(work.sql, toChdbParams(work.sql, work.params), opts)
        : await this.session.queryAsync(work.sql, opts);
    const bytes = r.bytes();
    const read = { rows: r.rowsRead, bytes: r.bytesRead };
    return {
      body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      summary: summary({ rows: 0, bytes: 0 }, read, r.elapsed),
    };
  }

  /** Puts back the database and settings the request (or its SQL) changed. */
  async #restore(job: Job, names: readonly string[]): Promise<void> {
    const sql = job.work.kind === 'query' ? job.work.sql : '';
    const statement = CHANGES_STATE.test(sql);
    try {
      if (job.database !== undefined || statement) await this.#exec('USE default');
      const toReset = new Set(names);
      if (statement) {
        for (const name of (await changedSettings(this.session)).keys()) toReset.add(name);
        for (const name of this.baseline.keys()) toReset.add(name);
      }
      const assignments = [...toReset]
        .filter((n) => SETTING_NAME.test(n))
        .map((n) => this.#reset(n));
      if (assignments.length > 0) await this.#exec(`SET ${assignments.join(', ')}`);
    } catch {
      // Best effort: the request's own error (if any) is what its client needs to see.
    }
  }

  #reset(name: string): string {
    const value = this.baseline.get(name);
    return value === undefined ? `${name} = DEFAULT` : `${name} = ${quoteString(value)}`;
  }

  async #exec(sql: string): Promise<void> {
    await this.session.queryAsync(sql, { format: 'TSV' });
  }
}

async function changedSettings(session: Session): Promise<Map<string, string>> {
  const r = await session.queryAsync('SELECT name, value FROM system.settings WHERE changed', {
    format: 'JSONCompactEachRow',
  });
  const rows = r
    .text()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as [string, string]);
  return new Map(rows);
}

function setList(settings: Readonly<Record<string, string>>): string {
  return Object.entries(settings)
    .map(([name, value]) => {
      if (!SETTING_NAME.test(name))
        throw new ShimError(115, 'UNKNOWN_SETTING', `Unknown setting '${name}'`);
      return `${name} = ${quoteString(value)}`;
    })
    .join(', ');
}

function summary(
  written: { rows: number; bytes: number },
  read: { rows: number; bytes: number },
  elapsedSeconds: number,
): Summary {
  return {
    read_rows: String(read.rows + written.rows),
    read_bytes: String(read.bytes + written.bytes),
    written_rows: String(written.rows),
    written_bytes: String(written.bytes),
    total_rows_to_read: '0',
    result_rows: String(read.rows),
    result_bytes: String(read.bytes),
    elapsed_ns: String(Math.max(0, Math.round(elapsedSeconds * 1e9))),
  };
}

/** A string literal (setting values only: query parameters are bound, never quoted). */
function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function quoteIdent(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
