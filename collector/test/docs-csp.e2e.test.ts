import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRepository } from '../src/api/repository/empty.js';
import { buildApp } from '../src/app.js';
import { parseTokens } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config/resolve.js';
import { SelfMetrics } from '../src/telemetry/self-metrics.js';

// The API docs page (swagger-ui) in a real browser under the collector's
// content security policy: it renders, "Try it out" reaches the API, and
// the browser reports no violation of the policy.

const CHROMIUM = '/usr/bin/chromium';

let app: ReturnType<typeof buildApp>;
let browser: Browser | undefined;
const hasChromium = existsSync(CHROMIUM);
let base = '';

beforeAll(async () => {
  app = buildApp(await loadConfig(['--api-rate-limit', '0'], {}), {
    tokens: parseTokens('[]', 't'),
    pipeline: { accept: () => Promise.resolve() },
    metrics: new SelfMetrics(() => ({})),
    ready: () => Promise.resolve(true),
    api: { repository: emptyRepository() },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  if (hasChromium)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox'],
    });
});
afterAll(async () => {
  await browser?.close();
  await app.close();
});

describe.skipIf(!hasChromium)('API docs page under its CSP', () => {
  it('renders every operation and runs one without a policy violation', async () => {
    if (browser === undefined) throw new Error('no browser');
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // Runs in the page (DOM types are not this package's): every violation becomes a console error.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => {
        console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
      });`,
    });
    const res = await page.goto(`${base}/api/docs/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.opblock-summary', { timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    const summary = page.locator('.opblock', { hasText: '/api/v1/network/summary' }).first();
    await summary.locator('.opblock-summary').click();
    await summary.getByRole('button', { name: 'Try it out' }).click();
    await summary.getByRole('button', { name: 'Execute' }).click();
    const status = summary.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    expect((await status.innerText()).trim()).toBe('200');
    expect(problems).toEqual([]);
  });
});
