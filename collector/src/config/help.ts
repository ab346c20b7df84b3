import { optionsHelp } from '@naap/otel/config';
import { ENV_PREFIX, OPTIONS } from './options.js';

/** `naap-collector --help`, made from the option table. */
export function helpText(): string {
  return `naap-collector — OTLP/HTTP ingest into ClickHouse, rollups, SLA and the public API

Usage:
  naap-collector [run] [flags]     start the collector (default)
  naap-collector migrate [flags]   create or upgrade the schema, then exit
  naap-collector recompute --from T --to T [flags]
                                   re-score every SLA hour of [from, to) (ISO 8601 or Unix ms;
                                   idempotent), then exit
  naap-collector tokens …          create, list, revoke, rotate stored tokens (tokens --help)
  naap-collector --help            this text

Every flag can also be set by its environment variable or, with --config FILE,
by a JSON object of flag names (precedence: flags > environment > file >
defaults). Unknown flags, variables and keys are errors.

Flags:
  --config FILE
      JSON file of settings, e.g. {"listen": "0.0.0.0:4318", "ttl-raw-days": 30}
${optionsHelp(OPTIONS, ENV_PREFIX)}
`;
}
