import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Leaderboard, LeaderboardRow } from '@naap/otel/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoConfig } from '../src/config.js';
import { startDemo, type RunningDemo } from '../src/demo.js';
import { BUILT } from '../src/services.js';

// The shortened demo, as `npm run demo` runs it but smaller: built binaries
// as child processes (collector on the embedded store, simulator with one
// pinned gateway per orchestrator, one agent each, a test-load gateway, the
// dashboard), three hours of backfilled history; then a headless Chromium
// looks at it as a visitor would. Agents enroll for real (go-livepeer signs
// the collector's challenge).

const CHROMIUM = '/usr/bin/chromium';
const built = Object.values(BUILT).every((f) => existsSync(f));
const SCREENSHOTS = fileURLToPath(new URL('../../.reports/screenshots/', import.meta.url));

const SCENARIO = `
version: 1
name: demo-e2e
seed: 5
orchestrators:
  - id: orch-fra-1
    region: FRA
    behaviour: healthy
    gpus:
      - model: rtx-4090
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 600 }]
  - id: orch-lon-1
    region: LON
    behaviour: healthy
    gpus:
      - model: l40s
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 600 }]
  - id: orch-nyc-1
    region: NYC
    behaviour: flaky
    gpus:
      - model: rtx-3090
        workloads:
          - pipeline: text-to-image
            model: stabilityai/sdxl-turbo
            demandPerHour: 600
            failureRate: 0.25
            errors: { timeout: 2, runner_error: 1 }
`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => {
    server.close(() => {
      r();
    });
  });
  return port;
}

let dir = '';
let demo: RunningDemo | undefined;
let browser: Browser | undefined;
const stop = new AbortController();

beforeAll(async () => {
  if (!built || !existsSync(CHROMIUM)) return;
  dir = await mkdtemp(join(tmpdir(), 'naap-demo-e2e-'));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  const config = await loadDemoConfig(
    [
      '--data-dir',
      join(dir, 'data'),
      '--scenario',
      join(dir, 'scenario.yaml'),
      '--history',
      '3h',
      '--collector-port',
      String(await freePort()),
      '--dashboard-port',
      String(await freePort()),
      '--gateway-regions',
      'FRA',
    ],
    {},
    dir,
  );
  const quiet = { out: () => undefined, progress: () => undefined };
  demo = await startDemo(config, quiet, stop.signal);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!built || !existsSync(CHROMIUM))('the demo, end to end', () => {
  it('scores every simulated orchestrator, the flaky one below the healthy ones', async () => {
    const running = demo!;
    const names = new Map(
      running.endpoints.orchestrators.map((o) => [o.address.toLowerCase(), o.id]),
    );
    let rows: LeaderboardRow[] = [];
    await expect
      .poll(
        async () => {
          const res = await fetch(`${running.collectorUrl}/api/v1/leaderboard?window=24h`);
          if (!res.ok) return 0;
          rows = ((await res.json()) as Leaderboard).items;
          return rows.filter((r) => r.score !== null).length;
        },
        { timeout: 150_000, interval: 2_000 },
      )
      .toBe(3);
    const ranked = rows.map((r) => names.get(r.address.toLowerCase()));
    expect(ranked.indexOf('orch-nyc-1')).toBe(2);
  });

  it('shows them in the browser: leaderboard with scores, live GPU charts', async () => {
    const running = demo!;
    const page = await browser!.newPage({ viewport: { width: 1360, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${running.dashboardUrl ?? ''}/leaderboard?window=24h`);
    const rows = page.locator('tbody tr[data-address]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
    const order: (string | null)[] = [];
    for (let i = 0; i < 3; i++) order.push(await rows.nth(i).getAttribute('data-address'));
    const flaky = running.endpoints.orchestrators.find((o) => o.id === 'orch-nyc-1')!.address;
    expect(order.map((a) => a?.toLowerCase()).indexOf(flaky.toLowerCase())).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-leaderboard.png'), fullPage: true });

    const healthy = running.endpoints.orchestrators.find((o) => o.id === 'orch-fra-1')!.address;
    await page.goto(`${running.dashboardUrl ?? ''}/orchestrators/${healthy}?window=1h`);
    await page.locator('#gpu-utilization canvas').first().waitFor({ timeout: 30_000 });
    // Its agent enrolled for real: go-livepeer signed the collector's challenge.
    expect(await page.locator('.identity').textContent()).toContain('✓ enrolled');
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-orchestrator.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
