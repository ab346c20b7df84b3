/**
 * `pnpm bench`: runs every benchmark (ingest, agent overhead, query latency,
 * dashboard bundle size), passing their output through, then prints one
 * table of the headline figures, each next to the baseline its benchmark
 * measured in the same run. Benchmarks announce figures with `::bench {json}`
 * lines; the agent benchmark's table rows are read as printed.
 */
import { spawn } from 'node:child_process';

interface Figure {
  readonly bench: string;
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: string | null;
  readonly baselineValue: number | null;
  readonly goal: string;
  readonly met: boolean;
}

const RUNS: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: 'ingest', args: ['run', 'bench:ingest'] },
  { name: 'ingest (log)', args: ['run', 'bench:ingest', '--ingest-ack', 'log'] },
  { name: 'agent', args: ['run', 'bench:agent'] },
  { name: 'query', args: ['run', 'bench:query'] },
  { name: 'dashboard', args: ['--filter', '@naap/dashboard', 'run', 'bundle-size'] },
];

function run(args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('pnpm', [...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      resolve({ code: code ?? 1, out });
    });
  });
}

function markers(out: string): Figure[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('::bench '))
    .flatMap((l) => {
      try {
        return [JSON.parse(l.slice(8)) as Figure];
      } catch {
        return [];
      }
    });
}

/** The agent benchmark's own table: agent and prometheus-node-exporter rows. */
function agentFigures(out: string): Figure[] {
  const num = (label: string): number | null => {
    const m = new RegExp(`${label}\\s+([\\d.]+)`).exec(out);
    return m?.[1] === undefined ? null : Number(m[1]);
  };
  const cpu = num('agent CPU, % of one core');
  const rss = num('agent peak RSS, MiB');
  const neCpu = num('node-exporter CPU, % of one core');
  const neRss = num('node-exporter peak RSS, MiB');
  const out2: Figure[] = [];
  if (cpu !== null)
    out2.push({
      bench: 'agent',
      figure: 'agent CPU (8 GPUs at 1 s, 50 jobs/s)',
      value: cpu,
      unit: '% core',
      baseline: 'prometheus-node-exporter',
      baselineValue: neCpu,
      goal: '≤ 2 %',
      met: cpu <= 2,
    });
  if (rss !== null)
    out2.push({
      bench: 'agent',
      figure: 'agent peak RSS',
      value: rss,
      unit: 'MiB',
      baseline: 'prometheus-node-exporter',
      baselineValue: neRss,
      goal: '≤ 100 MiB',
      met: rss <= 100,
    });
  return out2;
}

const fmt = (n: number | null): string =>
  n === null ? '–' : n >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);

function table(figures: readonly Figure[], failed: readonly string[]): string {
  const rows = [
    ['bench', 'figure', 'measured', 'baseline (same run)', 'ratio', 'goal', ''],
    ...figures.map((f) => [
      f.bench,
      f.figure,
      `${fmt(f.value)} ${f.unit}`,
      f.baseline === null ? '–' : `${fmt(f.baselineValue)} (${f.baseline})`,
      f.baselineValue === null || f.baselineValue === 0
        ? '–'
        : `${(f.value / f.baselineValue).toFixed(2)}×`,
      f.goal,
      f.met ? 'met' : 'MISSED',
    ]),
    ...failed.map((name) => [name, '(benchmark failed: see its output above)', '', '', '', '', '']),
  ];
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const figures: Figure[] = [];
const failed: string[] = [];
for (const r of RUNS) {
  process.stdout.write(`\n== bench: ${r.name}\n`);
  const { code, out } = await run(r.args);
  const found = r.name === 'agent' ? agentFigures(out) : markers(out);
  if (code !== 0 && found.length === 0) failed.push(r.name);
  figures.push(...found);
}
process.stdout.write(`\n== summary\n${table(figures, failed)}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
