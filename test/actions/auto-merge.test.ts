import { describe, expect } from 'vitest';
import { BOT_LOGIN } from '../../src/emulators/github/index.js';
import { webhookExample } from '../harness/runner.js';
import { commitsOnMainSince, labelsOf, mergeCalls, runAutoMerge, seedAgentPull, stickyComment, test } from '../merge/scenario.js';

// Runner emulation: the bundled dist/auto-merge.js against the GitHub emulator (run `npm run build` first).
// Each test has its own emulator, so they run concurrently; the client's pacing of writes makes each take seconds.

const MERGE_PATH = /\/pulls\/\d+\/merge$/;

describe.concurrent('bundled auto-merge: the happy path', { timeout: 120_000 }, () => {
  test('merges with the evaluated head sha, deletes the branch and moves the issue to agent:done', async ({ gh, mainBefore }) => {
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ merged: 'true', 'pull-request-number': String(pull.number), status: 'merged' });
    expect(run.outputs.reason).toMatch(/^merged [0-9a-f]{7} into `main` \(squash\)$/);
    const merges = gh.requests.filter((request) => request.method === 'PUT' && MERGE_PATH.test(request.path));
    expect(merges.map((request) => request.body)).toEqual([{ sha: pull.head, merge_method: 'squash' }]);
    expect(gh.state.pull(pull.number)?.merged).toBe(true);
    expect(commitsOnMainSince(gh, mainBefore)).toBe(1);
    expect(gh.state.git.readRef(`refs/heads/${pull.branch}`)).toBeUndefined();
    expect(labelsOf(gh, pull.issue)).toContain('agent:done');
    expect(labelsOf(gh, pull.issue)).not.toContain('agent:pr-open');
    const issueComments = [...gh.state.comments.values()].filter((comment) => comment.issueNumber === pull.issue);
    expect(issueComments).toHaveLength(1);
    expect(issueComments[0]).toMatchObject({
      author: BOT_LOGIN,
      body: expect.stringMatching(new RegExp(`Pull request #${pull.number} was merged into \`main\``)),
    });
    expect(stickyComment(gh, pull.number)).toMatch(/\*\*Merged: merged [0-9a-f]{7}/);
    expect(run.summary).toMatch(/\| checks \| ✅ pass \| 1 check green on head/);
    expect(run.summary).toContain(`- issue #${pull.issue} moved to \`agent:done\``);
  });

  test('finds the pull request of a completed check suite through its commit, and merges it', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    const event = webhookExample('check_suite', 'completed');
    Object.assign(event.check_suite as object, { head_sha: pull.head, pull_requests: [] });
    const run = await runAutoMerge(gh, { eventName: 'check_suite', event });
    expect(run.outputs).toMatchObject({ merged: 'true', 'pull-request-number': String(pull.number) });
    expect(gh.countRequests({ method: 'GET', path: `/repos/acme/widgets/commits/${pull.head}/pulls` })).toBe(1);
  });

  test('re-reads an unknown mergeable state (as GitHub answers right after a push) before deciding', async ({ gh }) => {
    gh.state.setRepoSettings({ mergeableUnknownFirst: true });
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs.merged).toBe('true');
    expect(gh.countRequests({ method: 'GET', path: `/repos/acme/widgets/pulls/${pull.number}` })).toBe(2);
  });

  test('dry-run evaluates and reports, and writes nothing', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number, 'dry-run': true } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'would-merge' });
    expect(run.summary).toContain('Dry run: nothing was written.');
    expect(gh.writes()).toEqual([]);
  });
});

describe.concurrent('bundled auto-merge: failed merge calls', { timeout: 120_000 }, () => {
  test('a 502 on the merge call that GitHub applied anyway, then a rerun: exactly one merge', async ({ gh, mainBefore }) => {
    const pull = seedAgentPull(gh);
    gh.faults.add({ method: 'PUT', path: MERGE_PATH, applyThenFail: true, status: 502 });
    const first = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(first.outputs).toMatchObject({ merged: 'true', status: 'merged' });
    expect(first.outputs.reason).toMatch(/GitHub answered HTTP 502.*the re-read shows the merge went through/);
    expect(mergeCalls(gh)).toBe(1);

    const rerun = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.outputs).toMatchObject({ merged: 'false', status: 'already-merged' });
    expect(rerun.outputs.reason).toMatch(/^already merged as [0-9a-f]{7} by `github-actions\[bot\]`; not merged again$/);
    expect(mergeCalls(gh)).toBe(1);
    expect(commitsOnMainSince(gh, mainBefore)).toBe(1);
    expect(labelsOf(gh, pull.issue)).toContain('agent:done');
    // The rerun found the loop closed and wrote nothing.
    expect(rerun.summary).toContain(`issue #${pull.issue} was already \`agent:done\``);
    expect([...gh.state.comments.values()].filter((comment) => comment.issueNumber === pull.issue)).toHaveLength(1);
  });

  test('a 502 on a merge GitHub did not apply: the re-read shows it open at the evaluated head, so it is tried once more, exactly one merge', async ({
    gh,
    mainBefore,
  }) => {
    const pull = seedAgentPull(gh);
    gh.faults.add({ method: 'PUT', path: MERGE_PATH, status: 502 });
    const first = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ merged: 'true', status: 'merged' });
    expect(mergeCalls(gh)).toBe(2);
    // The second call between the two merge calls is the re-read that shows nothing was merged.
    const calls = gh.requests.filter((request) => MERGE_PATH.test(request.path) || request.path === `/repos/acme/widgets/pulls/${pull.number}`);
    expect(calls.slice(-3).map((request) => `${request.method} ${request.status}`)).toEqual(['PUT 502', 'GET 200', 'PUT 200']);
    expect(commitsOnMainSince(gh, mainBefore)).toBe(1);
  });

  test('two concurrent runs for the same pull request: at most one merge', async ({ gh, mainBefore }) => {
    const pull = seedAgentPull(gh);
    const runs = await Promise.all([0, 1].map(() => runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } })));
    expect(runs.map((run) => run.outputs.merged).sort()).toEqual(['false', 'true']);
    expect(runs.map((run) => run.exitCode)).toEqual([0, 0]);
    expect(commitsOnMainSince(gh, mainBefore)).toBe(1);
    const loser = runs.find((run) => run.outputs.merged === 'false');
    expect(loser?.outputs.status).toBe('already-merged');
  });
});

describe.concurrent('bundled auto-merge: events', { timeout: 120_000 }, () => {
  test('ends neutral and names an event it does not handle', async ({ gh }) => {
    const run = await runAutoMerge(gh, { eventName: 'issues', event: webhookExample('issues', 'opened') });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'skipped' });
    expect(run.annotations[0]).toMatchObject({ level: 'warning', message: expect.stringMatching(/does not run on the issues event/) });
  });

  test("leaves people's own pull requests alone: no comment, nothing read beyond the pull request", async ({ gh }) => {
    gh.state.commitFiles('feature/faster', { 'src/fast.ts': 'x\n' });
    const number = gh.state.addPullRequest({ head: 'feature/faster', title: 'Faster' }).number;
    const event = webhookExample('pull_request', 'labeled');
    Object.assign(event.pull_request as object, { number });
    const run = await runAutoMerge(gh, { eventName: 'pull_request', event });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      merged: 'false',
      status: 'ignored',
      reason: 'not an agent pull request: `feature/faster` does not match the branch pattern and `acme` is not the bot',
    });
    expect(gh.writes()).toEqual([]);
    expect(gh.requests.map((request) => request.path)).toEqual([
      '/repos/acme/widgets',
      '/repos/acme/widgets/contents/.github%2Fagentic.yml',
      '/users/github-actions%5Bbot%5D',
      `/repos/acme/widgets/pulls/${number}`,
    ]);
  });

  test('fails clearly when dispatched without a pull request number', async ({ gh }) => {
    const run = await runAutoMerge(gh, { eventName: 'workflow_dispatch', event: { inputs: {} } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(/^Input required and not supplied: pull-request-number/);
  });

  test('re-evaluating an unchanged waiting pull request writes nothing', async ({ gh }) => {
    const pull = seedAgentPull(gh, { labels: ['do-not-merge'] });
    const first = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(first.outputs.status).toBe('refused');
    gh.resetRequests();
    const event = webhookExample('pull_request_review', 'submitted');
    Object.assign(event.pull_request as object, { number: pull.number });
    const again = await runAutoMerge(gh, { eventName: 'pull_request_review', event });
    expect(again.outputs.status).toBe('refused');
    expect(gh.writes()).toEqual([]);
    expect(again.summary).toContain('the gate table on the pull request was already up to date');
  });
});
