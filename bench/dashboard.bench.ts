import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMPLEMENT_PR_MARKER_KIND, SUGGESTION_MARKER_KIND } from '../src/core/contracts.js';
import { formatMarker } from '../src/core/marker.js';
import { startGitHubEmulator, type GitHubEmulator } from '../src/emulators/github/index.js';
import { setIssueState } from '../src/emulators/github/state/issue-actions.js';
import { setPullOpen } from '../src/emulators/github/state/pull-actions.js';
import { BOT_LOGIN } from '../src/emulators/github/state/repository-state.js';
import { runAction } from '../test/harness/runner.js';
import { CHROMIUM } from '../test/dashboard/browser.js';
import { median, recordFigure } from './figures.js';

// Issue #18's scale: 1,000 issues and 500 agent pull requests (20 of them open, with auto-merge's gate
// table), built by the bundled triage-report as a dry run. The physical minimum is one list page per 100
// items: 15 for everything the bot opened, 2 for the open roadmap issues; then one comment page per open
// agent PR and per issue in flight or failed (each capped at 50), plus the policy file and the bot identity.
const ISSUES = 1000;
const PULLS = 500;
const OPEN_PULLS = 20;
const IN_FLIGHT = 10;
const DAY = 86_400_000;
const NOW = new Date('2026-12-03T12:00:00Z');

let gh: GitHubEmulator;
const out = mkdtempSync(join(tmpdir(), 'agentic-dashboard-bench-'));

beforeAll(async () => {
  gh = await startGitHubEmulator({ owner: 'acme', repo: 'shop', files: { 'README.md': '# shop\n' } });
  gh.state.addUser({ login: 'maria', type: 'User' });
  const severities = ['critical', 'high', 'medium', 'low'] as const;
  for (let i = 0; i < ISSUES - IN_FLIGHT - 30; i++) {
    gh.clock.set(new Date(NOW.getTime() - (i % 84) * DAY));
    const marker = formatMarker(SUGGESTION_MARKER_KIND, {
      fingerprint: `fp-${i}`,
      source: i % 2 ? 'cto-review' : 'ciso-review',
      severity: severities[i % 4],
      category: 'quality',
      prs: [],
    });
    const issue = gh.state.addIssue({ title: `Suggestion ${i}`, body: marker, user: BOT_LOGIN, labels: ['agent-suggestion', 'needs-approval'] });
    if (i % 3 === 0) setIssueState(gh.state, issue, 'closed', 'not_planned', 'maria');
  }
  for (let i = 0; i < 30; i++) gh.state.addIssue({ title: `Queued ${i}`, labels: ['roadmap'], user: 'maria' });
  for (let i = 0; i < IN_FLIGHT; i++) {
    const issue = gh.state.addIssue({ title: `In flight ${i}`, labels: ['roadmap', 'agent:in-progress'], user: 'maria' });
    gh.state.addComment({ issue_number: issue.number, user: BOT_LOGIN, body: formatMarker('implement', { stage: 'working' }) });
  }
  gh.state.commitFiles('automated/shared', { 'src/a.ts': 'export const a = 1;\n' });
  for (let i = 0; i < PULLS; i++) {
    gh.clock.set(new Date(NOW.getTime() - (i % 84) * DAY));
    const open = i >= PULLS - OPEN_PULLS;
    const head = open ? `automated/open-${i}` : 'automated/shared';
    if (open) gh.state.commitFiles(head, { [`src/open-${i}.ts`]: `export const x = ${i};\n` });
    const marker = formatMarker(IMPLEMENT_PR_MARKER_KIND, { issue: 1, costUsd: 0.3, openedAt: gh.clock.iso() });
    const pull = gh.state.addPullRequest({ head, title: `Implement ${i}`, body: marker, user: BOT_LOGIN, labels: ['automated'] });
    if (open)
      gh.state.addComment({
        issue_number: pull.number,
        user: BOT_LOGIN,
        body: formatMarker('auto-merge', { headSha: 'abc', status: 'waiting', gates: [{ name: 'checks', status: 'wait', reason: 'CI running' }] }),
      });
    else setPullOpen(gh.state, pull, false, 'maria');
  }
  gh.clock.set(NOW);
}, 600_000);

afterAll(async () => {
  await gh.close();
  rmSync(out, { recursive: true, force: true });
});

it('dashboard over 1,000 issues and 500 PRs: reads, page weight, first render in Chromium', async () => {
  gh.resetRequests();
  const run = await runAction({
    entry: 'triage-report.js',
    inputs: { 'github-token': gh.botToken, 'dry-run': 'true', 'dashboard-dir': out },
    eventName: 'workflow_dispatch',
    event: { inputs: {} },
    apiUrl: gh.apiUrl,
    serverUrl: gh.serverUrl,
    repository: 'acme/shop',
    env: { AGENTIC_WORKFLOW_NOW: NOW.toISOString() },
    timeoutMs: 240_000,
  });
  expect(run.exitCode, run.stderr).toBe(0);
  const reads = gh.reads().length;
  // 15 + 1 list pages, 20 + 10 comment pages, the policy file (2) and the bot identity (1).
  const budget = 15 + 1 + OPEN_PULLS + IN_FLIGHT + 3;
  recordFigure({
    name: 'dashboard reads (1,000 issues, 500 PRs, 20 open, 10 in flight)',
    value: reads,
    unit: 'requests',
    target: `<= ${budget}`,
    pass: reads <= budget,
  });

  const page = join(out, 'index.html');
  const bytes = statSync(page).size;
  recordFigure({ name: 'dashboard page weight', value: Math.round(bytes / 1024), unit: 'KB', target: '<= 300', pass: bytes <= 300 * 1024 });

  if (!CHROMIUM) {
    console.warn('dashboard first render not measured: no Chromium installed');
    return;
  }
  // A one-paragraph page in the same browser, same run, is the yardstick: the ratio says what the dashboard
  // itself costs, whatever else the machine is doing.
  const plain = join(out, 'plain.html');
  writeFileSync(plain, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head><body><p>plain</p></body></html>');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const firstPaint = async (file: string): Promise<number> => {
      const tab = await browser.newPage();
      await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const paint = await tab.evaluate(() => {
        const entry = (
          globalThis as unknown as { performance: { getEntriesByName: (name: string) => Array<{ startTime: number }> } }
        ).performance.getEntriesByName('first-contentful-paint')[0];
        return entry?.startTime ?? -1;
      });
      await tab.close();
      return paint;
    };
    const dashboard: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      baseline.push(await firstPaint(plain));
      dashboard.push(await firstPaint(page));
    }
    const value = Math.round(median(dashboard));
    const ratio = median(dashboard) / Math.max(1, median(baseline));
    recordFigure({
      name: 'dashboard first contentful paint (median of 5)',
      value,
      unit: 'ms',
      target: '< 1000',
      pass: value >= 0 && value < 1000,
      note: `${ratio.toFixed(1)}x a one-paragraph page (${Math.round(median(baseline))} ms)`,
    });
  } finally {
    await browser.close();
  }
});
