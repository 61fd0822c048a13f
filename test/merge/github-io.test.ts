import { describe, expect } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createGitHubClient } from '../../src/core/github.js';
import { DEFAULT_LABELS } from '../../src/core/labels.js';
import { GITHUB_ACTIONS_BOT } from '../../src/core/identity.js';
import { closeLoop } from '../../src/merge/close-loop.js';
import { fetchMergeFacts, readPull } from '../../src/merge/fetch-facts.js';
import { mergeEvaluated } from '../../src/merge/merge-pull.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { labelsOf, seedAgentPull, test } from './scenario.js';

// The I/O edges against the GitHub emulator in-process: what is read, in how many requests, and what a
// failed merge or a half-finished loop leads to.
const repo = { owner: 'acme', repo: 'widgets' };

function client(gh: GitHubEmulator, token = gh.botToken) {
  return createGitHubClient({ token, baseUrl: gh.apiUrl, retries: 0 });
}

const noWait = {
  sleep: async () => undefined,
  mergeabilityDelaysMs: [10, 20, 30],
  requiredApprovals: 0,
  reviewChecks: ['agentic/cto-review', 'agentic/ciso-review'],
  reviewSource: { app: 'github-actions' },
};

describe('fetchMergeFacts', () => {
  test('reads 150 checks in two pages of 100, and everything else in one request each', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    for (let i = 0; i < 148; i++) gh.state.addCheckRun({ head_sha: pull.head, name: `job ${i}`, conclusion: 'success', app: 'ci-app[bot]' });
    gh.state.addStatus({ sha: pull.head, state: 'success', context: 'ci/legacy' });
    const github = client(gh);
    const first = await readPull(github, repo, pull.number);
    gh.resetRequests();
    const facts = await fetchMergeFacts(github, repo, GITHUB_ACTIONS_BOT, first, noWait);
    expect(facts.checkRuns).toHaveLength(151);
    expect(facts.statuses).toEqual([{ context: 'ci/legacy', state: 'success' }]);
    expect(facts.commits).toEqual([
      {
        sha: pull.head,
        author: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
        committer: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
        authorEmail: '41898282+github-actions[bot]@users.noreply.github.com',
        verified: true,
      },
    ]);
    expect(facts.files).toEqual([{ filename: 'src/widget.ts', previousFilename: null }]);
    expect(gh.countRequests({ path: /\/check-runs$/ })).toBe(2);
    // Besides the lists: the review workflow run both review checks name, the base branch's rules and its classic
    // protection's required checks.
    expect(gh.countRequests({ path: /\/actions\/runs\/\d+$/ })).toBe(1);
    expect(gh.countRequests({ path: /\/rules\/branches\/main$/ })).toBe(1);
    expect(gh.countRequests({ path: /\/branches\/main\/protection\/required_status_checks$/ })).toBe(1);
    expect(gh.requests).toHaveLength(9);
    expect(facts.checkRuns.find((run) => run.name === 'agentic/cto-review')?.appSlug).toBe('github-actions');
  });

  test('re-reads an unknown mergeability after the injected waits, a bounded number of times', async ({ gh }) => {
    gh.state.setRepoSettings({ mergeableUnknownFirst: true });
    const pull = seedAgentPull(gh);
    const github = client(gh);
    const waits: number[] = [];
    const first = await readPull(github, repo, pull.number);
    expect(first.mergeableState).toBe('unknown');
    const facts = await fetchMergeFacts(github, repo, GITHUB_ACTIONS_BOT, first, { ...noWait, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([10]);
    expect(facts).toMatchObject({ pullReads: 2, pull: { mergeableState: 'clean' } });
  });

  test('notices a push during the re-read instead of mixing two heads', async ({ gh }) => {
    gh.state.setRepoSettings({ mergeableUnknownFirst: true });
    const pull = seedAgentPull(gh);
    const github = client(gh);
    const first = await readPull(github, repo, pull.number);
    let pushed = '';
    const sleep = async () => {
      pushed = gh.state.commitFiles(pull.branch, { 'src/more.ts': 'x\n' }, { author: 'github-actions[bot]' });
    };
    const facts = await fetchMergeFacts(github, repo, GITHUB_ACTIONS_BOT, first, { ...noWait, sleep });
    expect(facts.headSeenLater).toBe(pushed);
    expect(facts.pull.headSha).toBe(pull.head);
  });

  test('reads approvers’ permissions only when approvals are required', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    gh.state.addUser({ login: 'alice' });
    gh.state.setPermission('alice', 'maintain');
    gh.state.addReview({ pull_number: pull.number, user: 'alice', state: 'APPROVED' });
    const github = client(gh);
    const first = await readPull(github, repo, pull.number);
    expect((await fetchMergeFacts(github, repo, GITHUB_ACTIONS_BOT, first, noWait)).permissions).toEqual({});
    const facts = await fetchMergeFacts(github, repo, GITHUB_ACTIONS_BOT, first, { ...noWait, requiredApprovals: 1 });
    expect(facts.permissions).toEqual({ alice: 'maintain' });
  });
});

describe('mergeEvaluated', () => {
  test('reports a refusal GitHub gives for another reason, without retrying', async ({ gh }) => {
    gh.state.setRepoSettings({ allowSquashMerge: false });
    const pull = seedAgentPull(gh);
    const github = client(gh);
    const facts = await readPull(github, repo, pull.number);
    const attempt = await mergeEvaluated(github, repo, facts, pull.head, 'squash');
    expect(attempt).toEqual({
      kind: 'not-merged',
      reason: 'GitHub did not merge (HTTP 405: Squash merges are not allowed on this repository.); nothing was retried, the next event re-evaluates',
    });
    expect(gh.countRequests({ method: 'PUT' })).toBe(1);
  });

  test('a token that may not merge is a configuration error naming the permissions', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    gh.state.addUser({ login: 'reader' });
    const github = client(gh, gh.tokenFor('reader'));
    const facts = await readPull(github, repo, pull.number);
    await expect(mergeEvaluated(github, repo, facts, pull.head, 'squash')).rejects.toThrow(ConfigurationError);
    await expect(mergeEvaluated(github, repo, facts, pull.head, 'squash')).rejects.toThrow(/contents: write and pull-requests: write/);
  });
});

describe('closeLoop', () => {
  test('leaves a branch that moved after the merge, and an issue the agent does not track', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    const github = client(gh);
    const facts = await readPull(github, repo, pull.number);
    await mergeEvaluated(github, repo, facts, pull.head, 'squash');
    const moved = gh.state.commitFiles(pull.branch, { 'src/later.ts': 'x\n' }, { author: 'github-actions[bot]' });
    const untracked = gh.state.addIssue({ title: 'no agent state' });
    const { lines } = await closeLoop(github, repo, { ...facts, body: `Fixes #${untracked.number}` }, 'f'.repeat(40), DEFAULT_LABELS, GITHUB_ACTIONS_BOT);
    expect(lines).toEqual([
      `branch \`${pull.branch}\` left in place: it moved to ${moved.slice(0, 7)} after the merged head ${pull.head.slice(0, 7)}`,
      `issue #${untracked.number} left as it is: cannot move an issue from no state to done`,
    ]);
    expect(gh.state.branchSha(pull.branch)).toBe(moved);
    expect(labelsOf(gh, untracked.number)).toEqual([]);
  });

  test('finishes a half-closed loop and then writes nothing more', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    const github = client(gh);
    const facts = await readPull(github, repo, pull.number);
    const merged = await mergeEvaluated(github, repo, facts, pull.head, 'squash');
    const sha = merged.kind === 'merged' ? merged.sha : '';
    expect((await closeLoop(github, repo, facts, sha, DEFAULT_LABELS, GITHUB_ACTIONS_BOT)).lines[1]).toBe(`issue #${pull.issue} moved to \`agent:done\``);
    gh.resetRequests();
    expect(await closeLoop(github, repo, facts, sha, DEFAULT_LABELS, GITHUB_ACTIONS_BOT)).toEqual({
      lines: [`branch \`${pull.branch}\` was already deleted`, `issue #${pull.issue} was already \`agent:done\``],
      unfinished: [],
    });
    expect(gh.writes()).toEqual([]);
  });
});
