// Regenerates the catalog section of otel/README.md from the catalog data.
// A test fails when the committed README differs from what this writes.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { withCatalog } from '../src/catalog/markdown.js';

const path = fileURLToPath(new URL('../README.md', import.meta.url));
const before = await readFile(path, 'utf8');
const after = withCatalog(before);
if (after === before) {
  console.log('otel/README.md is up to date');
} else {
  await writeFile(path, after);
  console.log('otel/README.md regenerated');
}
