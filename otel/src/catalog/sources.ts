/**
 * Where a figure comes from. Every figure in the API names its source and the
 * dashboard shows it (metrics.md §5): self-reported agent data is secondary to
 * independently measured test-load data.
 */
export const SOURCES = {
  agent: "reported by the orchestrator's own agent (self-reported)",
  testload: 'measured by an independent test-load gateway',
  gateway: 'reported by a go-livepeer gateway',
  chain: 'read from the Livepeer protocol on-chain / its subgraph',
} as const;

export type Source = keyof typeof SOURCES;

export const SOURCE_NAMES = Object.keys(SOURCES) as readonly Source[];

export function isSource(value: string): value is Source {
  return Object.hasOwn(SOURCES, value);
}
