import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { commentEvent, commentsOn, labelsOf, reportIssues, runTriage, seedSuggestion, startRepo } from '../triage/harness.js';

// Deciding many suggestions from the report in one comment; the write budget and resuming; dry runs.
describe('bundled triage-report: commands on the report, budget and dry run', () => {
  let gh: GitHubEmulator;
  let report: number;
  beforeEach(async () => {
    gh = await startRepo();
  });
  afterEach(async () => gh.close());

  async function createReport(): Promise<void> {
    const run = await runTriage(gh);
    expect(run.exitCode, run.stderr).toBe(0);
    report = Number(run.outputs['report-issue-number']);
  }

  it('decides each suggestion a line names, and answers once for every line it could not carry out', async () => {
    const a = seedSuggestion(gh, { severity: 'high' });
    const b = seedSuggestion(gh, { severity: 'low' });
    const c = seedSuggestion(gh, { severity: 'medium' });
    const d = seedSuggestion(gh, { severity: 'medium' });
    const human = gh.state.addIssue({ title: 'A human issue', user: 'alice', labels: ['bug'] });
    await createReport();
    const body = [
      `/approve #${a.number} low`,
      `/reject #${b.number} duplicate of #7`,
      `/approve #${c.number}`,
      `/reject #${d.number}`,
      `/approve #${human.number}`,
      '/approve',
    ].join('\n');
    const run = await runTriage(gh, commentEvent(gh, report, 'alice', body));
    expect(run.exitCode, run.stderr).toBe(0);

    expect(labelsOf(gh, a.number)).toEqual(['agent-suggestion', 'priority-low', 'roadmap', 'severity-high', 'source:cto-review']);
    expect([gh.state.issue(b.number)?.state, gh.state.issue(b.number)?.stateReason]).toEqual(['closed', 'not_planned']);
    expect(commentsOn(gh, b.number).at(-1)?.body).toContain('> duplicate of #7');
    expect(labelsOf(gh, c.number)).toEqual(['agent-suggestion', 'priority-medium', 'roadmap', 'severity-medium', 'source:cto-review']);
    expect(labelsOf(gh, d.number)).toContain('needs-approval');
    expect(labelsOf(gh, human.number)).toEqual(['bug']);

    const replies = commentsOn(gh, report).filter((comment) => comment.author === 'github-actions[bot]');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.split('\n')).toEqual([
      '`@alice` nothing was changed for these commands:',
      '',
      expect.stringContaining('- A rejection needs a reason'),
      `- #${human.number} is not an agent suggestion (an issue the agents opened with the \`agent-suggestion\` label).`,
      "- `/approve` on the report needs the suggestion's number right after it, e.g. `/approve #12`.",
    ]);
    expect(run.outputs).toMatchObject({ approved: '2', rejected: '1', pending: '1', 'report-issue-number': String(report) });
    const updated = reportIssues(gh)[0]?.body ?? '';
    expect(updated).toContain('## Waiting for a decision (1)');
    expect(updated).toContain('Approved this week: 2; rejected: 1.');
  });

  it('stops at max-operations, says so (neutral), and the next run resumes the comment where it stopped', async () => {
    const suggestions = [seedSuggestion(gh), seedSuggestion(gh), seedSuggestion(gh), seedSuggestion(gh)];
    await createReport();
    const body = suggestions.map((s) => `/approve #${s.number}`).join('\n');
    gh.resetRequests();
    // 9 writes, one kept for the report: the first approval also creates the roadmap and priority labels
    // (5 writes), the second takes 3, the third does not fit and waits.
    const first = await runTriage(gh, { ...commentEvent(gh, report, 'alice', body), inputs: { 'max-operations': 9 } });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(gh.writes().length).toBe(9);
    const approved = (): number => suggestions.filter((s) => labelsOf(gh, s.number).includes('roadmap')).length;
    expect(approved()).toBe(2);
    expect(first.annotations).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringContaining('work left for the next run') }));
    expect(first.summary).toContain('⚠️ Work was left for the next run: 1 decision(s), 1 comment(s) to resume');
    expect(reportIssues(gh)[0]?.body).toMatch(/"resume":\[\{"issue":\d+,"comment":\d+,"skip":2\}\]/);

    const second = await runTriage(gh, { inputs: { 'max-operations': 9 } });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(approved()).toBe(4);
    expect(second.summary).not.toContain('Work was left');
    expect(reportIssues(gh)[0]?.body).toContain('"resume":[]');
    // Every suggestion got exactly one approval comment.
    for (const s of suggestions) expect(commentsOn(gh, s.number).filter((c) => c.body.includes('**Approved**'))).toHaveLength(1);
  });

  it('dry-run writes nothing and shows what it would do', async () => {
    const s = seedSuggestion(gh);
    gh.resetRequests();
    const run = await runTriage(gh, { ...commentEvent(gh, s.number, 'alice', '/approve'), inputs: { 'dry-run': true } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(gh.writes()).toEqual([]);
    expect(labelsOf(gh, s.number)).toContain('needs-approval');
    expect(run.summary).toContain(`dry run, would do: #${s.number} approved by \`@alice\`, priority medium`);
    expect(run.summary).toContain('would create the report issue "Triage report — 2026-W48"');
    expect(run.outputs).toMatchObject({ approved: '0', rejected: '0' });
    expect(reportIssues(gh)).toEqual([]);
  });

  it('a 502 after GitHub created the report fails the run clearly; the next run finds that issue, no duplicate', async () => {
    seedSuggestion(gh);
    gh.faults.add({ method: 'POST', path: '/repos/acme/widgets/issues', applyThenFail: true });
    const failed = await runTriage(gh);
    expect(failed.exitCode).toBe(1);
    expect(failed.annotations[0]?.message).toMatch(/^triage report for 2026-W48: create the report issue "Triage report — 2026-W48" failed: /);
    expect(failed.stdout).not.toMatch(/\n\s+at /);
    expect(gh.countRequests({ method: 'POST', path: '/repos/acme/widgets/issues' })).toBe(1);
    const again = await runTriage(gh);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(reportIssues(gh)).toHaveLength(1);
    expect(again.outputs['report-issue-number']).toBe(String(reportIssues(gh)[0]?.number));
  });

  it('a new week gets a new report and closes last week’s; commands on the old one still work', async () => {
    const s = seedSuggestion(gh);
    await createReport();
    const next = await runTriage(gh, { now: '2026-12-01T08:00:00Z' });
    expect(next.exitCode, next.stderr).toBe(0);
    const reports = reportIssues(gh).map((r) => [r.title, r.state]);
    expect(reports).toEqual([
      ['Triage report — 2026-W48', 'closed'],
      ['Triage report — 2026-W49', 'open'],
    ]);
    const run = await runTriage(gh, { ...commentEvent(gh, report, 'alice', `/approve #${s.number}`), now: '2026-12-01T09:00:00Z' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toContain('roadmap');
    expect(reportIssues(gh).find((r) => r.state === 'open')?.body).toContain('Approved this week: 1; rejected: 0.');
  });

  it('stays silent on /approve in an issue that is neither a suggestion nor the report', async () => {
    const other = gh.state.addIssue({ title: 'Release 2.0', user: 'alice' });
    gh.resetRequests();
    const run = await runTriage(gh, commentEvent(gh, other.number, 'alice', '/approve'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(commentsOn(gh, other.number).filter((c) => c.author === 'github-actions[bot]')).toEqual([]);
    expect(run.summary).toContain(`#${other.number} is neither a suggestion nor a triage report`);
  });

  it('refuses an unsupported event by name without reading anything else', async () => {
    gh.resetRequests();
    const run = await runTriage(gh, { eventName: 'push', event: { ref: 'refs/heads/main' } });
    expect(run.exitCode).toBe(0);
    expect(run.annotations[0]).toMatchObject({ level: 'warning', message: expect.stringContaining('the push event is not supported') });
    expect(gh.writes()).toEqual([]);
    expect(gh.countRequests({ path: /\/issues/ })).toBe(0);
  });
});
