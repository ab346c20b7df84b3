import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { ANNOUNCER_STYLE_HASH } from '../svelte.config.js';

const require = createRequire(import.meta.url);

describe('content security policy', () => {
  it("allows exactly the style of SvelteKit's route announcer, by hash", async () => {
    const kit = dirname(require.resolve('@sveltejs/kit/package.json'));
    const source = await readFile(join(kit, 'src/core/sync/write_root.js'), 'utf8');
    const style = /id="svelte-announcer"[^>]*style="([^"]*)"/.exec(source)?.[1];
    expect(style).toBeDefined();
    const hash = `sha256-${createHash('sha256')
      .update(style ?? '')
      .digest('base64')}`;
    expect(ANNOUNCER_STYLE_HASH).toBe(hash);
  });

  it('forbids framing, plugins and scripts from elsewhere', () => {
    const d = config.kit?.csp?.directives ?? {};
    expect(d['frame-ancestors']).toEqual(['none']);
    expect(d['object-src']).toEqual(['none']);
    expect(d['script-src']).toEqual(['self']);
    expect(d['style-src']).toEqual(['self']);
    expect(config.kit?.csp?.mode).toBe('auto');
  });
});
