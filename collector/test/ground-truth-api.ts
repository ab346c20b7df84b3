import { writeFile } from 'node:fs/promises';
import {
  JobSeriesSchema,
  SlaComplianceSchema,
  type JobSeries,
  type SlaCompliance,
  type SlaComplianceRow,
} from '@naap/otel/api';
import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Reading the public API over HTTP for the ground-truth test: every answer
 * is checked against the contract's schema (so a drift fails here too), and
 * every figure compared is recorded for the report.
 */

export async function apiGet<S extends TSchema>(
  baseUrl: string,
  path: string,
  schema: S,
): Promise<Static<S>> {
  const res = await fetch(`${baseUrl}/api/v1${path}`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
  const body: unknown = JSON.parse(text);
  if (!Value.Check(schema, body)) {
    const first = Value.Errors(schema, body)[0];
    throw new Error(`GET ${path}: not the contract's shape (${JSON.stringify(first)})`);
  }
  return body;
}

const qs = (params: Record<string, string | number>): string =>
  new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();

/** Every `/sla/compliance` row of a query (following the cursor). */
export async function compliance(
  baseUrl: string,
  params: Record<string, string | number>,
): Promise<SlaComplianceRow[]> {
  const out: SlaComplianceRow[] = [];
  let cursor: string | null = null;
  do {
    const page: SlaCompliance = await apiGet(
      baseUrl,
      `/sla/compliance?${qs({ ...params, limit: 500, ...(cursor ? { cursor } : {}) })}`,
      SlaComplianceSchema,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** `/jobs/series` as a map stat → (bucket start → value). */
export async function jobSeries(
  baseUrl: string,
  params: Record<string, string | number>,
): Promise<{ answer: JobSeries; at: (stat: string, t: number) => number | null }> {
  const answer = await apiGet(baseUrl, `/jobs/series?${qs(params)}`, JobSeriesSchema);
  const byStat = new Map(answer.series.map((s) => [s.stat, new Map(s.points)]));
  return { answer, at: (stat, t) => byStat.get(stat)?.get(t) ?? null };
}

/** One compared figure: what the truth says, what the API said, whether they agree. */
export interface Figure {
  readonly check: string;
  readonly key: string;
  readonly expected: unknown;
  readonly got: unknown;
  readonly ok: boolean;
  readonly note?: string;
}

/**
 * Figures compared in a run. A check records all of its figures before it
 * asserts, so a report (NAAP_GROUND_TRUTH_REPORT=<file>) shows every one.
 */
export class FigureLog {
  private readonly figures: Figure[] = [];

  add(f: Figure): void {
    this.figures.push(f);
  }

  /** The figures of a check that disagreed, as `key: expected vs got`. */
  failed(check: string): string[] {
    return this.figures
      .filter((f) => f.check === check && !f.ok)
      .map((f) => `${f.key}: ${JSON.stringify(f.expected)} vs ${JSON.stringify(f.got)}`);
  }

  count(check: string): number {
    return this.figures.filter((f) => f.check === check).length;
  }

  async write(path: string | undefined): Promise<void> {
    if (path === undefined || path === '') return;
    const cell = (v: unknown): string =>
      typeof v === 'number' ? String(Number(v.toPrecision(6))) : JSON.stringify(v);
    const lines = this.figures.map(
      (f) =>
        `${f.check}\t${f.key}\t${cell(f.expected)}\t${cell(f.got)}\t${f.ok ? 'ok' : 'FAIL'}\t${f.note ?? ''}`,
    );
    const head = 'check\tkey\texpected\tgot\tresult\tnote';
    await writeFile(path, [head, ...lines].join('\n') + '\n');
  }
}

/** |got − expected| / expected. */
export const relativeError = (got: number, expected: number): number =>
  Math.abs(got - expected) / Math.abs(expected);
