/** The agent's configuration: parsed once at start-up, frozen, passed down. */
export interface AgentConfig {
  /** Collector base URL (OTLP/HTTP), e.g. http://127.0.0.1:4318. */
  readonly collector: string;
  readonly token: string | undefined;
  /** Where `naap-agent enroll` stores the token (and `token` comes from when not set). */
  readonly tokenFile?: string;
  readonly protocol: 'protobuf' | 'json';
  readonly exportIntervalMs: number;
  /** Bound of points held while the collector is unreachable. */
  readonly bufferMaxPoints: number;
  readonly identity: {
    /** Orchestrator address (lower case); from config or go-livepeer's /orchestratorInfo. */
    readonly address: string | undefined;
    readonly uri: string | undefined;
    readonly region: string | undefined;
    readonly hostName: string;
  };
  /** Enabled samplers by name. */
  readonly samplers: ReadonlySet<string>;
  readonly nvidiaSmi: {
    readonly path: string;
    readonly intervalMs: number;
    readonly computeAppsIntervalMs: number;
  };
  /** DCGM's dcgmi (optional: measured CUE); absent, CUE stays the nvidia-smi proxy. */
  readonly dcgm: { readonly path: string; readonly intervalMs: number };
  readonly host: { readonly intervalMs: number };
  /** go-livepeer CLI base URL (e.g. http://127.0.0.1:7935); undefined disables what needs it. */
  readonly goLivepeer: {
    readonly cliUrl: string | undefined;
    readonly scrapeIntervalMs: number;
    readonly timeoutMs: number;
  };
  readonly jobLog:
    | { readonly kind: 'file'; readonly path: string }
    | { readonly kind: 'journal'; readonly unit: string }
    | { readonly kind: 'docker'; readonly container: string }
    | { readonly kind: 'none' };
  readonly runners: { readonly intervalMs: number; readonly docker: string };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}
