// V8 flags naap-agent runs with (bin/naap-agent.js). The installed launcher
// (packaging/naap-agent-launcher.sh) passes the same flags; keep the two equal.
//
// --max-semi-space-size=2: V8 sizes the young generation for throughput. While
// the agent's modules load, it grows the semi-spaces to 16 MiB each (32 MiB
// resident) and keeps them until an idle-time GC much later, which made that
// startup burst the agent's peak RSS. The agent then allocates little and
// briefly (a few hundred short-lived objects per sample), so 2 MiB semi-spaces
// cost it no measurable CPU and take its peak RSS down by about 15 MiB
// (`pnpm bench:agent`; README "Cost").
export const NODE_FLAGS: readonly string[] = Object.freeze(['--max-semi-space-size=2']);
