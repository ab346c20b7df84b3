import type { CensusDef } from './census-defs.js';
import { formatPromValue } from './prom-float.js';

/**
 * The Prometheus text exposition (format 0.0.4) of go-livepeer's `/metrics`:
 * OpenCensus views exported by contrib.go.opencensus.io/exporter/prometheus
 * v0.4.2 into a client_golang v1.14 registry. What that stack does, and this
 * module copies: families sorted by name, each with `# HELP` and `# TYPE`;
 * a family appears only once something was recorded into it; a view's tag key
 * that was not set on a recording is exported with an empty value; labels
 * within a sample are sorted by name and samples by their label values.
 */

export type SampleLabels = Readonly<Record<string, string>>;

export interface Sample {
  /** Full sample name (a summary's `_sum`/`_count` samples carry the suffix). */
  readonly name: string;
  readonly labels: SampleLabels;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'summary';
  readonly samples: readonly Sample[];
}

const escapeHelp = (s: string): string => s.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
const escapeLabel = (s: string): string =>
  s.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

function labelText(labels: SampleLabels): string {
  // `quantile`/`le` go last, as client_golang appends them after the metric's labels.
  const keys = Object.keys(labels).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',')}}`;
}

const rank = (k: string): number => (k === 'quantile' || k === 'le' ? 1 : 0);

function sortKey(labels: SampleLabels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => labels[k] ?? '')
    .join('\u0000');
}

/** Renders families in client_golang's order and text format. */
export function renderExposition(families: readonly Family[]): string {
  const out: string[] = [];
  for (const f of [...families].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (f.samples.length === 0) continue;
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    const samples =
      f.type === 'summary'
        ? f.samples
        : [...f.samples].sort((a, b) => (sortKey(a.labels) < sortKey(b.labels) ? -1 : 1));
    for (const s of samples)
      out.push(`${s.name}${labelText(s.labels)} ${formatPromValue(s.value)}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/**
 * OpenCensus-style recording into census views: counters accumulate (Count
 * and Sum aggregations), gauges keep the last value (LastValue). Tags the
 * view lists but the recording did not set are exported as "".
 */
export class CensusRegistry {
  private readonly series = new Map<string, Map<string, { labels: SampleLabels; value: number }>>();
  private readonly defs = new Map<string, CensusDef>();

  /** @param base tags every recording carries (node_id, node_type), kept where the view lists them */
  constructor(private readonly base: SampleLabels) {}

  add(def: CensusDef, tags: SampleLabels, delta: number): void {
    const row = this.row(def, tags);
    row.value += delta;
  }

  set(def: CensusDef, tags: SampleLabels, value: number): void {
    this.row(def, tags).value = value;
  }

  /** Whether anything was recorded into the view. */
  has(def: CensusDef): boolean {
    return (this.series.get(def.name)?.size ?? 0) > 0;
  }

  families(): Family[] {
    return [...this.defs.values()].map((d) => ({
      name: d.name,
      help: d.help,
      type: d.type,
      samples: [...(this.series.get(d.name)?.values() ?? [])].map((r) => ({
        name: d.name,
        labels: r.labels,
        value: r.value,
      })),
    }));
  }

  private row(def: CensusDef, tags: SampleLabels): { labels: SampleLabels; value: number } {
    const value = (l: string): string => tags[l] ?? this.base[l] ?? '';
    const key = def.labels.map(value).join('\u0000');
    let byKey = this.series.get(def.name);
    if (byKey === undefined) {
      byKey = new Map();
      this.series.set(def.name, byKey);
      this.defs.set(def.name, def);
    }
    let row = byKey.get(key);
    if (row === undefined) {
      row = { labels: Object.fromEntries(def.labels.map((l) => [l, value(l)])), value: 0 };
      byKey.set(key, row);
    }
    return row;
  }
}
