// Types for parse-prometheus-text-format (ships none): prom2json-shaped output.
declare module 'parse-prometheus-text-format' {
  interface PromSample {
    readonly value?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly buckets?: Readonly<Record<string, string>>;
    readonly quantiles?: Readonly<Record<string, string>>;
    readonly count?: string;
    readonly sum?: string;
    readonly timestamp_ms?: string;
  }
  interface PromFamily {
    readonly name: string;
    readonly help: string;
    readonly type: string;
    readonly metrics: readonly PromSample[];
  }
  /** Throws an Error ("Encountered invalid line: …") on some malformed lines. */
  function parsePrometheusTextFormat(text: string): PromFamily[];
  export = parsePrometheusTextFormat;
}
