import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SUGGESTION_MARKER_KIND } from '../../src/core/contracts.js';
import { formatMarker } from '../../src/core/marker.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { commentsOf, issueLabels, setIssueState } from '../../src/emulators/github/state/issue-actions.js';
import type { IssueRecord } from '../../src/emulators/github/state/records.js';
import { BOT_LOGIN } from '../../src/emulators/github/state/repository-state.js';
import { runAction } from '../harness/runner.js';
import { HISTORY_NOW, seedHistory, type History } from '../dashboard/factory-history.js';

const HOUR = 3_600_000;
const NEXT_DAY = new Date(HISTORY_NOW.getTime() + 24 * HOUR);

describe('bundled triage-report with report: nightly', () => {
  let gh: GitHubEmulator;
  let history: History;
  let logMinerIssue: number;
  let rejectedTonight: number;
  const out = mkdtempSync(join(tmpdir(), 'agentic-nightly-test-'));

  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'shop', files: { 'README.md': '# shop\n' } });
    history = seedHistory(gh);
    // Tonight: the log miner filed a [Bug], a person rejected an older suggestion.
    gh.clock.set(new Date(HISTORY_NOW.getTime() - 5 * HOUR));
    const marker = formatMarker(SUGGESTION_MARKER_KIND, { fingerprint: 'lm-1', source: 'discovery', severity: 'high', category: 'log-miner:bug', prs: [] });
    logMinerIssue = gh.state.addIssue({
      title: '[Bug] TypeError: Cannot read properties of undefined in src/cart.ts',
      body: `Seen 4 times.\n\n${marker}`,
      user: BOT_LOGIN,
      labels: ['agent-suggestion', 'needs-approval', 'severity-high', 'source:log-miner'],
    }).number;
    const older = gh.state.addIssue({
      title: 'Inline the price helper',
      body: `x\n\n${formatMarker(SUGGESTION_MARKER_KIND, { fingerprint: 'old-1', source: 'cto-review', severity: 'low', category: 'quality', prs: [] })}`,
      user: BOT_LOGIN,
      labels: ['agent-suggestion', 'needs-approval', 'severity-low', 'source:cto-review'],
    });
    rejectedTonight = older.number;
    gh.clock.set(new Date(HISTORY_NOW.getTime() - 4 * HOUR));
    setIssueState(gh.state, older, 'closed', 'not_planned', 'maria');
    gh.clock.set(HISTORY_NOW);
  }, 180_000);

  afterAll(async () => {
    await gh.close();
    rmSync(out, { recursive: true, force: true });
  });

  function nightly(now: Date, inputs: Record<string, string> = {}, runId = 500) {
    return runAction({
      entry: 'triage-report.js',
      inputs: { 'github-token': gh.botToken, report: 'nightly', 'daily-budget-usd': '2', 'dashboard-dir': join(out, `site-${runId}`), ...inputs },
      eventName: 'schedule',
      event: { schedule: '0 6 * * *' },
      apiUrl: gh.apiUrl,
      serverUrl: gh.serverUrl,
      repository: 'acme/shop',
      runId,
      env: { AGENTIC_WORKFLOW_NOW: now.toISOString() },
      timeoutMs: 120_000,
    });
  }

  const allIssues = (): IssueRecord[] => [...gh.state.issues.values()].filter((issue) => !issue.isPullRequest);
  const nightlies = () => allIssues().filter((issue) => issue.title.startsWith('Nightly report') && issue.author === BOT_LOGIN);
  const labelsOf = (issue: IssueRecord) => issueLabels(gh.state, issue).map((label) => label.name);

  test('writes one issue for the day with what the factory did, a chart, links and spend against budget; the same in the job summary', async () => {
    const run = await nightly(HISTORY_NOW);
    expect(run.exitCode, run.stderr).toBe(0);
    const [report] = nightlies();
    expect(nightlies()).toHaveLength(1);
    expect(report?.title).toBe('Nightly report — 2026-12-03');
    const body = report?.body ?? '';
    expect(run.outputs['report-issue-number']).toBe(String(report?.number));
    // Work picked in the window and what became of it.
    expect(body).toMatch(new RegExp(`\\[#${history.inFlight}\\]\\([^)]+\\) Add gift cards: in progress`));
    // The failure with its category and reason.
    expect(body).toMatch(new RegExp(`#${history.failed}\\].*Support multiple currencies \\| code \\| The tests still failed after the last of 3 iteration`));
    // PRs opened in the window with their review verdict (auto-merge's gate table).
    const blockedRow = body.split('\n').find((line) => line.startsWith(`| [#${history.openPulls.blocked}](`));
    expect(blockedRow).toMatch(/ \| opened \| ❌ ciso-review blocks: a secret in src\/config.ts \| \$0.44 \|$/);
    expect(body).toContain('## Review verdicts');
    // Suggestions per analyst and the rejection, linked.
    expect(body).toMatch(new RegExp(`\\*\\*log-miner\\*\\*: 1\\n\\n- \\[#${logMinerIssue}\\]`));
    expect(body).toMatch(new RegExp(`## Rejections\\n\\n- \\[#${rejectedTonight}\\]`));
    // Spend: the two pull requests opened in the window ($0.31 + $0.44) against the $2 budget.
    expect(body).toContain('Spend: $0.75 of the $2.00 daily budget (38%) over 2 implementation runs.');
    expect(body).toMatch(/```mermaid\nflowchart LR\n {4}picked\["Issues picked: \d+"\]/);
    expect(body).toContain('opened["PRs opened: 2"]');
    // The dashboard is built and linked (this run's artifacts).
    expect(body).toContain(`Dashboard: ${gh.serverUrl}/acme/shop/actions/runs/500#artifacts`);
    expect(readFileSync(join(out, 'site-500', 'index.html'), 'utf8')).toContain('Fix rounding of totals');
    expect(labelsOf(report!)).toEqual(['nightly-report']);
    expect(run.summary).toContain('## agentic-workflow nightly report: 2026-12-03');
    expect(run.summary).toContain('Spend: $0.75 of the $2.00 daily budget');
    // Untrusted titles are escaped.
    expect(body).not.toContain('<img');
  });

  test('a rerun the same day with nothing new writes nothing, even from another run with another dashboard link', async () => {
    gh.resetRequests();
    const run = await nightly(new Date(HISTORY_NOW.getTime() + HOUR / 2), {}, 501);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.summary).toContain('unchanged (nothing written)');
    expect(gh.writes()).toHaveLength(0);
    expect(nightlies()).toHaveLength(1);
  });

  test('something new the same day updates the same issue, never a second one, for the same window', async () => {
    // auto-merge recorded the reviews' verdict on the other pull request opened in the window.
    gh.clock.set(new Date(HISTORY_NOW.getTime() + HOUR));
    const gates = commentsOf(gh.state, history.openPulls.ready).find((comment) => comment.body.includes('agentic-workflow:auto-merge'));
    gates!.body = `### agentic-workflow auto-merge\n\n${formatMarker('auto-merge', { headSha: 'abc1234', status: 'waiting', gates: [{ name: 'agent-reviews', status: 'pass', reason: 'cto-review and ciso-review passed' }] })}`;
    const run = await nightly(new Date(HISTORY_NOW.getTime() + 2 * HOUR), {}, 502);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.summary).toContain(': updated.');
    expect(nightlies()).toHaveLength(1);
    const body = nightlies()[0]?.body ?? '';
    expect(body).toContain('✅ cto-review and ciso-review passed');
    expect(body).toContain('runs/502#artifacts');
    expect(body).toContain('What the agents did from 2026-12-02 12:00 UTC to 2026-12-03 12:00 UTC.');
  });

  test('an issue someone else wrote with the same title, label and marker is not taken for the report', async () => {
    const forged = gh.state.addIssue({
      title: 'Nightly report — 2026-12-04',
      body: `Merged everything!\n\n${formatMarker('nightly-report', { day: '2026-12-04' })}`,
      user: 'maria',
      labels: ['nightly-report'],
    });
    const run = await nightly(NEXT_DAY, {}, 503);
    expect(run.exitCode, run.stderr).toBe(0);
    const mine = nightlies().filter((issue) => issue.title === 'Nightly report — 2026-12-04');
    expect(forged.author).toBe('maria');
    expect(mine).toHaveLength(1);
    expect(gh.state.issue(forged.number)?.body).toContain('Merged everything!');
    // The next day's report exists, so yesterday's is closed: one open at a time.
    const yesterday = nightlies().find((issue) => issue.title === 'Nightly report — 2026-12-03');
    expect(yesterday?.state).toBe('closed');
    expect(mine[0]?.state).toBe('open');
    // The window starts where yesterday's ended.
    expect(mine[0]?.body).toContain('What the agents did from 2026-12-03 12:00 UTC to 2026-12-04 12:00 UTC.');
  });

  test('the weekly triage report links the week’s nightly reports and the dashboard; a rerun from another run writes nothing', async () => {
    const weekly = (runId: number) =>
      runAction({
        entry: 'triage-report.js',
        inputs: { 'github-token': gh.botToken, 'dashboard-dir': join(out, `weekly-${runId}`) },
        eventName: 'workflow_dispatch',
        event: { inputs: {} },
        apiUrl: gh.apiUrl,
        serverUrl: gh.serverUrl,
        repository: 'acme/shop',
        runId,
        env: { AGENTIC_WORKFLOW_NOW: NEXT_DAY.toISOString() },
        timeoutMs: 120_000,
      });
    const first = await weekly(600);
    expect(first.exitCode, first.stderr).toBe(0);
    const report = allIssues().find((issue) => issue.title.startsWith('Triage report'));
    const byDay = (day: string) => nightlies().find((issue) => issue.title === `Nightly report — ${day}`);
    expect(report?.body).toContain(
      `## Nightly reports\n\n[2026-12-03](${gh.serverUrl}/acme/shop/issues/${byDay('2026-12-03')?.number}) · [2026-12-04](${gh.serverUrl}/acme/shop/issues/${byDay('2026-12-04')?.number})`,
    );
    expect(report?.body).toContain(`Dashboard: ${gh.serverUrl}/acme/shop/actions/runs/600#artifacts`);
    gh.resetRequests();
    const again = await weekly(601);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(gh.writes()).toHaveLength(0);
  });
});
