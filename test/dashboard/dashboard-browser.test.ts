import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { buildDashboard, type Dashboard } from '../../src/dashboard/build.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { BOT_LOGIN } from '../../src/emulators/github/state/repository-state.js';
import { CHROMIUM, NO_BROWSER_REASON } from './browser.js';
import { HISTORY_DASHBOARD_SETTINGS, HISTORY_NOW, HOSTILE_TITLE, startHistory, type History } from './factory-history.js';

/** Where the screenshot is kept after the run (ignored by git; CI can upload it). */
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts');

if (!CHROMIUM) console.warn(`dashboard browser tests skipped: ${NO_BROWSER_REASON}`);

describe.skipIf(!CHROMIUM)(`the dashboard in a real browser${CHROMIUM ? '' : ` (skipped: ${NO_BROWSER_REASON})`}`, () => {
  let gh: GitHubEmulator;
  let history: History;
  let dashboard: Dashboard;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ gh, history } = await startHistory());
    const bot = { login: BOT_LOGIN, id: gh.state.user(BOT_LOGIN)!.id, type: 'Bot' };
    dashboard = await buildDashboard(
      {
        gh: createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl }),
        repo: { owner: 'acme', repo: 'shop' },
        bot,
        serverUrl: gh.serverUrl,
        now: HISTORY_NOW,
        secrets: [],
        source: 'acme/shop',
      },
      HISTORY_DASHBOARD_SETTINGS,
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'dashboard.html');
    writeFileSync(file, dashboard.html);
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await gh?.close();
  });

  test('the queue, the pull requests with their gates and the failures show as built', async () => {
    const queue = await page.locator('#queue + table tbody tr').allTextContents();
    expect(queue).toHaveLength(2);
    expect(queue[0]).toContain('Fix rounding of totals');
    expect(queue[0]).toContain('high');
    const pulls = await page.locator('#pulls + table tbody tr').allTextContents();
    expect(pulls.find((row) => row.includes(`#${history.openPulls.blocked}`))).toContain('blocked');
    expect(pulls.find((row) => row.includes(`#${history.openPulls.ready}`))).toContain('ci / test is still running');
    expect(await page.locator('#failures + table tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Support multiple currencies') as unknown as string,
    ]);
    const tiles = await page.locator('.tiles strong').allTextContents();
    expect(tiles).toEqual(['2', '3', '2', String(history.pendingSuggestions), '1']);
  });

  test('each chart renders with the expected number of series', async () => {
    const series = await page
      .locator('figure.chart')
      .evaluateAll((figures) => figures.map((figure) => [figure.id, figure.querySelectorAll('svg g.series').length]));
    expect(series).toEqual([
      ['throughput', 4],
      ['rates', 3],
      ['lead-time', 2],
      ['cost', 2],
      ['findings', 2],
    ]);
    const box = await page.locator('#throughput svg').boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(await page.locator('#throughput svg rect').count()).toBeGreaterThan(10);
  });

  test('links point at the repository on GitHub', async () => {
    const hrefs = await page.locator('main a[href^="http"]').evaluateAll((links) => links.map((link) => (link as unknown as { href: string }).href));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(href.startsWith(`${gh.serverUrl}/acme/shop/`)).toBe(true);
    expect(hrefs).toContain(`${gh.serverUrl}/acme/shop/pull/${history.openPulls.blocked}`);
    expect(hrefs).toContain(`${gh.serverUrl}/acme/shop/issues/${history.failed}`);
  });

  test('a hostile title renders as text and opens no dialog; the page makes no request', async () => {
    expect(await page.getByText(HOSTILE_TITLE, { exact: false }).count()).toBe(1);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  });

  test('axe finds no serious or critical accessibility violation, in light and dark mode', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme, bypassCSP: true });
      const checked = await context.newPage();
      await checked.goto(pathToFileURL(join(ARTIFACTS, 'dashboard.html')).href);
      await checked.addScriptTag({ content: axeSource });
      const violations = await checked.evaluate(async () => {
        const result = await (
          globalThis as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }
        ).axe.run();
        return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
      });
      expect(
        violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'),
        colorScheme,
      ).toEqual([]);
      if (colorScheme === 'light') await checked.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
      await context.close();
    }
  }, 180_000);
});
