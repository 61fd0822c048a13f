import { describe, expect } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import type { ActionRun } from '../harness/runner.js';
import { addReviewCheck, addReviews, reviewSummary, runAutoMerge, seedAgentPull, stickyComment, test, type AgentPull } from '../merge/scenario.js';

// Runner emulation of every refusal in the issue: each is refused (or waits) with its own reason, ends neutral
// (never red for waiting, never green without a merge), merges nothing and says why on the pull request.

function expectNotMerged(gh: GitHubEmulator, pull: AgentPull, run: ActionRun, status: 'refused' | 'waiting', reason: RegExp): void {
  expect(run.exitCode).toBe(0);
  expect(run.outputs).toMatchObject({ merged: 'false', status, 'pull-request-number': String(pull.number) });
  expect(run.outputs.reason).toMatch(reason);
  expect(run.annotations).toEqual([expect.objectContaining({ level: 'warning' })]);
  expect(gh.state.pull(pull.number)?.merged).toBe(false);
  expect(gh.countRequests({ method: 'PUT', path: /\/merge$/ })).toBe(0);
  expect(stickyComment(gh, pull.number)).toContain(`**${status === 'refused' ? 'Not merged' : 'Waiting'}: ${run.outputs.reason ?? ''}**`);
  expect(run.summary).toContain(status === 'refused' ? '❌ fail' : '⏳ wait');
}

const evaluate = (gh: GitHubEmulator, pull: AgentPull): Promise<ActionRun> => runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });

describe.concurrent('bundled auto-merge refuses', { timeout: 120_000 }, () => {
  test('a fork pull request whose branch is automated/x', async ({ gh }) => {
    const head = gh.state.commitFiles('automated/x', { 'src/widget.ts': 'export const widget = 2;\n' }, { author: 'github-actions[bot]' });
    gh.state.addIssue({ title: 'placeholder' });
    const number = gh.state.addPullRequest({ head: 'automated/x', title: 'feat: x', user: 'github-actions[bot]', headRepo: { owner: 'mallory' } }).number;
    addReviews(gh, head);
    gh.state.addCheckRun({ head_sha: head, name: 'test', conclusion: 'success' });
    const pull = { issue: 1, number, head, branch: 'automated/x' };
    const run = await evaluate(gh, pull);
    expectNotMerged(gh, pull, run, 'refused', /^branch: `automated\/x` comes from the fork `mallory\/widgets`; only branches of `acme\/widgets` are merged$/);
  });

  test('a human commit on an agent branch: a human must merge', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    gh.state.addUser({ login: 'alice' });
    gh.state.setPermission('alice', 'write');
    const head = gh.state.commitFiles(pull.branch, { 'src/widget.ts': 'export const widget = 3;\n' }, { author: 'alice', message: 'tweak' });
    addReviews(gh, head);
    gh.state.addCheckRun({ head_sha: head, name: 'test', conclusion: 'success' });
    const run = await evaluate(gh, { ...pull, head });
    expectNotMerged(gh, pull, run, 'refused', /^author: commit [0-9a-f]{7} was authored by `alice`, not `github-actions\[bot\]`: a human must merge$/);
  });

  test('a commit authored as the bot but pushed by a person (not verified): a human must merge', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    // git lets anyone write the bot's noreply address as author and committer; only GitHub's signature proves who made it.
    const head = gh.state.commitFiles(
      pull.branch,
      { 'src/widget.ts': 'export const widget = 6;\n' },
      { author: 'github-actions[bot]', message: 'looks like the bot', signed: false },
    );
    addReviews(gh, head);
    gh.state.addCheckRun({ head_sha: head, name: 'test', conclusion: 'success' });
    const run = await evaluate(gh, { ...pull, head });
    expectNotMerged(
      gh,
      pull,
      run,
      'refused',
      /^author: commit [0-9a-f]{7} names `github-actions\[bot\]` as its author but is not verified \(GitHub signs only what the bot commits through the API\): a human must merge$/,
    );
  });

  test('a draft', async ({ gh }) => {
    const pull = seedAgentPull(gh, { draft: true });
    expectNotMerged(gh, pull, await evaluate(gh, pull), 'refused', /^draft: the pull request is a draft/);
  });

  test('a do-not-merge label', async ({ gh }) => {
    const pull = seedAgentPull(gh, { labels: ['do-not-merge'] });
    expectNotMerged(gh, pull, await evaluate(gh, pull), 'refused', /^labels: labelled `do-not-merge`$/);
  });

  test('a CHANGES_REQUESTED review', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    gh.state.addUser({ login: 'carol' });
    gh.state.setPermission('carol', 'write');
    gh.state.addReview({ pull_number: pull.number, user: 'carol', state: 'CHANGES_REQUESTED', body: 'Not like this' });
    expectNotMerged(gh, pull, await evaluate(gh, pull), 'refused', /^reviews: changes requested by `carol`$/);
  });

  test('a blocking cto-review', async ({ gh }) => {
    const pull = seedAgentPull(gh, { reviews: false });
    const review = addReviews(gh, pull.head, ['agentic/cto-review']);
    addReviewCheck(gh, review, pull.head, 'agentic/cto-review', { conclusion: 'failure', summary: reviewSummary(pull.head, { shouldBlock: true }) });
    expectNotMerged(gh, pull, await evaluate(gh, pull), 'refused', /^agent-reviews: `agentic\/cto-review` blocks the merge$/);
  });

  test('zero checks: no green by omission', async ({ gh }) => {
    const pull = seedAgentPull(gh, { ci: false });
    expectNotMerged(
      gh,
      pull,
      await evaluate(gh, pull),
      'refused',
      /^checks: no check besides the agents' own passed or ran on head [0-9a-f]{7}: no checks is not green/,
    );
  });

  test('one failed check', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    gh.state.addCheckRun({ head_sha: pull.head, name: 'lint', conclusion: 'failure', app: 'ci-app[bot]' });
    expectNotMerged(gh, pull, await evaluate(gh, pull), 'refused', /^checks: 1 check failed on head [0-9a-f]{7}: `lint` \(failure\)$/);
  });

  test('a pull request touching .github/workflows/', async ({ gh }) => {
    const pull = seedAgentPull(gh, { files: { 'src/widget.ts': 'export const widget = 1;\n', '.github/workflows/ci.yml': 'on: push\n' } });
    expectNotMerged(
      gh,
      pull,
      await evaluate(gh, pull),
      'refused',
      /^paths: touches require-human paths: `.github\/workflows\/ci.yml` \(`.github\/\*\*`\): a human must merge$/,
    );
  });

  test('a new push between evaluation and merge (the merge API answers 409)', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    // Hold the merge call until the test has pushed, the way a push lands while the run is deciding.
    const held = gh.faults.add({ method: 'PUT', path: /\/pulls\/\d+\/merge$/, delayMs: 1500 });
    const running = evaluate(gh, pull);
    while (held.hits === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const pushed = gh.state.commitFiles(pull.branch, { 'src/widget.ts': 'export const widget = 4;\n' }, { author: 'github-actions[bot]', message: 'more' });
    const run = await running;
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(run.outputs.reason).toMatch(
      /^head changed after evaluation: [0-9a-f]{7} was evaluated and GitHub refused the merge \(HTTP 409: Head branch was modified/,
    );
    expect(gh.requests.filter((request) => /\/merge$/.test(request.path)).map((request) => [request.status, (request.body as { sha: string }).sha])).toEqual([
      [409, pull.head],
    ]);
    expect(gh.state.pull(pull.number)?.merged).toBe(false);
    expect(gh.state.branchSha(pull.branch)).toBe(pushed);
    expect(stickyComment(gh, pull.number)).toContain('head changed after evaluation');
  });
});

describe.concurrent('bundled auto-merge waits (neutral, never red)', { timeout: 120_000 }, () => {
  test('while ciso-review has no result for the current head, only for an older one', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    const head = gh.state.commitFiles(pull.branch, { 'src/widget.ts': 'export const widget = 5;\n' }, { author: 'github-actions[bot]', message: 'fix' });
    addReviews(gh, head, ['agentic/ciso-review']);
    gh.state.addCheckRun({ head_sha: head, name: 'test', conclusion: 'success' });
    expectNotMerged(
      gh,
      pull,
      await evaluate(gh, { ...pull, head }),
      'waiting',
      /^agent-reviews: `agentic\/ciso-review` has no result for the current head [0-9a-f]{7} \(a review of an earlier commit does not count\)$/,
    );
  });

  test('while one check is pending', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    gh.state.addCheckRun({ head_sha: pull.head, name: 'e2e', status: 'in_progress', app: 'ci-app[bot]' });
    expectNotMerged(gh, pull, await evaluate(gh, pull), 'waiting', /^checks: 1 check still running on head [0-9a-f]{7}: `e2e`$/);
  });
});
