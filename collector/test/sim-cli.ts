import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The simulator as the collector's tests use it: through its CLI
 * (`naap-sim backfill`, `naap-sim truth`), run from its TypeScript sources in
 * a child process. The collector never imports the simulator; the CLI is the
 * simulator's public face (`backfillHistory()` and `computeTruth()` behind
 * it), and what it prints is checked against the schema below.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = new URL('../../sim/src/cli/main.ts', import.meta.url).href;
const run = promisify(execFile);

/** Runs `naap-sim <args>`; resolves with its stdout, rejects with its stderr. */
export async function naapSim(args: readonly string[]): Promise<string> {
  const code = `const { main } = await import(${JSON.stringify(MAIN)});
process.exitCode = await main(process.argv.slice(1), process.env);`;
  const { stdout } = await run(
    process.execPath,
    [
      '--conditions=@naap/source',
      '--import',
      'tsx',
      '--input-type=module',
      '--eval',
      code,
      ...args,
    ],
    { cwd: REPO, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NAAP_SIM_DEBUG: '1' } },
  );
  return stdout;
}

const Dist = Type.Union([
  Type.Null(),
  Type.Object({
    count: Type.Number(),
    mean: Type.Number(),
    p50: Type.Number(),
    p95: Type.Number(),
  }),
]);

/** The part of a `naap-sim truth` row the ground-truth test compares. */
export const TruthRowSchema = Type.Object({
  hour: Type.String(),
  orchestratorId: Type.String(),
  address: Type.String(),
  gpuUuid: Type.String(),
  pipeline: Type.String(),
  modelId: Type.String(),
  jobs: Type.Object({
    total: Type.Number(),
    success: Type.Number(),
    failure: Type.Number(),
    excused: Type.Number(),
  }),
  startup: Type.Object({ attempts: Type.Number(), successes: Type.Number() }),
  latencyMs: Dist,
  fps: Type.Union([
    Type.Null(),
    Type.Object({
      samples: Type.Number(),
      mean: Type.Union([Type.Number(), Type.Null()]),
      jitter: Type.Union([Type.Number(), Type.Null()]),
      moments: Type.Object({ count: Type.Number(), sum: Type.Number(), sumSquares: Type.Number() }),
    }),
  ]),
  windowSeconds: Type.Number(),
  availableSeconds: Type.Number(),
});
export type TruthRow = Static<typeof TruthRowSchema>;

const TruthSchema = Type.Object({ rows: Type.Array(TruthRowSchema) });

/** `naap-sim truth` over [fromMs, toMs): one row per (hour, O, GPU, pipeline, model). */
export async function simTruth(
  scenario: string,
  fromMs: number,
  toMs: number,
): Promise<TruthRow[]> {
  const out = await naapSim([
    'truth',
    '--scenario',
    scenario,
    '--from',
    new Date(fromMs).toISOString(),
    '--to',
    new Date(toMs).toISOString(),
    '--no-gpu-utilization',
  ]);
  const parsed: unknown = JSON.parse(out);
  if (!Value.Check(TruthSchema, parsed)) throw new Error('naap-sim truth: unexpected output');
  return parsed.rows;
}

export interface BackfillSpec {
  readonly scenario: string;
  readonly collectorUrl: string;
  /** The collector's tokens file: agent tokens by address, gateway tokens for the regions. */
  readonly tokensFile: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly gatewayRegions: readonly string[];
}

/** `naap-sim backfill`: the window's history sent through the collector's OTLP ingest. */
export async function simBackfill(b: BackfillSpec): Promise<void> {
  await naapSim([
    'backfill',
    '--scenario',
    b.scenario,
    '--collector',
    b.collectorUrl,
    '--tokens',
    b.tokensFile,
    '--from',
    new Date(b.fromMs).toISOString(),
    '--to',
    new Date(b.toMs).toISOString(),
    ...(b.gatewayRegions.length > 0 ? ['--gateway-regions', b.gatewayRegions.join(',')] : []),
  ]);
}
