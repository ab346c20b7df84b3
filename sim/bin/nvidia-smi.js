#!/usr/bin/env node
// naap-sim's fake nvidia-smi: runs the compiled code (build with `pnpm build`).
// The simulated host comes from --sim-host-file <host.json> or NAAP_SIM_HOST_FILE.
let entry;
try {
  entry = await import('../dist/surfaces/nvidia-smi/main.js');
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  process.stderr.write(`nvidia-smi (naap-sim): not built, run \`pnpm build\` (${reason})\n`);
  process.exit(9);
}
process.exitCode = await entry.main(process.argv.slice(2), process.env);
