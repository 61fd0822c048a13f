import { describe, expect } from 'vitest';
import { BOT_LOGIN, type FaultSpec, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { commitsOnMainSince, labelsOf, mergeCalls, runAutoMerge, seedAgentPull, stickyComment, test, type AgentPull } from '../merge/scenario.js';

// Runner emulation: GitHub fails one write step of auto-merge (every retry, or once), then the same event runs
// the action again. Afterwards the pull request is merged exactly once, its branch is gone, the linked issue is
// `agent:done` with one comment, and the pull request has one auto-merge comment that says it was merged.

const REPO = '/repos/acme/widgets';

interface WriteStep {
  step: string;
  fault: (pull: AgentPull) => Pick<FaultSpec, 'method' | 'path'>;
  /** What the failure message names. */
  says: RegExp;
}

const STEPS: WriteStep[] = [
  {
    step: 'the merge call',
    fault: (pull) => ({ method: 'PUT', path: `${REPO}/pulls/${pull.number}/merge` }),
    says: /GitHub did not merge \(HTTP 502, then HTTP 502\); the pull request is still open at [0-9a-f]{7}: re-run the job/,
  },
  {
    step: 'the auto-merge comment on the pull request',
    fault: (pull) => ({ method: 'POST', path: `${REPO}/issues/${pull.number}/comments` }),
    says: /the auto-merge comment could not be written on the pull request: GitHub answered 502/,
  },
  {
    step: 'the branch deletion',
    fault: () => ({ method: 'DELETE', path: /^\/repos\/acme\/widgets\/git\/refs\/heads/ }),
    says: /branch `automated\/1-add-a-widget` could not be deleted: GitHub answered 502 four times/,
  },
  {
    step: 'the comment on the linked issue',
    fault: (pull) => ({ method: 'POST', path: `${REPO}/issues/${pull.issue}/comments` }),
    says: /issue #1 could not be moved to `agent:done`: GitHub answered 502/,
  },
  {
    step: 'the agent:done label',
    fault: (pull) => ({ method: 'POST', path: `${REPO}/issues/${pull.issue}/labels` }),
    says: /issue #1 could not be moved to `agent:done`: GitHub answered 502 four times/,
  },
  {
    step: 'the removal of agent:pr-open',
    fault: (pull) => ({ method: 'DELETE', path: new RegExp(`^/repos/acme/widgets/issues/${pull.issue}/labels/agent(:|%3A)pr-open$`) }),
    says: /issue #1 could not be moved to `agent:done`: GitHub answered 502 four times/,
  },
];

function issueComments(gh: GitHubEmulator, number: number) {
  return [...gh.state.comments.values()].filter((comment) => comment.issueNumber === number);
}

/** Merged once, branch gone, issue done with one comment, one auto-merge comment on the PR saying merged. */
function expectFinished(gh: GitHubEmulator, pull: AgentPull, mainBefore: string): void {
  expect(gh.state.pull(pull.number)?.merged).toBe(true);
  expect(commitsOnMainSince(gh, mainBefore)).toBe(1);
  expect(gh.state.git.readRef(`refs/heads/${pull.branch}`)).toBeUndefined();
  expect(labelsOf(gh, pull.issue).sort()).toEqual(['agent:done', 'roadmap']);
  const onIssue = issueComments(gh, pull.issue);
  expect(onIssue).toHaveLength(1);
  expect(onIssue[0]).toMatchObject({ author: BOT_LOGIN, body: expect.stringContaining(`Pull request #${pull.number} was merged into \`main\``) });
  expect(issueComments(gh, pull.number)).toHaveLength(1);
  expect(stickyComment(gh, pull.number)).toMatch(/\*\*Merged: /);
}

describe.concurrent('bundled auto-merge: a write GitHub fails, then a rerun', { timeout: 600_000 }, () => {
  for (const { step, fault, says } of STEPS) {
    test(`${step} answers 502 on every try: the run says what exists, the rerun finishes with one of each`, async ({ gh, mainBefore }) => {
      const pull = seedAgentPull(gh);
      const injected = gh.faults.add({ ...fault(pull), status: 502, times: 50 });
      const first = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number }, runId: 9001, timeoutMs: 300_000 });
      expect(injected.hits).toBeGreaterThan(0);
      const said = `${first.outputs.reason ?? ''}\n${first.annotations.map((annotation) => annotation.message).join('\n')}`;
      expect(said).toMatch(says);
      expect(`${first.stdout}\n${first.summary}`).not.toMatch(/internal error|HttpError|Unicorn|\n\s+at /);
      expect(mergeCalls(gh)).toBe(step === 'the merge call' ? 2 : 1);
      if (step !== 'the merge call') {
        // The merge happened: the outputs say so even though a later step failed, and the step fails so the run can be re-run.
        expect(first.outputs).toMatchObject({ merged: 'true', status: 'merged' });
        expect(first.exitCode).toBe(1);
      }
      expect(labelsOf(gh, pull.issue)).not.toContain('agent:failed');

      gh.faults.clear();
      const rerun = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number }, runId: 9002, timeoutMs: 300_000 });
      expect(rerun.exitCode).toBe(0);
      expectFinished(gh, pull, mainBefore);
      expect(mergeCalls(gh)).toBe(step === 'the merge call' ? 3 : 1);
    });

    test(`${step} answers 502 once: the run finishes anyway, and a rerun writes nothing`, async ({ gh, mainBefore }) => {
      const pull = seedAgentPull(gh);
      const injected = gh.faults.add({ ...fault(pull), status: 502, times: 1 });
      const first = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number }, runId: 9001, timeoutMs: 300_000 });
      expect(injected.hits).toBe(1);
      expect(first.exitCode).toBe(0);
      expect(first.outputs).toMatchObject({ merged: 'true', status: 'merged' });
      expectFinished(gh, pull, mainBefore);

      gh.resetRequests();
      const rerun = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number }, runId: 9002, timeoutMs: 300_000 });
      expect(rerun.exitCode).toBe(0);
      expect(rerun.outputs).toMatchObject({ merged: 'false', status: 'already-merged' });
      expect(gh.writes()).toEqual([]);
      expectFinished(gh, pull, mainBefore);
    });
  }
});
