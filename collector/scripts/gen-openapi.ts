// Writes collector/openapi.json from the route schemas (`pnpm --filter @naap/collector gen:openapi`).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { openapiDocument } from '../src/api/openapi-doc.js';

const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
const text = await format(JSON.stringify(await openapiDocument()), { ...options, parser: 'json' });
await writeFile(target, text);
process.stdout.write(`wrote ${target}\n`);
