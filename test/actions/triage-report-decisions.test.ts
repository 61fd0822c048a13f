import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { setIssueState } from '../../src/emulators/github/state/issue-actions.js';
import { commentEvent, commentsOn, issuesEvent, labelsOf, reportIssues, runTriage, seedSuggestion, startRepo } from '../triage/harness.js';

// Done when: /approve, /approve low, /reject because…, /reject (refused), a hand-added roadmap label and a
// command from a read-only user each produce exactly the documented effect.
describe('bundled triage-report decisions', () => {
  let gh: GitHubEmulator;
  beforeEach(async () => {
    gh = await startRepo();
  });
  afterEach(async () => gh.close());

  function writesTo(number: number): string[] {
    return gh
      .writes()
      .filter((w) => w.path.includes(`/issues/${number}/`) || w.path.endsWith(`/issues/${number}`))
      .map((w) => `${w.method} ${w.route}`);
  }

  it('/approve on a suggestion: roadmap + priority from severity, needs-approval off, who and when in a comment', async () => {
    const s = seedSuggestion(gh, { severity: 'critical', source: 'ciso-review' });
    gh.resetRequests();
    const run = await runTriage(gh, commentEvent(gh, s.number, 'alice', 'Agreed, this matters.\n\n/approve'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'priority-high', 'roadmap', 'security', 'severity-critical', 'source:ciso-review']);
    const bot = commentsOn(gh, s.number).filter((c) => c.author === 'github-actions[bot]');
    expect(bot).toHaveLength(1);
    expect(bot[0]?.body).toMatch(/^✅ \*\*Approved\*\* — approved by `@alice`; recorded 2026-11-25 10:00 UTC\./);
    expect(bot[0]?.body).toContain('<!-- agentic-workflow:triage {"decision":"approved","by":"alice"');
    expect(gh.state.issue(s.number)?.state).toBe('open');
    expect(writesTo(s.number)).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
    expect(run.outputs).toMatchObject({ approved: '1', rejected: '0', pending: '0' });
    // The report of the week shows the decision.
    expect(reportIssues(gh)[0]?.body).toMatch(/✅ #1 .*: approved by alice, 2026-11-25/);

    // The same comment delivered again (a re-run of the workflow) changes nothing.
    gh.resetRequests();
    const again = await runTriage(gh, commentEvent(gh, s.number, 'alice', '/approve'));
    expect(again.exitCode).toBe(0);
    expect(writesTo(s.number)).toEqual([]);
    expect(again.summary).toContain('#1 is already approved (priority high).');
  });

  it('/approve low sets that priority whatever the severity', async () => {
    const s = seedSuggestion(gh, { severity: 'high' });
    const run = await runTriage(gh, commentEvent(gh, s.number, 'mia', '/approve low'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'priority-low', 'roadmap', 'severity-high', 'source:cto-review']);
    expect(commentsOn(gh, s.number).at(-1)?.body).toContain('Priority: `priority-low`');
  });

  it('/reject because… closes as not planned with the reason quoted; the suggestion marker stays for the reviewers', async () => {
    const s = seedSuggestion(gh, { severity: 'medium', fingerprint: 'fp-keep-me' });
    const bodyBefore = gh.state.issue(s.number)?.body;
    const run = await runTriage(gh, commentEvent(gh, s.number, 'alice', '/reject because we already log this in the gateway'));
    expect(run.exitCode, run.stderr).toBe(0);
    const issue = gh.state.issue(s.number);
    expect([issue?.state, issue?.stateReason]).toEqual(['closed', 'not_planned']);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'severity-medium', 'source:cto-review']);
    expect(issue?.body).toBe(bodyBefore);
    const comment = commentsOn(gh, s.number).at(-1)?.body ?? '';
    expect(comment).toContain('❌ **Rejected** by `@alice`, 2026-11-25 10:00 UTC:\n\n> because we already log this in the gateway');
    expect(comment).toContain('"fingerprint":"fp-keep-me"');
    expect(run.outputs).toMatchObject({ rejected: '1', approved: '0' });
  });

  it('/reject without a reason is refused with a reply that explains why a reason is needed', async () => {
    const s = seedSuggestion(gh);
    gh.resetRequests();
    const run = await runTriage(gh, commentEvent(gh, s.number, 'alice', '/reject'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(gh.state.issue(s.number)?.state).toBe('open');
    expect(labelsOf(gh, s.number)).toContain('needs-approval');
    expect(writesTo(s.number)).toEqual(['POST /repos/{owner}/{repo}/issues/{issue_number}/comments']);
    expect(commentsOn(gh, s.number).at(-1)?.body).toContain('A rejection needs a reason: it records the decision for the team and tells the review agents why');
  });

  it('a roadmap label added by hand is recorded the same way on the next scheduled run, naming who added it (from the issue events)', async () => {
    const s = seedSuggestion(gh, { severity: 'low' });
    gh.state.labelIssue(s.number, ['roadmap'], 'alice');
    const run = await runTriage(gh);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'priority-low', 'roadmap', 'severity-low', 'source:cto-review']);
    expect(commentsOn(gh, s.number).at(-1)?.body).toMatch(/^✅ \*\*Approved\*\* — `@alice` added the `roadmap` label; recorded 2026-11-25 10:00 UTC/);
    expect(run.outputs.approved).toBe('1');
    // Recorded once: the next run finds nothing left to do.
    gh.resetRequests();
    await runTriage(gh);
    expect(writesTo(s.number)).toEqual([]);
  });

  it('on the labeled event the hand approval names who added the label', async () => {
    const s = seedSuggestion(gh, { severity: 'high' });
    gh.state.labelIssue(s.number, ['roadmap'], 'mia');
    const run = await runTriage(gh, issuesEvent(gh, s.number, 'mia', 'labeled', 'roadmap'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'priority-high', 'roadmap', 'severity-high', 'source:cto-review']);
    expect(commentsOn(gh, s.number).at(-1)?.body).toContain('`@mia` added the `roadmap` label');
  });

  it('a suggestion closed as not planned by hand is recorded as a rejection', async () => {
    const s = seedSuggestion(gh);
    setIssueState(gh.state, s, 'closed', 'not_planned', 'mia');
    const run = await runTriage(gh, issuesEvent(gh, s.number, 'mia', 'closed'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).not.toContain('needs-approval');
    expect(commentsOn(gh, s.number).at(-1)?.body).toContain('closed as not planned by `@mia`');
    expect(run.outputs.rejected).toBe('1');
  });

  it('a read-only user changes nothing and gets one polite reply per issue, however often they try', async () => {
    const s = seedSuggestion(gh);
    gh.resetRequests();
    const first = await runTriage(gh, commentEvent(gh, s.number, 'bob', '/approve high'));
    expect(first.exitCode, first.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'needs-approval', 'severity-medium', 'source:cto-review']);
    const replies = (): string[] =>
      commentsOn(gh, s.number)
        .filter((c) => c.author === 'github-actions[bot]')
        .map((c) => c.body);
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toMatch(/^`@bob` thank you\. Only people with write access to this repository can approve or reject/);
    expect(gh.countRequests({ method: 'GET', path: /\/collaborators\/bob\/permission$/ })).toBe(1);
    expect(first.outputs).toMatchObject({ approved: '0', rejected: '0' });

    await runTriage(gh, commentEvent(gh, s.number, 'bob', '/reject I do not like it'));
    expect(replies()).toHaveLength(1);
    expect(gh.state.issue(s.number)?.state).toBe('open');
    // Triage permission (can label by hand) is still not enough to decide by command.
    await runTriage(gh, commentEvent(gh, s.number, 'tess', '/approve'));
    expect(replies()).toHaveLength(2);
    expect(labelsOf(gh, s.number)).toContain('needs-approval');
  });
});
