import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { NIGHTLY_MARKER_KIND } from '../../src/core/markers/kinds.js';
import { writeMarker } from '../../src/core/markers/registry.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { commentsOf } from '../../src/emulators/github/state/issue-actions.js';
import type { DiscussionRecord } from '../../src/emulators/github/state/discussions.js';
import type { IssueRecord } from '../../src/emulators/github/state/records.js';
import { BOT_LOGIN } from '../../src/emulators/github/state/repository-state.js';
import { runAction } from '../harness/runner.js';
import { HISTORY_NOW, seedHistory, type History } from '../dashboard/factory-history.js';

const HOUR = 3_600_000;
const NEXT_DAY = new Date(HISTORY_NOW.getTime() + 24 * HOUR);
const THIRD_DAY = new Date(HISTORY_NOW.getTime() + 48 * HOUR);

describe('bundled triage-report with report: nightly as a Discussion', () => {
  let gh: GitHubEmulator;
  let history: History;
  const out = mkdtempSync(join(tmpdir(), 'agentic-nightly-discussion-'));

  beforeAll(async () => {
    gh = await startGitHubEmulator({
      owner: 'acme',
      repo: 'shop',
      // The category comes from the policy file; the action input is left empty.
      files: { 'README.md': '# shop\n', '.github/agentic.yml': 'triage:\n  nightly-discussion-category: Reports\n' },
    });
    history = seedHistory(gh);
    gh.state.discussions.enable(['Reports']);
  }, 180_000);

  afterAll(async () => {
    await gh.close();
    rmSync(out, { recursive: true, force: true });
  });

  function nightly(now: Date, options: { inputs?: Record<string, string>; token?: string; runId?: number } = {}) {
    const runId = options.runId ?? 700;
    return runAction({
      entry: 'triage-report.js',
      inputs: { 'github-token': options.token ?? gh.botToken, report: 'nightly', 'dashboard-dir': join(out, `site-${runId}`), ...options.inputs },
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

  const reports = () => gh.state.discussions.all().filter((discussion) => discussion.title.startsWith('Nightly report'));
  const nightlyIssues = () => [...gh.state.issues.values()].filter((issue: IssueRecord) => !issue.isPullRequest && issue.title.startsWith('Nightly report'));
  const graphql = () => gh.requests.filter((request) => request.path === '/api/graphql').map((request) => request.route);
  const closes = () => graphql().filter((route) => route === 'graphql:NightlyCloseDiscussion').length;
  const byTitle = (title: string) => reports().filter((report) => report.title === title);
  /** A discussion in a category, written straight into the emulator's state as its author would have. */
  const seed = (author: string, day: string, options: { category?: string; marker?: boolean; title?: string } = {}): DiscussionRecord =>
    gh.state.discussions.create({
      categoryId: gh.state.discussions.category(options.category ?? 'Reports')!.id,
      title: options.title ?? `Nightly report — ${day}`,
      body: `Everything merged.${options.marker === false ? '' : `\n\n${writeMarker(NIGHTLY_MARKER_KIND, { day, end: `${day}T06:00:00.000Z` })}\n`}`,
      author,
    });
  const creates = () =>
    gh.requests.filter(
      (request) => request.path === '/api/graphql' && String((request.body as { query?: unknown } | undefined)?.query).includes('createDiscussion'),
    ).length;

  test('posts the day’s report as one discussion in the category named in the policy file, not as an issue; the summary has the report too', async () => {
    const run = await nightly(HISTORY_NOW);
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    const [report] = reports();
    expect(reports()).toHaveLength(1);
    expect(report?.title).toBe('Nightly report — 2026-12-03');
    expect(gh.state.discussions.categories.find((category) => category.id === report?.categoryId)?.name).toBe('Reports');
    expect(report?.author).toBe(BOT_LOGIN);
    expect(report?.body).toContain('```mermaid');
    expect(report?.body).toContain('<!-- agentic-workflow:nightly-report');
    expect(nightlyIssues()).toHaveLength(0);
    const url = `${gh.serverUrl}/acme/shop/discussions/${report?.number}`;
    expect(run.outputs['report-url']).toBe(url);
    expect(run.summary).toContain(
      `- Report [discussion #${report?.number}](${url}) in [Reports](${gh.serverUrl}/acme/shop/discussions/categories/reports): created.`,
    );
    expect(run.summary).toContain('## Issues picked');
  });

  test('a rerun the same day with nothing new sends no mutation; something new edits the same discussion', async () => {
    gh.resetRequests();
    const same = await nightly(new Date(HISTORY_NOW.getTime() + HOUR / 2), { runId: 701 });
    expect(same.exitCode, same.stderr + same.summary).toBe(0);
    expect(same.summary).toContain('unchanged (nothing written)');
    expect(graphql()).toEqual(['graphql:NightlyDiscussionCategories', 'graphql:NightlyDiscussions']);
    // GraphQL queries read: the request log counts only mutations as writes.
    expect(gh.writes()).toHaveLength(0);

    // auto-merge recorded the reviews' verdict on a pull request opened in the window.
    gh.clock.set(new Date(HISTORY_NOW.getTime() + HOUR));
    const gates = commentsOf(gh.state, history.openPulls.ready).find((comment) => comment.body.includes('agentic-workflow:auto-merge'));
    gates!.body = `### agentic-workflow auto-merge\n\n${formatMarker('auto-merge', { headSha: 'abc1234', status: 'waiting', gates: [{ name: 'agent-reviews', status: 'pass', reason: 'cto-review and ciso-review passed' }] })}`;
    gh.resetRequests();
    const changed = await nightly(new Date(HISTORY_NOW.getTime() + 2 * HOUR), { runId: 702 });
    expect(changed.exitCode, changed.stderr + changed.summary).toBe(0);
    expect(changed.summary).toContain(': updated.');
    expect(graphql()).toEqual(['graphql:NightlyDiscussionCategories', 'graphql:NightlyDiscussions', 'graphql:NightlyUpdateDiscussion']);
    expect(reports()).toHaveLength(1);
    expect(reports()[0]?.body).toContain('✅ cto-review and ciso-review passed');
    // The same window as the day's first run.
    expect(reports()[0]?.body).toContain('What the agents did from 2026-12-02 12:00 UTC to 2026-12-03 12:00 UTC.');
  });

  test('a create GitHub made but answered with a 502 is found in the category, never sent twice: exactly one discussion', async () => {
    gh.faults.add({ method: 'POST', path: '/api/graphql', bodyMatches: /createDiscussion/, applyThenFail: true, status: 502 });
    gh.resetRequests();
    const run = await nightly(NEXT_DAY, { runId: 703 });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(gh.faults.pending()).toHaveLength(0);
    const today = reports().filter((report) => report.title === 'Nightly report — 2026-12-04');
    expect(today).toHaveLength(1);
    expect(creates()).toBe(1);
    expect(run.summary).toContain('it was found in the category, not sent twice');
    // The window starts where yesterday's discussion ended.
    expect(today[0]?.body).toContain('What the agents did from 2026-12-03 12:00 UTC to 2026-12-04 12:00 UTC.');

    // Control: a create that failed before GitHub did anything is sent once more, and still one discussion results.
    gh.faults.add({ method: 'POST', path: '/api/graphql', bodyMatches: /createDiscussion/, status: 502 });
    gh.resetRequests();
    const retried = await nightly(THIRD_DAY, { runId: 704 });
    expect(retried.exitCode, retried.stderr + retried.summary).toBe(0);
    expect(reports().filter((report) => report.title === 'Nightly report — 2026-12-05')).toHaveLength(1);
    // The refused attempt is logged without a route (the fault answered before GitHub's handler ran).
    expect(creates()).toBe(2);
  });

  test('each day’s report closes the bot’s earlier report discussions as outdated, like the issues: one open at a time', () => {
    // The 2026-12-04 run closed the 2026-12-03 report, the 2026-12-05 run the 2026-12-04 one.
    for (const day of ['2026-12-03', '2026-12-04']) {
      const [earlier] = byTitle(`Nightly report — ${day}`);
      expect(earlier, day).toMatchObject({ closed: true, stateReason: 'OUTDATED' });
      expect(earlier?.closedAt).not.toBeNull();
    }
    expect(byTitle('Nightly report — 2026-12-05')).toMatchObject([{ closed: false, closedAt: null, stateReason: null }]);
  });

  test('a rerun closes only the bot’s own earlier reports in the category, never a person’s discussion with the title and the marker; again, it sends no mutation', async () => {
    gh.state.addUser({ login: 'maria' });
    gh.state.setPermission('maria', 'write');
    // GraphQL shows github-actions[bot] as "github-actions"; a person holding that login is still a person.
    gh.state.addUser({ login: 'github-actions' });
    const attacks = [
      seed('maria', '2026-12-02'),
      seed('maria', '2026-12-02', { title: 'Nightly report - 2026-12-02 (notes)' }),
      seed('github-actions', '2026-12-01'),
      // The bot's, but not a report: no marker.
      seed(BOT_LOGIN, '2026-12-02', { marker: false }),
      // The bot's report, but in another category than the one the report goes to.
      seed(BOT_LOGIN, '2026-11-26', { category: 'General' }),
    ];
    // Control: the bot's own earlier report, still open, is closed.
    const own = seed(BOT_LOGIN, '2026-11-25');
    gh.resetRequests();
    const run = await nightly(new Date(THIRD_DAY.getTime() + HOUR), { runId: 708 });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(gh.state.discussions.records.get(own.id)).toMatchObject({ closed: true, stateReason: 'OUTDATED' });
    for (const attack of attacks) expect(gh.state.discussions.records.get(attack.id), attack.title).toMatchObject({ closed: false, stateReason: null });
    expect(closes()).toBe(1);
    expect(run.summary).toContain(`- Closed 1 earlier report(s) as outdated: [#${own.number}](${gh.serverUrl}/acme/shop/discussions/${own.number}).`);
    expect(run.summary).toContain('1 writes of max-operations 50');

    gh.resetRequests();
    const again = await nightly(new Date(THIRD_DAY.getTime() + 2 * HOUR), { runId: 709 });
    expect(again.exitCode, again.stderr + again.summary).toBe(0);
    expect(graphql()).toEqual(['graphql:NightlyDiscussionCategories', 'graphql:NightlyDiscussions']);
    expect(again.summary).not.toContain('Closed');
  });

  test('a backlog of open reports is closed oldest first, at most 10 a run; a dry run only says which; max-operations bounds it too', async () => {
    const backlog = Array.from({ length: 13 }, (_, index) => seed(BOT_LOGIN, `2026-11-${String(10 + index).padStart(2, '0')}`));
    const isClosed = (record: DiscussionRecord) => gh.state.discussions.records.get(record.id)?.closed;
    const at = (hours: number) => new Date(THIRD_DAY.getTime() + hours * HOUR);

    gh.resetRequests();
    const dry = await nightly(at(3), { runId: 710, inputs: { 'dry-run': 'true' } });
    expect(dry.exitCode, dry.stderr + dry.summary).toBe(0);
    expect(gh.writes()).toHaveLength(0);
    expect(dry.summary).toContain('- Dry run: would close 10 earlier report(s) as outdated: ');
    expect(dry.summary).toContain('- 3 earlier report(s) left open (at most 10 are closed a run); the next run closes them.');

    gh.resetRequests();
    const tight = await nightly(at(4), { runId: 711, inputs: { 'max-operations': '2' } });
    expect(tight.summary).toContain('- 11 earlier report(s) left open (max-operations leaves no room); the next run closes them.');
    // Work max-operations defers ends the run neutral (a warning), as when an issue close does not fit.
    expect(tight.exitCode, tight.stderr + tight.summary).toBe(0);
    expect(tight.stdout).toMatch(/::warning::nightly report /);
    expect(closes()).toBe(2);
    expect(backlog.map(isClosed)).toEqual([true, true, ...Array<boolean>(11).fill(false)]);

    gh.resetRequests();
    const first = await nightly(at(5), { runId: 712 });
    expect(first.exitCode, first.stderr + first.summary).toBe(0);
    expect(closes()).toBe(10);
    expect(first.summary).toContain('- 1 earlier report(s) left open (at most 10 are closed a run); the next run closes them.');
    // The per-run cap is not a deferral: the run is green.
    expect(first.stdout).not.toMatch(/::warning::nightly report /);
    expect(backlog.map(isClosed)).toEqual([...Array<boolean>(12).fill(true), false]);

    gh.resetRequests();
    const second = await nightly(at(6), { runId: 713 });
    expect(second.exitCode, second.stderr + second.summary).toBe(0);
    expect(closes()).toBe(1);
    expect(backlog.every(isClosed)).toBe(true);
    expect(backlog.every((record) => record.stateReason === 'OUTDATED')).toBe(true);
  });

  test('a close GitHub answers with a 502 is not sent again in the run: the step fails saying so, and the next run closes what is still open', async () => {
    const stale = seed(BOT_LOGIN, '2026-11-01');
    gh.faults.add({ method: 'POST', path: '/api/graphql', bodyMatches: /closeDiscussion/, status: 502 });
    gh.resetRequests();
    const failed = await nightly(new Date(THIRD_DAY.getTime() + 7 * HOUR), { runId: 714 });
    expect(failed.exitCode).toBe(1);
    expect(gh.faults.pending()).toHaveLength(0);
    expect(failed.summary).toContain(`- ❌ closing the earlier report, discussion #${stale.number}: `);
    expect(failed.summary).toContain('the next run reads the earlier reports again and closes those still open.');
    expect(gh.state.discussions.records.get(stale.id)?.closed).toBe(false);
    // Sent once: mutations are never retried.
    expect(gh.requests.filter((request) => String((request.body as { query?: unknown } | undefined)?.query).includes('closeDiscussion'))).toHaveLength(1);

    gh.resetRequests();
    const next = await nightly(new Date(THIRD_DAY.getTime() + 8 * HOUR), { runId: 715 });
    expect(next.exitCode, next.stderr + next.summary).toBe(0);
    expect(gh.state.discussions.records.get(stale.id)).toMatchObject({ closed: true, stateReason: 'OUTDATED' });
  });

  test.each([
    [
      'Discussions turned off',
      () => gh.state.discussions.disable(),
      {},
      /Discussions are turned off in acme\/shop: turn them on \(Settings → General → Features → Discussions\)/,
    ],
    [
      'a category that does not exist',
      () => undefined,
      { 'nightly-discussion-category': 'Night shift' },
      /no Discussion category "Night shift" in acme\/shop \(it has: Announcements, General, Ideas, Polls, Q&A, Show and tell, Reports\)/,
    ],
  ])('%s: the step fails with one line, the report is still in the job summary, nothing is posted', async (_name, arrange, inputs, message) => {
    const before = reports().length;
    arrange();
    try {
      const run = await nightly(new Date(THIRD_DAY.getTime() + 24 * HOUR), { inputs, runId: 705 });
      expect(run.exitCode).toBe(1);
      expect(run.summary).toMatch(message);
      expect(run.summary).toContain('## Issues picked');
      expect(run.stdout + run.stderr).toMatch(message);
      expect(reports()).toHaveLength(before);
      expect(nightlyIssues()).toHaveLength(0);
    } finally {
      gh.state.discussions.enable();
    }
  });

  test('a token without discussions: write: the step fails naming the permission, the report in the summary; with it (control) the report is posted', async () => {
    const day = new Date(THIRD_DAY.getTime() + 48 * HOUR);
    const readOnly = gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'write', pull_requests: 'read', discussions: 'read' } });
    const refused = await nightly(day, { token: readOnly, runId: 706 });
    expect(refused.exitCode).toBe(1);
    expect(refused.summary).toMatch(
      /creating the discussion "Nightly report — 2026-12-07": GitHub refused it \(Resource not accessible by integration\); the token lacks the discussions permission \(discussions: write to post the nightly report/,
    );
    expect(refused.summary).toContain('## Issues picked');
    expect(reports().some((report) => report.title === 'Nightly report — 2026-12-07')).toBe(false);
    const writer = gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'write', pull_requests: 'read', discussions: 'write' } });
    const posted = await nightly(day, { token: writer, runId: 707 });
    expect(posted.exitCode, posted.stderr + posted.summary).toBe(0);
    expect(reports().filter((report) => report.title === 'Nightly report — 2026-12-07')).toHaveLength(1);
  });

  test('the weekly triage report links the week’s nightly discussions; without discussions: read it says where they are', async () => {
    const weekly = (token: string, runId: number) =>
      runAction({
        entry: 'triage-report.js',
        inputs: { 'github-token': token, 'dashboard-dir': join(out, `weekly-${runId}`) },
        eventName: 'workflow_dispatch',
        event: { inputs: {} },
        apiUrl: gh.apiUrl,
        serverUrl: gh.serverUrl,
        repository: 'acme/shop',
        runId,
        env: { AGENTIC_WORKFLOW_NOW: NEXT_DAY.toISOString() },
        timeoutMs: 120_000,
      });
    const noDiscussions = gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'write', pull_requests: 'read' } });
    const blind = await weekly(noDiscussions, 800);
    expect(blind.exitCode, blind.stderr + blind.summary).toBe(0);
    const triage = () => [...gh.state.issues.values()].find((issue) => issue.title.startsWith('Triage report'));
    expect(triage()?.body).toMatch(
      /## Nightly reports\n\nThe nightly reports are discussions in "Reports" \(\[Discussions\]\([^)]+\/acme\/shop\/discussions\)\); this run could not list them: .*discussions: read to link it from the weekly one/,
    );
    const run = await weekly(gh.botToken, 801);
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    const byDay = (day: string) => reports().find((report) => report.title === `Nightly report — ${day}`)?.number;
    expect(triage()?.body).toContain(
      `## Nightly reports\n\n${['2026-12-03', '2026-12-04', '2026-12-05'].map((day) => `[${day}](${gh.serverUrl}/acme/shop/discussions/${byDay(day)})`).join(' · ')}\n`,
    );
  });
});
