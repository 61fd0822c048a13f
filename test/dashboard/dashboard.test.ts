import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { buildDashboard, DEFAULT_TREND_WEEKS } from '../../src/dashboard/build.js';
import { escapeHtml, safeLink } from '../../src/dashboard/escape.js';
import { niceMax } from '../../src/dashboard/svg-chart.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { BOT_LOGIN } from '../../src/emulators/github/state/repository-state.js';
import { HISTORY_DASHBOARD_SETTINGS, HISTORY_NOW, HOSTILE_TITLE, startHistory, type History } from './factory-history.js';

const SETTINGS = HISTORY_DASHBOARD_SETTINGS;

let gh: GitHubEmulator;
let history: History;

// Seeding six weeks of history makes real git commits and merges: once per file.
beforeAll(async () => {
  ({ gh, history } = await startHistory());
}, 180_000);

afterAll(async () => {
  await gh.close();
});

async function build(secrets: string[] = [], settings = SETTINGS) {
  const client = createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl });
  const bot = { login: BOT_LOGIN, id: gh.state.user(BOT_LOGIN)!.id, type: 'Bot' };
  gh.resetRequests();
  return buildDashboard(
    { gh: client, repo: { owner: 'acme', repo: 'shop' }, bot, serverUrl: gh.serverUrl, now: HISTORY_NOW, secrets, source: 'acme/shop' },
    settings,
  );
}

describe('dashboard from the state store', () => {
  test('the queue is in pick order; in flight, open PRs with their gates, suggestions and failures are shown', async () => {
    const dashboard = await build();
    expect(dashboard.now.queue.map((item) => item.number)).toEqual(history.queued);
    expect(dashboard.now.queue[0]?.priority).toBe('high');
    expect(dashboard.now.inFlight.map((item) => item.state)).toEqual(['in-progress', 'pr-open', 'pr-open']);
    expect(dashboard.now.inFlight[0]?.number).toBe(history.inFlight);
    expect(dashboard.now.inFlight[0]?.runUrl).toBe(`${gh.serverUrl}/acme/shop/actions/runs/77`);
    const pulls = new Map(dashboard.now.pulls.map((pull) => [pull.number, pull]));
    expect(pulls.get(history.openPulls.ready)).toMatchObject({ verdict: 'waiting', reason: 'checks: ci / test is still running' });
    expect(pulls.get(history.openPulls.blocked)).toMatchObject({ verdict: 'blocked', reason: 'agent-reviews: ciso-review blocks: a secret in src/config.ts' });
    expect(dashboard.now.suggestions.map((group) => [group.severity, group.source, group.items.length])).toEqual([
      ['critical', 'ciso-review', 1],
      ['high', 'ciso-review', 1],
      ['medium', 'cto-review', 1],
    ]);
    expect(dashboard.now.failures).toEqual([
      expect.objectContaining({ number: history.failed, category: 'code', action: expect.stringContaining('/retry') as unknown as string }),
    ]);
  });

  test('weekly trends count the merged and closed pull requests and their cost', async () => {
    const dashboard = await build();
    expect(dashboard.weeks).toHaveLength(DEFAULT_TREND_WEEKS);
    expect(dashboard.weeks.reduce((sum, week) => sum + week.merged, 0)).toBe(history.mergedPulls);
    expect(dashboard.weeks.reduce((sum, week) => sum + week.closedUnmerged, 0)).toBe(1);
    expect(dashboard.weeks.reduce((sum, week) => sum + week.opened, 0)).toBe(14);
    expect(dashboard.weeks.at(-1)?.raisedBySource).toEqual({ 'ciso-review': 1 });
    expect(dashboard.weeks.some((week) => week.rejected === 1)).toBe(true);
    const spend = dashboard.weeks.reduce((sum, week) => sum + week.spendUsd, 0);
    expect(spend).toBeCloseTo(12 * 0.2 + 2 * (0.05 * (1 + 2 + 3 + 4 + 5 + 6)) + 0.31 + 0.44, 5);
  });

  test('reads: two listings of one page each, one comment page per open PR and per issue in flight or failed; no writes', async () => {
    const dashboard = await build();
    // 2 open PRs; 4 issues in flight (one in progress, two with a PR open) or failed.
    expect(dashboard.reads).toBe(2 + 2 + 4);
    // One more for the bot identity is the caller's; the emulator saw exactly what the dashboard counted.
    expect(gh.requests.length).toBe(dashboard.reads);
    expect(gh.writes()).toHaveLength(0);
  });

  test('read caps bound the per-item reads; items past the cap show as not evaluated', async () => {
    const dashboard = await build([], { ...SETTINGS, limits: { maxPulls: 1, maxIssues: 0 } });
    expect(dashboard.reads).toBe(2 + 1);
    expect(dashboard.unread).toBe(1 + 4);
    expect(dashboard.now.pulls.filter((pull) => pull.verdict === 'not evaluated')).toHaveLength(1);
  });

  test('titles are text: a hostile suggestion title is escaped and no tag from it survives', async () => {
    const { html } = await build();
    expect(html).toContain(escapeHtml(HOSTILE_TITLE));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<[^>]*onerror/i);
  });

  test('the page loads nothing: a Content-Security-Policy forbids every load and scripts; the stylesheet is allowed by hash', async () => {
    const { html } = await build();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b|<[^>]*\ssrc=/i);
  });

  test('secrets the run holds never reach the page; a control title without one is unchanged', async () => {
    const token = 'ghs_Secret0123456789abcdefghijklmnopqrstu';
    gh.state.addIssue({ title: `Rotate ${token} now`, body: 'x', labels: ['roadmap'], user: 'maria' });
    const { html } = await build([token]);
    expect(html).not.toContain(token);
    expect(html).toContain('Rotate ghs_…[redacted] now');
    expect(html).toContain('Fix rounding of totals');
  });
});

describe('pieces', () => {
  test('links are kept only to the repository server', () => {
    expect(safeLink('https://github.com/acme/shop/pull/3', 'https://github.com')).toBe('https://github.com/acme/shop/pull/3');
    expect(safeLink('https://evil.example/x', 'https://github.com')).toBeNull();
    expect(safeLink('javascript:alert(1)', 'https://github.com')).toBeNull();
    expect(safeLink(undefined, 'https://github.com')).toBeNull();
  });

  test('axis maxima are round', () => {
    expect([0, 0.3, 1, 3, 7, 12, 480].map(niceMax)).toEqual([1, 0.5, 1, 5, 10, 20, 500]);
  });
});
