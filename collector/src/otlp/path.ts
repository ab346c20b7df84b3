/**
 * Where a decoder is inside a request, rendered only when an error needs it:
 * `resourceMetrics[0].scopeMetrics[1].metrics[3].sum.dataPoints[0]`.
 * One small node per message keeps the happy path free of string building.
 */
export class Path {
  static readonly root: Path = new Path(null, '');

  private constructor(
    private readonly parent: Path | null,
    private readonly segment: string | number,
  ) {}

  /** The location of a named field (lowerCamelCase, as in OTLP/JSON). */
  field(name: string): Path {
    return new Path(this, name);
  }

  /** The location of an element of a repeated field. */
  index(i: number): Path {
    return new Path(this, i);
  }

  toString(): string {
    if (this.parent === null) return '';
    const prefix = this.parent.toString();
    if (typeof this.segment === 'number') return `${prefix}[${this.segment}]`;
    return prefix === '' ? this.segment : `${prefix}.${this.segment}`;
  }
}
