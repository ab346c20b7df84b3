import type { PipelineId } from '@naap/otel';

/** One (pipeline, model) an orchestrator advertises. */
export interface Capability {
  readonly pipeline: PipelineId;
  readonly model: string;
  /** Concurrent jobs advertised (go-livepeer capability constraints); 1 when unknown. */
  readonly capacity: number;
  /** Whether the model is advertised warm (loaded); null when unknown. */
  readonly warm: boolean | null;
}

/** An orchestrator to test. */
export interface Target {
  /** Lower-case ETH address. */
  readonly address: string;
  /** Service URI, e.g. https://orch.example.com:8935. */
  readonly uri: string;
  readonly capabilities: readonly Capability[];
  /** Static pinning: the gateway (started with -orchAddr <uri>) that reaches only this target. */
  readonly gateway?: { readonly url: string; readonly cliUrl: string | null } | undefined;
}

/** Where targets came from, and what went wrong on the way (for `once` and the logs). */
export interface Discovery {
  readonly targets: readonly Target[];
  readonly problems: readonly string[];
}
