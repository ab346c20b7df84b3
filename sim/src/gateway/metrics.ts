/**
 * A small Prometheus registry that writes the text exposition format 0.0.4
 * the way go-livepeer's OpenCensus → client_golang stack does: HELP and TYPE
 * lines, label names sorted, every label of the view present (unset ones as
 * ""), and a metric only once something was recorded into it.
 */
export type MetricKind = 'counter' | 'gauge' | 'histogram';

export interface MetricDef {
  readonly name: string;
  readonly kind: MetricKind;
  readonly help: string;
  readonly labels: readonly string[];
  /** Histograms: upper bounds, ascending (the +Inf bucket is added). */
  readonly buckets?: readonly number[];
}

export type Labels = Readonly<Record<string, string>>;

interface Series {
  readonly labels: Labels;
  value: number;
  counts: number[];
  sum: number;
}

/**
 * client_golang writes sample values with `strconv.AppendFloat(f, 'g', -1, 64)`:
 * shortest digits, exponent form when the exponent is < -4 or >= 6
 * (`1e+06`, `1.5e-07`), plain otherwise.
 */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  const [mantissa = '0', e = '0'] = v.toExponential().split('e');
  const exp = Number(e);
  if (exp >= -4 && exp < 6) return String(v);
  const digits = String(Math.abs(exp)).padStart(2, '0');
  return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
}

function escapeLabel(v: string): string {
  return v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const entries = Object.entries(labels);
  if (extra !== undefined) entries.push(extra);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

export class MetricsRegistry {
  private readonly defs = new Map<string, MetricDef>();
  private readonly series = new Map<string, Map<string, Series>>();

  define(def: MetricDef): void {
    this.defs.set(def.name, def);
  }

  inc(name: string, labels: Labels, by = 1): void {
    this.get(name, labels).value += by;
  }

  set(name: string, labels: Labels, value: number): void {
    this.get(name, labels).value = value;
  }

  observe(name: string, labels: Labels, value: number): void {
    const def = this.def(name);
    const s = this.get(name, labels);
    const bounds = def.buckets ?? [];
    bounds.forEach((b, i) => {
      if (value <= b) s.counts[i] = (s.counts[i] ?? 0) + 1;
    });
    s.value += 1;
    s.sum += value;
  }

  /** The value of one series (counter/gauge) or its count (histogram); 0 when absent. */
  value(name: string, labels: Labels): number {
    return this.series.get(name)?.get(this.key(name, labels))?.value ?? 0;
  }

  render(): string {
    const out: string[] = [];
    for (const [name, byKey] of [...this.series.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const def = this.def(name);
      out.push(`# HELP ${name} ${def.help}`, `# TYPE ${name} ${def.kind}`);
      for (const s of byKey.values()) out.push(...this.lines(def, s));
    }
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }

  private lines(def: MetricDef, s: Series): string[] {
    if (def.kind !== 'histogram')
      return [`${def.name}${labelText(s.labels)} ${formatValue(s.value)}`];
    const lines = (def.buckets ?? []).map(
      (b, i) =>
        `${def.name}_bucket${labelText(s.labels, ['le', formatValue(b)])} ${s.counts[i] ?? 0}`,
    );
    lines.push(`${def.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.value}`);
    lines.push(`${def.name}_sum${labelText(s.labels)} ${formatValue(s.sum)}`);
    lines.push(`${def.name}_count${labelText(s.labels)} ${s.value}`);
    return lines;
  }

  private def(name: string): MetricDef {
    const def = this.defs.get(name);
    if (def === undefined) throw new RangeError(`metric ${name} is not defined`);
    return def;
  }

  private key(name: string, labels: Labels): string {
    return this.def(name)
      .labels.map((l) => labels[l] ?? '')
      .join('\u0000');
  }

  private get(name: string, labels: Labels): Series {
    const def = this.def(name);
    let byKey = this.series.get(name);
    if (byKey === undefined) {
      byKey = new Map();
      this.series.set(name, byKey);
    }
    const key = this.key(name, labels);
    let s = byKey.get(key);
    if (s === undefined) {
      const full = Object.fromEntries(def.labels.map((l) => [l, labels[l] ?? '']));
      s = { labels: full, value: 0, counts: (def.buckets ?? []).map(() => 0), sum: 0 };
      byKey.set(key, s);
    }
    return s;
  }
}
