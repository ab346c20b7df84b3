import { ConfigError } from '@naap/otel/config';
import type { CollectorConfig } from '../config/config.js';
import { OPTIONS } from '../config/options.js';
import { loadConfig } from '../config/resolve.js';
import { migrationContext } from '../storage/migrations/context.js';
import { migrate } from '../storage/migrations/runner.js';
import { openStore, type Store } from '../storage/store.js';
import { TOKEN_ID_PATTERN } from './secret.js';
import { TokenSpecError, TokenStore, type TokenRecord } from './token-store.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const TOKENS_HELP = `naap-collector tokens — stored bearer tokens (agent, gateway, admin)

Usage:
  naap-collector tokens create --kind agent --address 0x… [--name NAME] [--json]
  naap-collector tokens create --kind gateway|admin [--name NAME] [--json]
  naap-collector tokens list [--all] [--json]
  naap-collector tokens revoke ID
  naap-collector tokens rotate ID [--json]

Works on the collector's storage directly: the same --clickhouse, --database
and --config settings (flags or NAAP_COLLECTOR_* variables) as the collector.
A running collector re-reads stored tokens every --token-refresh-ms (2 s by
default), so a revocation applies within seconds. An embedded data directory
can be opened by one process only: while the collector runs on it, use the
admin API instead (Authorization: Bearer <admin token>):
  GET  /api/v1/admin/tokens
  POST /api/v1/admin/tokens            {"kind":"agent","address":"0x…","name":"…"}
  POST /api/v1/admin/tokens/ID/revoke
  POST /api/v1/admin/tokens/ID/rotate
A secret is printed once, when it is made; only its SHA-256 is stored.
`;

interface Parsed {
  readonly sub: string;
  readonly id: string | undefined;
  readonly kind: string | undefined;
  readonly address: string | undefined;
  readonly name: string | undefined;
  readonly json: boolean;
  readonly all: boolean;
  /** Everything else: collector settings. */
  readonly rest: readonly string[];
}

const OWN = new Set(['kind', 'address', 'name']);
const VALUE_FLAGS = new Set([
  'config',
  ...Object.values(OPTIONS)
    .filter((o) => o.kind !== 'boolean')
    .map((o) => o.flag),
]);

function parse(argv: readonly string[]): Parsed {
  const [sub = '', ...args] = argv;
  const own: Record<string, string> = {};
  const rest: string[] = [];
  const positional: string[] = [];
  let json = false;
  let all = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const m = /^--([\w-]+)(?:=(.*))?$/s.exec(arg);
    if (m === null) {
      positional.push(arg);
      continue;
    }
    const [, flag = '', inline] = m;
    if (flag === 'json' || flag === 'all') {
      if (flag === 'json') json = true;
      else all = true;
      continue;
    }
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new ConfigError(`--${flag} needs a value`);
      return v;
    };
    if (OWN.has(flag)) own[flag] = value();
    else if (VALUE_FLAGS.has(flag) && inline === undefined) rest.push(arg, value());
    else rest.push(arg);
  }
  if (positional.length > 1) throw new ConfigError(`unexpected argument "${positional[1]}"`);
  return {
    sub,
    id: positional[0],
    kind: own['kind'],
    address: own['address'],
    name: own['name'],
    json,
    all,
    rest,
  };
}

async function open(config: CollectorConfig): Promise<Store> {
  let store: Store;
  try {
    store = await openStore(config);
  } catch (err) {
    // chDB reports a directory locked by another process only on stderr.
    if (config.storage.mode === 'embedded')
      throw new ConfigError(
        `cannot open the data directory ${config.storage.dir} (${(err as Error).message}); ` +
          'if a collector is running on it, stop it first or use the admin API (naap-collector tokens --help)',
      );
    throw err;
  }
  await migrate(store, migrationContext(config));
  return store;
}

const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

function describe(r: TokenRecord): Record<string, unknown> {
  return {
    id: r.id,
    kind: r.kind,
    address: r.address,
    name: r.name,
    origin: r.origin,
    createdAt: iso(r.createdAt),
    revokedAt: r.revokedAt === null ? null : iso(r.revokedAt),
  };
}

function printSecret(io: CliIo, p: Parsed, r: TokenRecord, secret: string, verb: string): void {
  if (p.json) {
    io.out(`${JSON.stringify({ ...describe(r), token: secret })}\n`);
    return;
  }
  const bound = r.address === null ? '' : ` bound to ${r.address}`;
  io.out(
    `${verb} ${r.id}: ${r.kind} token "${r.name}"${bound}\n` +
      `token (shown only now; store it secretly): ${secret}\n`,
  );
}

function printList(io: CliIo, p: Parsed, records: readonly TokenRecord[]): void {
  const shown = records.filter((r) => p.all || r.revokedAt === null);
  if (p.json) {
    io.out(`${JSON.stringify(shown.map(describe))}\n`);
    return;
  }
  const rows = shown.map((r) => [
    r.id,
    r.kind,
    r.address ?? '-',
    r.name,
    r.origin,
    iso(r.createdAt),
    iso(r.revokedAt),
  ]);
  const head = ['ID', 'KIND', 'ADDRESS', 'NAME', 'ORIGIN', 'CREATED', 'REVOKED'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const r of [head, ...rows])
    io.out(
      `${r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
}

async function run(p: Parsed, store: TokenStore, io: CliIo): Promise<number> {
  if (p.sub === 'create') {
    const made = await store.create({
      kind: p.kind ?? '',
      address: p.address,
      name: p.name,
      origin: 'cli',
    });
    printSecret(io, p, made.record, made.secret, 'created');
    return 0;
  }
  if (p.sub === 'list') {
    printList(io, p, await store.all());
    return 0;
  }
  const id = p.id ?? '';
  if (!TOKEN_ID_PATTERN.test(id)) throw new ConfigError(`${p.sub} needs a token id (tok_…)`);
  if (p.sub === 'revoke') {
    const r = await store.revoke(id);
    if (r === null) throw new ConfigError(`no stored token ${id}`);
    io.out(`revoked ${id} (${r.kind} "${r.name}") at ${iso(r.revokedAt)}\n`);
    return 0;
  }
  const rotated = await store.rotate(id);
  if (rotated === null) throw new ConfigError(`no stored token ${id}`);
  printSecret(io, p, rotated.record, rotated.secret, 'rotated');
  return 0;
}

/** `naap-collector tokens create|list|revoke|rotate …`; returns the exit code. */
export async function tokensCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    io.out(TOKENS_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  let store: Store | undefined;
  try {
    const p = parse(argv);
    if (!['create', 'list', 'revoke', 'rotate'].includes(p.sub))
      throw new ConfigError(`unknown tokens command "${p.sub}" (create, list, revoke, rotate)`);
    if (p.sub !== 'create' && (p.kind ?? p.address ?? p.name) !== undefined)
      throw new ConfigError(`--kind, --address and --name belong to tokens create`);
    const config = await loadConfig(p.rest, env);
    store = await open(config);
    return await run(p, new TokenStore(store), io);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TokenSpecError) {
      io.err(`naap-collector tokens: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await store?.close();
  }
}
