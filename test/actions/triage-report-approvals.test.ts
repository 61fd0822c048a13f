import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHashes } from '../../src/core/approval.js';
import { readMarker } from '../../src/core/markers/registry.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { commentEvent, commentsOn, issuesEvent, labelsOf, runTriage, seedSuggestion, startRepo } from '../triage/harness.js';

// Runner emulation: a roadmap label added by hand approves a suggestion only when the issue's events show that
// someone with write access added it; the approval records the title and body it approved.
describe('bundled triage-report: hand approvals come from writers', () => {
  let gh: GitHubEmulator;
  beforeEach(async () => {
    gh = await startRepo();
  });
  afterEach(async () => gh.close());

  const botComments = (number: number) => commentsOn(gh, number).filter((comment) => comment.author === 'github-actions[bot]');

  it('a triage-role user’s roadmap label is taken off with one reply, and approves nothing however often it is added', async () => {
    const s = seedSuggestion(gh, { severity: 'high' });
    gh.state.labelIssue(s.number, ['roadmap'], 'tess');
    gh.resetRequests();
    const run = await runTriage(gh, issuesEvent(gh, s.number, 'tess', 'labeled', 'roadmap'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'needs-approval', 'severity-high', 'source:cto-review']);
    expect(botComments(s.number)).toHaveLength(1);
    expect(botComments(s.number)[0]?.body).toMatch(
      /^`@tess` thank you\. Only people with write access to this repository can approve agent suggestions, so the `roadmap` label you added was taken off/,
    );
    expect(run.outputs).toMatchObject({ approved: '0' });
    expect(run.summary).toContain('not approved, `@tess` added `roadmap` with triage permission');
    expect(gh.countRequests({ method: 'GET', path: `/repos/acme/widgets/issues/${s.number}/events` })).toBe(1);

    // Added again, seen by the scheduled run: off again, no second reply.
    gh.state.labelIssue(s.number, ['roadmap'], 'tess');
    const again = await runTriage(gh);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).not.toContain('roadmap');
    expect(botComments(s.number)).toHaveLength(1);
    expect(again.outputs).toMatchObject({ approved: '0' });
  });

  it('control: a writer’s label is an approval recorded under the writer’s name with the hashes of the title and body', async () => {
    const s = seedSuggestion(gh, { severity: 'high' });
    gh.state.labelIssue(s.number, ['roadmap'], 'alice');
    // The run was started by someone else's event: the events, not the sender, say who approved.
    const run = await runTriage(gh, issuesEvent(gh, s.number, 'tess', 'labeled', 'roadmap'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(labelsOf(gh, s.number)).toEqual(['agent-suggestion', 'priority-high', 'roadmap', 'severity-high', 'source:cto-review']);
    const decision = readMarker('triage', botComments(s.number).at(-1)?.body);
    expect(decision).toMatchObject({ decision: 'approved', by: 'alice', via: 'label' });
    expect(decision?.content).toEqual(contentHashes(s.title, s.body));
    expect(run.outputs).toMatchObject({ approved: '1' });
  });

  it('/approve records the hashes too', async () => {
    const s = seedSuggestion(gh);
    const run = await runTriage(gh, commentEvent(gh, s.number, 'mia', '/approve'));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readMarker('triage', botComments(s.number).at(-1)?.body)?.content).toEqual(contentHashes(s.title, s.body));
  });
});
