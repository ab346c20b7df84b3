import { IDENTITY_TABLE } from '../../storage/migrations/007-orchestrator-identity.js';
import type { Range } from '../params/time.js';
import { QueryParams, msOf, type Db } from './db.js';

/** What one source says about an orchestrator over a range (per-day table). */
export interface Identity {
  readonly address: string;
  readonly source: string;
  readonly uri: string | null;
  readonly version: string | null;
  readonly region: string | null;
  readonly hosts: readonly string[];
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
}

interface Row {
  readonly address: string;
  readonly source: string;
  readonly uri: string;
  readonly version: string;
  readonly region: string;
  readonly hosts: string[];
  readonly first: string | number;
  readonly last: string | number;
}

const orNull = (s: string): string | null => (s === '' ? null : s);

/**
 * Orchestrators seen in the range (by any source). Days are read whole; an
 * orchestrator counts when it was last seen at or after `from`. With
 * `everSeen`, the range bounds only the end (identity of a known O).
 */
export async function identities(
  db: Db,
  q: { range: Range; addresses?: readonly string[]; everSeen?: boolean },
): Promise<Identity[]> {
  const p = new QueryParams();
  const day = (ms: number): string => p.add('Date32', new Date(ms).toISOString().slice(0, 10));
  const where = [
    ...(q.everSeen ? [] : [`Day >= ${day(q.range.fromMs)}`]),
    `Day <= ${day(q.range.toMs)}`,
    ...(q.addresses ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.addresses])}`] : []),
  ];
  const having = q.everSeen ? '' : `HAVING max(LastSeen) >= ${p.time(new Date(q.range.fromMs))}`;
  const sql = `SELECT OrchestratorAddress AS address, Source AS source,
  argMaxIfMerge(Uri) AS uri, argMaxIfMerge(Version) AS version, argMaxIfMerge(Region) AS region,
  groupUniqArrayIfMerge(16)(Hosts) AS hosts,
  toUnixTimestamp64Milli(min(FirstSeen)) AS first, toUnixTimestamp64Milli(max(LastSeen)) AS last
FROM ${db.table(IDENTITY_TABLE)}
WHERE ${where.join(' AND ')}
GROUP BY address, source ${having}
ORDER BY address, source`;
  const rows = await db.rows<Row>(sql, p);
  return rows.map((r) => ({
    address: r.address,
    source: r.source,
    uri: orNull(r.uri),
    version: orNull(r.version),
    region: orNull(r.region),
    hosts: [...r.hosts].sort(),
    firstSeenMs: msOf(r.first),
    lastSeenMs: msOf(r.last),
  }));
}
