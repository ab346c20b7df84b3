/**
 * Gzipped size of the JavaScript each page loads before it is interactive
 * (SvelteKit's start-up entries, the root layout and the page, with their
 * static imports; lazily loaded chunks such as the chart library excluded),
 * from the built output. Prints the overview's chunks one by one, every
 * page's total, and fails when the overview is over its budget.
 *
 *   pnpm --filter @naap/dashboard build && pnpm --filter @naap/dashboard bundle-size
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const root = fileURLToPath(new URL('../.svelte-kit/output/', import.meta.url));

const importsOf = (text: string): string[] => {
  const list = /imports\s*[:=]\s*(\[[^\]]*\])/.exec(text)?.[1];
  return list === undefined ? [] : (JSON.parse(list) as string[]);
};

interface PageNode {
  readonly route: string;
  readonly imports: readonly string[];
}

async function nodes(): Promise<{ layout: readonly string[]; pages: PageNode[] }> {
  const dir = join(root, 'server', 'nodes');
  let layout: readonly string[] = [];
  const pages: PageNode[] = [];
  for (const file of await readdir(dir)) {
    const text = await readFile(join(dir, file), 'utf8');
    const component = /entries\/pages\/(.*?)\.svelte\.js/.exec(text)?.[1];
    if (component === undefined) continue;
    if (component === '_layout') layout = importsOf(text);
    else if (component.endsWith('_page')) {
      const route = `/${component
        .replace(/_page$/, '')
        .replace(/\/$/, '')
        .replace(/_(\w+)_/g, '[$1]')}`;
      pages.push({ route, imports: importsOf(text) });
    }
  }
  return { layout, pages };
}

const sizes = new Map<string, { raw: number; gzip: number }>();
async function size(file: string): Promise<{ raw: number; gzip: number }> {
  const known = sizes.get(file);
  if (known !== undefined) return known;
  const bytes = await readFile(join(root, 'client', file));
  const s = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  sizes.set(file, s);
  return s;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const manifest = await readFile(join(root, 'server', 'manifest.js'), 'utf8');
  const entry = importsOf(manifest);
  const { layout, pages } = await nodes();
  const closure = (page: PageNode): string[] => [
    ...new Set([...entry, ...layout, ...page.imports]),
  ];

  const overview = pages.find((p) => p.route === '/');
  if (overview === undefined) throw new Error('no overview page in the build: run the build first');
  console.log('Overview (/): JavaScript loaded before the page is interactive');
  let total = 0;
  let raw = 0;
  for (const file of closure(overview)) {
    const s = await size(file);
    total += s.gzip;
    raw += s.raw;
    console.log(`  ${file.padEnd(48)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(9)} gzip`);
  }
  console.log(`  ${'total'.padEnd(48)} ${kb(raw).padStart(9)} ${kb(total).padStart(9)} gzip`);
  console.log(
    `  budget ${kb(BUDGET_BYTES)} gzip: ${total <= BUDGET_BYTES ? 'within' : 'OVER'} (${((total / BUDGET_BYTES) * 100).toFixed(0)} %)`,
  );

  // The headline figure for `pnpm bench`'s summary table.
  console.log(
    `::bench ${JSON.stringify({ bench: 'dashboard', figure: 'overview JavaScript, gzip', value: total / 1024, unit: 'KiB', baseline: 'raw (uncompressed)', baselineValue: raw / 1024, goal: '≤ 150 KiB', met: total <= BUDGET_BYTES })}`,
  );
  console.log('\nEvery page (gzip, before lazily loaded chunks):');
  for (const page of pages.sort((a, b) => a.route.localeCompare(b.route))) {
    let t = 0;
    for (const file of closure(page)) t += (await size(file)).gzip;
    console.log(`  ${page.route.padEnd(32)} ${kb(t).padStart(9)}`);
  }
  if (total > BUDGET_BYTES) process.exitCode = 1;
}

await main();
