import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const owner = 'acme';
const repo = 'widgets';
const r = { owner, repo };

let gh: GitHubEmulator;
let bot: ReturnType<typeof getOctokit>;
let alice: ReturnType<typeof getOctokit>;

function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();
}

beforeEach(async () => {
  gh = await startGitHubEmulator({
    owner,
    repo,
    files: {
      'README.md': '# widgets\n',
      'src/keep.ts': 'export const keep = 1;\n',
      'src/old-name.ts': 'export const moved = "same content for rename detection";\n',
      'src/gone.ts': 'export {};\n',
    },
  });
  gh.state.addUser({ login: 'alice', name: 'Alice' });
  gh.state.setPermission('alice', 'write');
  bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
  alice = getOctokit(gh.tokenFor('alice'), { baseUrl: gh.apiUrl });
});

afterEach(async () => {
  await gh.close();
});

/** A branch touching files in every way a diff can: add, modify, delete, rename. */
function seedFeatureBranch(branch = 'automated/7-widget'): string {
  gh.state.commitFiles(branch, { 'src/widget.ts': 'export const widget = () => 42;\n' }, { author: 'github-actions[bot]', message: 'feat: widget' });
  return gh.state.commitFiles(
    branch,
    {
      'src/keep.ts': 'export const keep = 2;\n',
      'src/gone.ts': null,
      'src/old-name.ts': null,
      'src/new-name.ts': 'export const moved = "same content for rename detection";\n',
    },
    { author: 'github-actions[bot]', message: 'refactor: tidy' },
  );
}

describe('pull requests', () => {
  it('creates a PR, serves its real files, diff and commits, and merges it for real', async () => {
    const issue = gh.state.addIssue({ title: 'Widget please', labels: ['roadmap'] });
    const head = seedFeatureBranch();
    const created = await bot.rest.pulls.create({
      ...r,
      head: 'automated/7-widget',
      base: 'main',
      title: 'feat: widget',
      body: `Adds it.\n\nFixes #${issue.number}`,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 2,
      state: 'open',
      draft: false,
      merged: false,
      mergeable: true,
      mergeable_state: 'clean',
      commits: 2,
      changed_files: 4,
      head: { ref: 'automated/7-widget', sha: head, label: 'acme:automated/7-widget', repo: { full_name: 'acme/widgets' } },
      base: { ref: 'main', sha: gh.state.branchSha('main') },
      user: { login: 'github-actions[bot]' },
    });

    const files = await bot.rest.pulls.listFiles({ ...r, pull_number: 2 });
    const byName = Object.fromEntries(files.data.map((file) => [file.filename, file]));
    expect(byName['src/widget.ts']).toMatchObject({
      status: 'added',
      additions: 1,
      deletions: 0,
      changes: 1,
      patch: '@@ -0,0 +1 @@\n+export const widget = () => 42;',
    });
    expect(byName['src/keep.ts']).toMatchObject({ status: 'modified', additions: 1, deletions: 1 });
    expect(byName['src/gone.ts']).toMatchObject({ status: 'removed', deletions: 1 });
    expect(byName['src/new-name.ts']).toMatchObject({ status: 'renamed', previous_filename: 'src/old-name.ts', changes: 0 });
    expect(byName['src/widget.ts']?.sha).toBe(git(gh.gitDir, 'rev-parse', `${head}:src/widget.ts`));
    const paged = await bot.rest.pulls.listFiles({ ...r, pull_number: 2, per_page: 2 });
    expect(paged.data).toHaveLength(2);
    expect(paged.headers.link).toContain('per_page=2&page=2>; rel="last"');

    const diff = await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      ...r,
      pull_number: 2,
      headers: { accept: 'application/vnd.github.diff' },
    });
    expect(String(diff.data)).toBe(git(gh.gitDir, 'diff', '--full-index', '-M', `main...${head}`) + '\n');

    const commits = await bot.rest.pulls.listCommits({ ...r, pull_number: 2 });
    expect(commits.data.map((commit) => commit.commit.message)).toEqual(['feat: widget', 'refactor: tidy']);
    expect(commits.data[0]?.author?.login).toBe('github-actions[bot]');
    expect(commits.data[0]?.commit.author?.email).toBe('41898282+github-actions[bot]@users.noreply.github.com');

    await expect(bot.rest.pulls.merge({ ...r, pull_number: 2, sha: '0'.repeat(40) })).rejects.toMatchObject({
      status: 409,
      response: { data: { message: 'Head branch was modified. Review and try the merge again.' } },
    });
    const merged = await bot.rest.pulls.merge({ ...r, pull_number: 2, sha: head, merge_method: 'merge' });
    expect(merged.data.merged).toBe(true);
    expect(git(gh.gitDir, 'rev-parse', 'refs/heads/main')).toBe(merged.data.sha);
    expect(git(gh.gitDir, 'show', 'main:src/widget.ts')).toBe('export const widget = () => 42;');
    expect(git(gh.gitDir, 'rev-list', '--parents', '-n', '1', 'main').split(' ')).toHaveLength(3);

    const after = await bot.rest.pulls.get({ ...r, pull_number: 2 });
    expect(after.data).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.data.sha, merged_by: { login: 'github-actions[bot]' } });
    const linked = await bot.rest.issues.get({ ...r, issue_number: issue.number });
    expect(linked.data).toMatchObject({ state: 'closed', state_reason: 'completed' });
    await expect(bot.rest.pulls.merge({ ...r, pull_number: 2 })).rejects.toMatchObject({ status: 405 });
    await expect(bot.rest.pulls.checkIfMerged({ ...r, pull_number: 2 })).resolves.toMatchObject({ status: 204 });
  });

  it('refuses PRs without commits, duplicates and unknown branches', async () => {
    gh.state.commitFiles('empty', {}, { message: 'nothing' });
    git(gh.gitDir, 'update-ref', 'refs/heads/same', gh.state.branchSha('main') ?? '');
    await expect(bot.rest.pulls.create({ ...r, head: 'same', base: 'main', title: 't' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: 'No commits between main and same' }] } },
    });
    seedFeatureBranch('feature');
    await bot.rest.pulls.create({ ...r, head: 'feature', base: 'main', title: 't' });
    await expect(bot.rest.pulls.create({ ...r, head: 'acme:feature', base: 'main', title: 't' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: 'A pull request already exists for acme:feature.' }] } },
    });
    await expect(bot.rest.pulls.create({ ...r, head: 'nope', base: 'main', title: 't' })).rejects.toMatchObject({ status: 422 });
    const listed = await bot.rest.pulls.list({ ...r, head: 'acme:feature' });
    expect(listed.data.map((pull) => pull.number)).toEqual([1]);
    expect((await bot.rest.pulls.list({ ...r, head: 'acme:other' })).data).toEqual([]);
  });

  it('computes mergeability with a real merge and follows pushes from a real clone', async () => {
    gh.state.setRepoSettings({ mergeableUnknownFirst: true });
    seedFeatureBranch('feature');
    const pull = gh.state.addPullRequest({ head: 'feature', title: 'Feature', user: 'alice' });
    const first = await bot.rest.pulls.get({ ...r, pull_number: pull.number });
    expect([first.data.mergeable, first.data.mergeable_state]).toEqual([null, 'unknown']);
    const second = await bot.rest.pulls.get({ ...r, pull_number: pull.number });
    expect([second.data.mergeable, second.data.mergeable_state]).toEqual([true, 'clean']);

    const work = mkdtempSync(join(tmpdir(), 'emulator-clone-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--branch', 'feature', gh.gitDir, work]);
      writeFileSync(join(work, 'src', 'keep.ts'), 'export const keep = 3;\n');
      const env = { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.com' };
      execFileSync('git', ['-C', work, 'commit', '--quiet', '-am', 'push from a clone'], { env });
      execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'feature'], { env });
      const pushed = execFileSync('git', ['-C', work, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      const afterPush = await bot.rest.pulls.get({ ...r, pull_number: pull.number });
      expect(afterPush.data.head.sha).toBe(pushed);
      expect(afterPush.data.mergeable_state).toBe('unknown');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

    gh.state.commitFiles('main', { 'src/keep.ts': 'export const keep = "conflict";\n' }, { message: 'conflicting change' });
    await bot.rest.pulls.get({ ...r, pull_number: pull.number });
    const conflicted = await bot.rest.pulls.get({ ...r, pull_number: pull.number });
    expect([conflicted.data.mergeable, conflicted.data.mergeable_state]).toEqual([false, 'dirty']);
    await expect(bot.rest.pulls.merge({ ...r, pull_number: pull.number })).rejects.toMatchObject({ status: 405 });
  });

  it('squashes and rebases with real git history', async () => {
    seedFeatureBranch('squash-me');
    const squash = gh.state.addPullRequest({ head: 'squash-me', title: 'Squash me', user: 'alice' });
    const squashed = await bot.rest.pulls.merge({ ...r, pull_number: squash.number, merge_method: 'squash' });
    expect(git(gh.gitDir, 'log', '-1', '--format=%s%n%P', 'main').split('\n')).toEqual([
      `Squash me (#${squash.number})`,
      expect.stringMatching(/^[0-9a-f]{40}$/),
    ]);
    expect(git(gh.gitDir, 'log', '-1', '--format=%ae', squashed.data.sha)).toBe(`${gh.state.user('alice')?.id}+alice@users.noreply.github.com`);

    gh.state.commitFiles('rebase-me', { 'one.txt': '1\n' }, { message: 'one' });
    gh.state.commitFiles('rebase-me', { 'two.txt': '2\n' }, { message: 'two' });
    gh.state.commitFiles('main', { 'other.txt': 'main moved\n' }, { message: 'main moved' });
    const rebase = gh.state.addPullRequest({ head: 'rebase-me', title: 'Rebase me' });
    const before = gh.state.branchSha('main');
    await bot.rest.pulls.merge({ ...r, pull_number: rebase.number, merge_method: 'rebase' });
    expect(git(gh.gitDir, 'log', '--format=%s', `${before}..main`).split('\n')).toEqual(['two', 'one']);
    expect(git(gh.gitDir, 'show', 'main:one.txt')).toBe('1');

    gh.state.setRepoSettings({ allowMergeCommit: false });
    seedFeatureBranch('no-merge-commits');
    const refused = gh.state.addPullRequest({ head: 'no-merge-commits', title: 'x' });
    await expect(bot.rest.pulls.merge({ ...r, pull_number: refused.number, merge_method: 'merge' })).rejects.toMatchObject({ status: 405 });
  });

  it('shows a fork head repo, and null once the fork is deleted', async () => {
    seedFeatureBranch('patch-1');
    const pull = gh.state.addPullRequest({ head: 'patch-1', title: 'From a fork', headRepo: { owner: 'mallory' } });
    const fetched = await bot.rest.pulls.get({ ...r, pull_number: pull.number });
    expect(fetched.data.head).toMatchObject({ label: 'mallory:patch-1', repo: { full_name: 'mallory/widgets', fork: true } });
    gh.state.deleteFork(pull.number);
    const orphan = await bot.rest.pulls.get({ ...r, pull_number: pull.number });
    expect(orphan.data.head.repo).toBeNull();
    const byCommit = await bot.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: fetched.data.head.sha });
    expect(byCommit.data.map((item) => item.number)).toEqual([pull.number]);
  });
});

describe('reviews and review comments', () => {
  let pullNumber: number;
  let head: string;

  beforeEach(() => {
    head = seedFeatureBranch();
    pullNumber = gh.state.addPullRequest({ head: 'automated/7-widget', title: 'feat: widget', user: 'github-actions[bot]' }).number;
  });

  it('refuses lines outside the diff and self-approval, and stores valid comments', async () => {
    await expect(
      alice.rest.pulls.createReview({ ...r, pull_number: pullNumber, event: 'COMMENT', body: 'x', comments: [{ path: 'src/keep.ts', line: 40, body: 'no' }] }),
    ).rejects.toMatchObject({ status: 422, response: { data: { errors: ['Line could not be resolved'] } } });
    await expect(
      alice.rest.pulls.createReview({ ...r, pull_number: pullNumber, event: 'COMMENT', comments: [{ path: 'README.md', line: 1, body: 'no' }] }),
    ).rejects.toMatchObject({
      status: 422,
    });
    expect(gh.state.reviews.size).toBe(0);
    await expect(bot.rest.pulls.createReview({ ...r, pull_number: pullNumber, event: 'APPROVE' })).rejects.toMatchObject({ status: 422 });
    await expect(alice.rest.pulls.createReview({ ...r, pull_number: pullNumber, event: 'REQUEST_CHANGES' })).rejects.toMatchObject({ status: 422 });

    const review = await alice.rest.pulls.createReview({
      ...r,
      pull_number: pullNumber,
      commit_id: head,
      event: 'REQUEST_CHANGES',
      body: 'Two things',
      comments: [
        { path: 'src/keep.ts', line: 1, side: 'RIGHT', body: 'Why 2?' },
        { path: 'src/keep.ts', line: 1, side: 'LEFT', body: 'Was fine' },
        { path: 'src/widget.ts', position: 1, body: 'By position' },
      ],
    });
    expect(review.data).toMatchObject({ state: 'CHANGES_REQUESTED', commit_id: head, user: { login: 'alice' } });
    const comments = await bot.rest.pulls.listReviewComments({ ...r, pull_number: pullNumber });
    expect(comments.data.map((comment) => [comment.path, comment.line, comment.side, comment.pull_request_review_id])).toEqual([
      ['src/keep.ts', 1, 'RIGHT', review.data.id],
      ['src/keep.ts', 1, 'LEFT', review.data.id],
      ['src/widget.ts', 1, 'RIGHT', review.data.id],
    ]);
    expect(comments.data[0]?.diff_hunk).toBe('@@ -1 +1 @@\n-export const keep = 1;\n+export const keep = 2;');

    const reply = await bot.rest.pulls.createReplyForReviewComment({ ...r, pull_number: pullNumber, comment_id: comments.data[0]?.id ?? 0, body: 'Because.' });
    expect(reply.data).toMatchObject({ in_reply_to_id: comments.data[0]?.id, path: 'src/keep.ts', line: 1 });
    const reviews = await bot.rest.pulls.listReviews({ ...r, pull_number: pullNumber });
    expect(reviews.data.map((item) => item.state)).toEqual(['CHANGES_REQUESTED', 'COMMENTED']);

    await expect(
      bot.rest.pulls.createReviewComment({ ...r, pull_number: pullNumber, commit_id: head, path: 'src/keep.ts', line: 30, body: 'x' }),
    ).rejects.toMatchObject({ status: 422, response: { data: { errors: [{ field: 'pull_request_review_thread.line' }] } } });
    const single = await bot.rest.pulls.createReviewComment({ ...r, pull_number: pullNumber, commit_id: head, path: 'src/widget.ts', line: 1, body: 'Inline' });
    expect(single.status).toBe(201);
    const edited = await bot.rest.pulls.updateReviewComment({ ...r, comment_id: single.data.id, body: 'Inline (edited)' });
    expect(edited.data.body).toBe('Inline (edited)');
    await expect(alice.rest.pulls.deleteReviewComment({ ...r, comment_id: single.data.id })).resolves.toMatchObject({ status: 204 });
  });

  it('keeps pending reviews private until submitted and lets writers dismiss', async () => {
    const pending = await alice.rest.pulls.createReview({ ...r, pull_number: pullNumber, body: 'thinking' });
    expect(pending.data.state).toBe('PENDING');
    expect((await bot.rest.pulls.listReviews({ ...r, pull_number: pullNumber })).data).toEqual([]);
    await alice.rest.pulls.submitReview({ ...r, pull_number: pullNumber, review_id: pending.data.id, event: 'APPROVE' });
    const listed = await bot.rest.pulls.listReviews({ ...r, pull_number: pullNumber });
    expect(listed.data.map((item) => item.state)).toEqual(['APPROVED']);
    gh.state.addUser({ login: 'reader' });
    const reader = getOctokit(gh.tokenFor('reader'), { baseUrl: gh.apiUrl });
    await expect(reader.rest.pulls.dismissReview({ ...r, pull_number: pullNumber, review_id: pending.data.id, message: 'stale' })).rejects.toMatchObject({
      status: 403,
    });
    await bot.rest.pulls.dismissReview({ ...r, pull_number: pullNumber, review_id: pending.data.id, message: 'stale' });
    expect(gh.state.reviews.get(pending.data.id)?.state).toBe('DISMISSED');
  });
});

describe('check runs and statuses', () => {
  it('lets only apps write check runs, appends annotations and filters the latest per name', async () => {
    const head = seedFeatureBranch();
    await expect(alice.rest.checks.create({ ...r, name: 'x', head_sha: head })).rejects.toMatchObject({ status: 403 });
    await expect(bot.rest.checks.create({ ...r, name: 'x', head_sha: 'f'.repeat(40) })).rejects.toMatchObject({ status: 422 });
    await expect(bot.rest.checks.create({ ...r, name: 'x', head_sha: head, status: 'completed' })).rejects.toMatchObject({ status: 422 });

    const annotation = (line: number): { path: string; start_line: number; end_line: number; annotation_level: 'warning'; message: string } => ({
      path: 'src/widget.ts',
      start_line: line,
      end_line: line,
      annotation_level: 'warning',
      message: `finding ${line}`,
    });
    const run = await bot.rest.checks.create({
      ...r,
      name: 'cto-review',
      head_sha: head,
      status: 'in_progress',
      output: { title: 'Review', summary: 'running', annotations: [annotation(1)] },
    });
    expect(run.data).toMatchObject({ status: 'in_progress', conclusion: null, app: { slug: 'github-actions' } });
    await expect(
      bot.rest.checks.update({
        ...r,
        check_run_id: run.data.id,
        output: { title: 'Review', summary: 's', annotations: Array.from({ length: 51 }, (_, index) => annotation(index + 1)) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    const done = await bot.rest.checks.update({
      ...r,
      check_run_id: run.data.id,
      conclusion: 'failure',
      output: { title: 'Review', summary: '2 findings', annotations: [annotation(2)] },
    });
    expect(done.data).toMatchObject({ status: 'completed', conclusion: 'failure', output: { annotations_count: 2, summary: '2 findings' } });
    expect(done.data.completed_at).not.toBeNull();
    const annotations = await bot.rest.checks.listAnnotations({ ...r, check_run_id: run.data.id });
    expect(annotations.data.map((item) => item.message)).toEqual(['finding 1', 'finding 2']);

    await bot.rest.checks.create({ ...r, name: 'cto-review', head_sha: head, conclusion: 'success' });
    await bot.rest.checks.create({ ...r, name: 'ciso-review', head_sha: head, status: 'queued' });
    const latest = await bot.rest.checks.listForRef({ ...r, ref: 'automated/7-widget' });
    expect(latest.data.total_count).toBe(2);
    expect(latest.data.check_runs.map((item) => [item.name, item.conclusion])).toEqual([
      ['ciso-review', null],
      ['cto-review', 'success'],
    ]);
    const all = await bot.rest.checks.listForRef({ ...r, ref: head, filter: 'all', check_name: 'cto-review' });
    expect(all.data.total_count).toBe(2);
  });

  it('combines commit statuses by newest per context', async () => {
    const head = seedFeatureBranch();
    const combined = async (): Promise<string> => (await bot.rest.repos.getCombinedStatusForRef({ ...r, ref: head })).data.state;
    expect(await combined()).toBe('pending');
    await bot.rest.repos.createCommitStatus({ ...r, sha: head, state: 'pending', context: 'ci/test' });
    await bot.rest.repos.createCommitStatus({ ...r, sha: head, state: 'success', context: 'ci/lint' });
    expect(await combined()).toBe('pending');
    await bot.rest.repos.createCommitStatus({ ...r, sha: head, state: 'failure', context: 'ci/test' });
    expect(await combined()).toBe('failure');
    await bot.rest.repos.createCommitStatus({ ...r, sha: head, state: 'success', context: 'ci/test' });
    expect(await combined()).toBe('success');
    const listed = await bot.rest.repos.listCommitStatusesForRef({ ...r, ref: 'automated/7-widget' });
    expect(listed.data).toHaveLength(4);
    await expect(bot.rest.repos.createCommitStatus({ ...r, sha: 'main', state: 'success' })).rejects.toMatchObject({ status: 422 });
    await expect(bot.rest.repos.createCommitStatus({ ...r, sha: head, state: 'done' as 'success' })).rejects.toMatchObject({ status: 422 });
  });
});
