import { rmSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import {
  cloneWorkspace,
  commentsOn,
  ISSUE,
  labelsOf,
  pullsFor,
  redThenGreen,
  runImplement,
  scriptAgent,
  stickyOf,
  test,
  type Scenario,
} from '../implement/scenario.js';

// Runner emulation: GitHub fails one write step of a publish for good (every retry); the issue stays claimable
// with a comment that says what exists, and the next run finishes from there without the model.

const REPO = '/repos/acme/widgets';

function branchRefs(gh: GitHubEmulator): string[] {
  return gh.state.git.listRefs('refs/heads/automated/').map((entry) => entry.ref);
}

function modelCalls(scenario: Scenario): number {
  return scenario.model.requests.length;
}

/** Runs the action again on a fresh checkout, as a later workflow run would; returns the run and its model calls. */
async function rerun(scenario: Scenario, inputs: Record<string, string | number> = {}) {
  const before = modelCalls(scenario);
  const workspace = cloneWorkspace(scenario.gh);
  try {
    const run = await runImplement({ ...scenario, workspace }, { runId: 8002, inputs, timeoutMs: 280_000 });
    return { run, modelCalls: modelCalls(scenario) - before };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** Exactly one of everything: branch, pull request (labelled), sticky comment saying so, labels of a finished publish. */
function expectFinished(gh: GitHubEmulator, issueNumber: number): void {
  expect(branchRefs(gh)).toHaveLength(1);
  const pulls = pullsFor(gh);
  expect(pulls).toHaveLength(1);
  expect(labelsOf(gh, pulls[0]?.number ?? 0)).toEqual(['automated']);
  expect(labelsOf(gh, issueNumber)).toEqual(['agent:pr-open', 'roadmap']);
  // One comment of each kind: the record of the approval worked on and the sticky report; the claim comments are gone.
  expect(commentsOn(gh, issueNumber).map((comment) => /agentic-workflow:(approval|implement) /.exec(comment.body)?.[1])).toEqual(['approval', 'implement']);
  expect(stickyOf(gh, issueNumber)).toContain(`The agent opened #${pulls[0]?.number}`);
}

describe.concurrent('bundled implement: a publish GitHub stopped half-way is finished by the next run', { timeout: 600_000 }, () => {
  test('pull request creation answers 502 on both tries: branch pushed, issue stays claimable, the scheduled rerun opens the PR without the model', async ({
    gh,
    model,
    workspace,
  }) => {
    const scenario = { gh, model, workspace };
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    const fault = gh.faults.add({ method: 'POST', path: `${REPO}/pulls`, status: 502, times: 2 });
    const first = await runImplement(scenario, { runId: 8001, timeoutMs: 280_000 });
    expect(fault.hits).toBe(2);
    expect(first.exitCode).toBe(1);
    expect(first.outputs.status).toBe('interrupted');
    expect(pullsFor(gh)).toEqual([]);
    expect(branchRefs(gh)).toEqual([`refs/heads/${first.outputs.branch}`]);
    const head = gh.state.branchSha(String(first.outputs.branch)) ?? '';
    expect(labelsOf(gh, issue.number)).toEqual(['agent:in-progress', 'roadmap']);
    // The comment says exactly what exists and what failed; no stack trace, no "nothing was pushed".
    const report = stickyOf(gh, issue.number) ?? '';
    expect(report).toContain(
      `Branch \`${first.outputs.branch}\` pushed at \`${head.slice(0, 7)}\`; the pull request could not be opened: GitHub answered 502 twice.`,
    );
    expect(report).not.toMatch(/Nothing was pushed|HttpError|\n\s+at /);
    expect(commentsOn(gh, issue.number).map((comment) => /agentic-workflow:(approval|implement) /.exec(comment.body)?.[1])).toEqual(['approval', 'implement']);
    expect(first.summary).toContain('stays `agent:in-progress`');

    const { run, modelCalls: calls } = await rerun(scenario);
    expect(calls).toBe(0);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('opened');
    expectFinished(gh, issue.number);
    // The pull request is on the commit the first run pushed: nothing was rebuilt.
    expect(gh.state.branchSha(String(first.outputs.branch))).toBe(head);
    expect(gh.countRequests({ method: 'POST', path: `${REPO}/git/commits` })).toBe(1);
  });

  test('the push answers 502: nothing pushed, the recorded commit is pushed by the rerun (started by issue number)', async ({ gh, model, workspace }) => {
    const scenario = { gh, model, workspace };
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    const fault = gh.faults.add({ method: 'POST', path: `${REPO}/git/refs`, status: 502 });
    const first = await runImplement(scenario, { runId: 8001, timeoutMs: 280_000 });
    expect(fault.hits).toBe(1);
    expect(first.outputs.status).toBe('interrupted');
    expect(branchRefs(gh)).toEqual([]);
    const report = stickyOf(gh, issue.number) ?? '';
    expect(report).toMatch(
      /Nothing was pushed yet: the change is committed as `[0-9a-f]{7}` and recorded here; the branch could not be pushed: GitHub answered 502\./,
    );
    expect(labelsOf(gh, issue.number)).toEqual(['agent:in-progress', 'roadmap']);

    const { run, modelCalls: calls } = await rerun(scenario, { 'issue-number': issue.number });
    expect(calls).toBe(0);
    expect(run.outputs.status).toBe('opened');
    expectFinished(gh, issue.number);
  });

  test('labelling the pull request answers 502 on every retry: the rerun labels the one PR and settles the issue', async ({ gh, model, workspace }) => {
    const scenario = { gh, model, workspace };
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    // Issues and pull requests share numbers: the pull request will be the next one.
    const fault = gh.faults.add({ method: 'POST', path: `${REPO}/issues/${issue.number + 1}/labels`, status: 502, times: 4 });
    const first = await runImplement(scenario, { runId: 8001, timeoutMs: 280_000 });
    expect(fault.hits).toBe(4);
    expect(first.outputs.status).toBe('interrupted');
    expect(pullsFor(gh)).toHaveLength(1);
    expect(first.outputs['pull-request-number']).toBe(String(issue.number + 1));
    expect(stickyOf(gh, issue.number)).toContain(
      `and pull request #${issue.number + 1} opened; the pull request could not be labelled: GitHub answered 502 four times.`,
    );

    const { run, modelCalls: calls } = await rerun(scenario);
    expect(calls).toBe(0);
    expect(run.outputs.status).toBe('opened');
    expectFinished(gh, issue.number);
    expect(gh.countRequests({ method: 'POST', path: `${REPO}/pulls` })).toBe(1);
  });

  test('the final issue comment answers 502 on every retry: the report says so, the rerun writes one comment', async ({ gh, model, workspace }) => {
    const scenario = { gh, model, workspace };
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    // The record before the push creates the comment; the first edit of it is the "pull request opened" report.
    const fault = gh.faults.add({ method: 'PATCH', path: /^\/repos\/acme\/widgets\/issues\/comments\/\d+$/, status: 502, times: 4 });
    const first = await runImplement(scenario, { runId: 8001, timeoutMs: 280_000 });
    expect(fault.hits).toBe(4);
    expect(first.outputs.status).toBe('interrupted');
    expect(stickyOf(gh, issue.number)).toContain(
      `and pull request #${pullsFor(gh)[0]?.number} opened; this issue could not be updated: GitHub answered 502 four times.`,
    );
    expect(labelsOf(gh, issue.number)).toEqual(['agent:in-progress', 'roadmap']);

    const { run, modelCalls: calls } = await rerun(scenario);
    expect(calls).toBe(0);
    expect(run.outputs.status).toBe('opened');
    expectFinished(gh, issue.number);
  });

  test('control: a 403 on the push is a failure a human must look at: agent:failed with the permission named, no rerun', async ({ gh, model, workspace }) => {
    const scenario = { gh, model, workspace };
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    gh.faults.add({ method: 'POST', path: `${REPO}/git/refs`, status: 403, body: JSON.stringify({ message: 'Resource not accessible by integration' }) });
    const first = await runImplement(scenario, { runId: 8001, timeoutMs: 280_000 });
    expect(first.exitCode).toBe(1);
    expect(first.outputs.status).toBe('failed');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
    const report = stickyOf(gh, issue.number) ?? '';
    expect(report).toContain('the branch could not be pushed');
    expect(report).toContain('(403 Resource not accessible by integration)');
    expect(report).toContain('contents: write');
    expect(report).toContain('Nothing was pushed.');
    expect(report).not.toMatch(/HttpError|\n\s+at /);
    expect(branchRefs(gh)).toEqual([]);

    const { run, modelCalls: calls } = await rerun(scenario);
    expect(calls).toBe(0);
    expect(run.outputs.status).toBe('no-work');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
  });
});
