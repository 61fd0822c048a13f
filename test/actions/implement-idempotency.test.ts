import { rmSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { BOT_LOGIN } from '../../src/emulators/github/index.js';
import { cloneWorkspace, commentsOn, ISSUE, labelsOf, pullsFor, redThenGreen, runImplement, scriptAgent, test } from '../implement/scenario.js';

// Runner emulation: concurrent runs, reruns and a 502 on pull request creation never give a second PR.

const PULLS = '/repos/acme/widgets/pulls';

function branchRefs(gh: Parameters<typeof labelsOf>[0]): string[] {
  return gh.state.git.listRefs('refs/heads/automated/').map((entry) => entry.ref);
}

describe.concurrent('bundled implement: exactly one pull request', { timeout: 240_000 }, () => {
  test('two runs started at once: one claims the issue and opens one PR, the other stands down', async ({ gh, model }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    const first = cloneWorkspace(gh);
    const second = cloneWorkspace(gh);
    // Hold each run's first read of the issue's comments for a moment, so both have read the unclaimed labels
    // before either writes: the race the claim protocol must settle, every time rather than by luck.
    gh.faults.add({ method: 'GET', path: `/repos/acme/widgets/issues/${issue.number}/comments`, delayMs: 1500, times: 2 });
    try {
      const runs = await Promise.all([
        runImplement({ gh, model, workspace: first }, { runId: 7001, inputs: { 'claim-settle-ms': 1500 } }),
        runImplement({ gh, model, workspace: second }, { runId: 7002, inputs: { 'claim-settle-ms': 1500 } }),
      ]);
      const statuses = runs.map((run) => run.outputs.status).sort();
      expect(statuses).toEqual(['no-work', 'opened']);
      const loser = runs.find((run) => run.outputs.status === 'no-work');
      expect(loser?.outputs['pull-request-number']).toBeUndefined();
      // Both reached the claim (neither saw the other's label first): the lower claim comment won.
      expect(loser?.summary).toMatch(/was claimed first by/);
      const claimPosts = gh.requests.filter(
        (request) => request.method === 'POST' && JSON.stringify(request.body).includes('agentic-workflow:implement-claim'),
      );
      expect(claimPosts).toHaveLength(2);
      expect(pullsFor(gh)).toHaveLength(1);
      expect(branchRefs(gh)).toHaveLength(1);
      // Both runs tried to claim (two claim comments were written), the loser withdrew its own.
      expect(gh.countRequests({ method: 'POST', path: `/repos/acme/widgets/issues/${issue.number}/comments` })).toBeGreaterThanOrEqual(2);
      // What remains: the winner's record of the approval it worked on, and its report.
      expect(commentsOn(gh, issue.number).map((comment) => /agentic-workflow:(approval|implement) /.exec(comment.body)?.[1])).toEqual([
        'approval',
        'implement',
      ]);
      expect(labelsOf(gh, issue.number)).toEqual(['agent:pr-open', 'roadmap']);
      // Only the winner talked to the model: one clarification, one plan.
      expect(model.requests.filter((request) => request.toolNames.includes('implementation_plan'))).toHaveLength(1);
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });

  test('a 502 on pull request creation that GitHub applied, then a rerun: exactly one PR', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    const fault = gh.faults.add({ method: 'POST', path: PULLS, applyThenFail: true, status: 502 });
    const first = await runImplement({ gh, model, workspace });
    expect(fault.hits).toBe(1);
    expect(first.outputs.status).toBe('opened');
    expect(pullsFor(gh)).toHaveLength(1);
    expect(first.outputs['pull-request-number']).toBe(String(pullsFor(gh)[0]?.number));
    expect(gh.countRequests({ method: 'POST', path: PULLS })).toBe(1);

    const postsBefore = gh.writes().length;
    const fresh = cloneWorkspace(gh);
    try {
      const rerun = await runImplement({ gh, model, workspace: fresh }, { inputs: { 'issue-number': issue.number } });
      expect(rerun.exitCode).toBe(0);
      expect(rerun.outputs.status).toBe('no-work');
      expect(rerun.summary).toMatch(/already has an open pull request/);
      expect(pullsFor(gh)).toHaveLength(1);
      expect(branchRefs(gh)).toHaveLength(1);
      expect(gh.writes().length).toBe(postsBefore);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  test('a 502 on pull request creation that GitHub did not apply: re-read, one more create, one PR', async ({ gh, model, workspace }) => {
    gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    gh.faults.add({ method: 'POST', path: PULLS, status: 502 });
    const run = await runImplement({ gh, model, workspace });
    expect(run.outputs.status).toBe('opened');
    expect(gh.countRequests({ method: 'POST', path: PULLS })).toBe(2);
    expect(pullsFor(gh)).toHaveLength(1);
  });

  test('a stale claim (old, its run gone) is taken over; a claim whose run is still going is respected', async ({ gh, model, workspace }) => {
    const claim = (hoursAgo: number, runId: number) =>
      `The agent is working on this issue.\n\n${formatMarker('implement-claim', { token: `tok${runId}abcdef`, runId, claimedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() })}`;
    const stale = gh.state.addIssue({ ...ISSUE, labels: ['roadmap', 'agent:in-progress'], assignees: [BOT_LOGIN] });
    gh.state.addComment({ issue_number: stale.number, user: BOT_LOGIN, body: claim(7, 9001) });
    const live = gh.state.addIssue({ title: 'Another', labels: ['roadmap', 'agent:in-progress'], assignees: [BOT_LOGIN] });
    gh.state.addWorkflowRun({ id: 9002, status: 'in_progress' });
    gh.state.addComment({ issue_number: live.number, user: BOT_LOGIN, body: claim(7, 9002) });
    scriptAgent(model, { loop: redThenGreen() });

    const skipped = await runImplement({ gh, model, workspace }, { inputs: { 'issue-number': live.number } });
    expect(skipped.outputs.status).toBe('no-work');
    expect(skipped.summary).toContain('is being worked on by');
    expect(commentsOn(gh, live.number)).toHaveLength(1);

    const taken = await runImplement({ gh, model, workspace }, { inputs: { 'issue-number': stale.number } });
    expect(taken.outputs.status).toBe('opened');
    expect(labelsOf(gh, stale.number)).toEqual(['agent:pr-open', 'roadmap']);
    // The dead run's claim was removed; only the bot's sticky comment remains.
    expect(
      commentsOn(gh, stale.number)
        .map((comment) => comment.body)
        .filter((body) => body.includes('implement-claim')),
    ).toEqual([]);
  });
});
