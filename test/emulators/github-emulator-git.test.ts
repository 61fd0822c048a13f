import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const execFileAsync = promisify(execFile);
const owner = 'acme';
const repo = 'widgets';
const r = { owner, repo };

let gh: GitHubEmulator;
let bot: ReturnType<typeof getOctokit>;

function git(...args: string[]): string {
  return execFileSync('git', ['--git-dir', gh.gitDir, ...args], { encoding: 'utf8' }).trim();
}

beforeEach(async () => {
  gh = await startGitHubEmulator({
    owner,
    repo,
    defaultBranch: 'trunk',
    files: { 'README.md': '# widgets\n', 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 2;\n' },
  });
  bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
});

afterEach(async () => {
  await gh.close();
});

describe('git over smart HTTP', () => {
  it('clones anonymously, pushes with a token, and refuses pushes without write access', async () => {
    const work = mkdtempSync(join(tmpdir(), 'emulator-http-'));
    const env = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'bot',
      GIT_AUTHOR_EMAIL: 'bot@example.com',
      GIT_COMMITTER_NAME: 'bot',
      GIT_COMMITTER_EMAIL: 'bot@example.com',
    };
    // Asynchronous on purpose: the emulator answers from this same process.
    const run = async (...args: string[]): Promise<string> => (await execFileAsync('git', ['-C', work, ...args], { env, encoding: 'utf8' })).stdout.trim();
    const withToken = (token: string): string => gh.cloneUrl.replace('http://', `http://x-access-token:${token}@`);
    try {
      await execFileAsync('git', ['clone', '--quiet', gh.cloneUrl, work], { env });
      expect(readFileSync(join(work, 'src', 'a.ts'), 'utf8')).toBe('export const a = 1;\n');
      await run('checkout', '--quiet', '-b', 'automated/5-http');
      writeFileSync(join(work, 'src', 'a.ts'), 'export const a = 5;\n');
      await run('commit', '--quiet', '-am', 'feat: over http');
      const pushed = await run('rev-parse', 'HEAD');

      await expect(run('push', '--quiet', 'origin', 'automated/5-http')).rejects.toThrow();
      await expect(run('push', '--quiet', withToken(gh.tokenFor('github-actions[bot]', { readOnly: true })), 'automated/5-http')).rejects.toThrow(/denied/);
      expect(gh.state.branchSha('automated/5-http')).toBeUndefined();

      await run('push', '--quiet', withToken(gh.botToken), 'automated/5-http');
      expect(gh.state.branchSha('automated/5-http')).toBe(pushed);
      expect(gh.writes().map((entry) => [entry.route, entry.login, entry.status])).toContainEqual(['git:git-receive-pack', 'github-actions[bot]', 200]);
      expect(gh.writes().some((entry) => entry.route === 'git:git-upload-pack')).toBe(false);

      // Like GITHUB_TOKEN, the bot may not change workflow files without the `workflows` permission.
      mkdirSync(join(work, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(work, '.github', 'workflows', 'ci.yml'), 'on: push\n');
      await run('add', '.');
      await run('commit', '--quiet', '-m', 'ci: sneak a workflow in');
      await expect(run('push', '--quiet', withToken(gh.botToken), 'automated/5-http')).rejects.toThrow(/without `workflows` permission/);
      expect(gh.state.branchSha('automated/5-http')).toBe(pushed);
      const withWorkflows = gh.tokenFor('github-actions[bot]', { permissions: { contents: 'write', workflows: 'write' } });
      await run('push', '--quiet', withToken(withWorkflows), 'automated/5-http');
      expect(gh.state.branchSha('automated/5-http')).toBe(await run('rev-parse', 'HEAD'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('git data API', () => {
  it('builds a commit from blobs and trees and moves a branch, all as real git objects', async () => {
    const trunk = await bot.rest.git.getRef({ ...r, ref: 'heads/trunk' });
    const baseSha = trunk.data.object.sha;
    expect(baseSha).toBe(git('rev-parse', 'refs/heads/trunk'));
    const baseCommit = await bot.rest.git.getCommit({ ...r, commit_sha: baseSha });
    expect(baseCommit.data.message).toBe('Initial commit');

    const blob = await bot.rest.git.createBlob({ ...r, content: Buffer.from('binary\0data').toString('base64'), encoding: 'base64' });
    expect(git('cat-file', '-t', blob.data.sha)).toBe('blob');
    const tree = await bot.rest.git.createTree({
      ...r,
      base_tree: baseCommit.data.tree.sha,
      tree: [
        { path: 'src/a.ts', mode: '100644', type: 'blob', content: 'export const a = 10;\n' },
        { path: 'assets/data.bin', mode: '100644', type: 'blob', sha: blob.data.sha },
        { path: 'src/b.ts', mode: '100644', type: 'blob', sha: null },
      ],
    });
    expect(tree.data.tree.map((entry) => entry.path).sort()).toEqual(['README.md', 'assets', 'src']);
    const commit = await bot.rest.git.createCommit({
      ...r,
      message: 'feat: change a, add data, drop b',
      tree: tree.data.sha,
      parents: [baseSha],
      author: { name: 'Agent', email: '41898282+github-actions[bot]@users.noreply.github.com', date: '2024-02-03T04:05:06Z' },
    });
    expect(commit.status).toBe(201);
    expect(commit.data.author).toMatchObject({ name: 'Agent', date: '2024-02-03T04:05:06Z' });

    await bot.rest.git.createRef({ ...r, ref: 'refs/heads/automated/3-data', sha: baseSha });
    await expect(bot.rest.git.createRef({ ...r, ref: 'refs/heads/automated/3-data', sha: baseSha })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference already exists' } },
    });
    await bot.rest.git.updateRef({ ...r, ref: 'heads/automated/3-data', sha: commit.data.sha });
    expect(git('show', 'automated/3-data:src/a.ts')).toBe('export const a = 10;');
    expect(git('ls-tree', '-r', '--name-only', 'automated/3-data').split('\n')).toEqual(['README.md', 'assets/data.bin', 'src/a.ts']);

    // Going back is not a fast-forward: refused unless forced.
    await expect(bot.rest.git.updateRef({ ...r, ref: 'heads/automated/3-data', sha: baseSha })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Update is not a fast forward' } },
    });
    await bot.rest.git.updateRef({ ...r, ref: 'heads/automated/3-data', sha: baseSha, force: true });
    expect(git('rev-parse', 'refs/heads/automated/3-data')).toBe(baseSha);

    const matching = await bot.rest.git.listMatchingRefs({ ...r, ref: 'heads/automated' });
    expect(matching.data.map((ref) => ref.ref)).toEqual(['refs/heads/automated/3-data']);
    await bot.rest.git.deleteRef({ ...r, ref: 'heads/automated/3-data' });
    await expect(bot.rest.git.getRef({ ...r, ref: 'heads/automated/3-data' })).rejects.toMatchObject({ status: 404 });
    await expect(bot.rest.git.deleteRef({ ...r, ref: 'heads/automated/3-data' })).rejects.toMatchObject({ status: 422 });
    await expect(bot.rest.git.createCommit({ ...r, message: 'x', tree: 'f'.repeat(40), parents: [] })).rejects.toMatchObject({ status: 422 });
  });

  it('reads trees, contents, single commits and comparisons from the bare repository', async () => {
    const head = gh.state.commitFiles('feature', { 'src/a.ts': 'export const a = 3;\n', 'docs/guide.md': '# Guide\n' }, { message: 'docs and a' });
    const recursive = await bot.rest.git.getTree({ ...r, tree_sha: 'feature', recursive: '1' });
    expect(recursive.data.tree.filter((entry) => entry.type === 'blob').map((entry) => entry.path)).toEqual([
      'README.md',
      'docs/guide.md',
      'src/a.ts',
      'src/b.ts',
    ]);
    const flat = await bot.rest.git.getTree({ ...r, tree_sha: head });
    expect(flat.data.tree.map((entry) => entry.path)).toEqual(['README.md', 'docs', 'src']);

    const file = await bot.rest.repos.getContent({ ...r, path: 'src/a.ts', ref: 'feature' });
    expect(Array.isArray(file.data)).toBe(false);
    const content = file.data as { content: string; encoding: string; sha: string };
    expect(Buffer.from(content.content, 'base64').toString('utf8')).toBe('export const a = 3;\n');
    expect(content.sha).toBe(git('rev-parse', 'feature:src/a.ts'));
    const onDefault = await bot.rest.repos.getContent({ ...r, path: 'src/a.ts' });
    expect(Buffer.from((onDefault.data as { content: string }).content, 'base64').toString('utf8')).toBe('export const a = 1;\n');
    const raw = await bot.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...r,
      path: 'docs/guide.md',
      ref: 'feature',
      headers: { accept: 'application/vnd.github.raw' },
    });
    expect(raw.data).toBe('# Guide\n');
    const dir = await bot.rest.repos.getContent({ ...r, path: 'src', ref: 'feature' });
    expect((dir.data as Array<{ name: string; type: string }>).map((entry) => [entry.name, entry.type])).toEqual([
      ['a.ts', 'file'],
      ['b.ts', 'file'],
    ]);
    await expect(bot.rest.repos.getContent({ ...r, path: 'docs/guide.md' })).rejects.toMatchObject({ status: 404 });
    await expect(bot.rest.repos.getContent({ ...r, path: 'README.md', ref: 'no-such-branch' })).rejects.toMatchObject({ status: 404 });

    const single = await bot.rest.repos.getCommit({ ...r, ref: head.slice(0, 7) });
    expect(single.data.sha).toBe(head);
    expect(single.data.files?.map((entry) => [entry.filename, entry.status])).toEqual([
      ['docs/guide.md', 'added'],
      ['src/a.ts', 'modified'],
    ]);
    gh.state.commitFiles('trunk', { 'src/b.ts': 'export const b = 3;\n' }, { message: 'trunk moves' });
    const compare = await bot.rest.repos.compareCommitsWithBasehead({ ...r, basehead: 'trunk...feature' });
    expect(compare.data).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1, total_commits: 1 });
    expect(compare.data.files?.map((entry) => entry.filename)).toEqual(['docs/guide.md', 'src/a.ts']);
    const repository = await bot.rest.repos.get(r);
    expect(repository.data.default_branch).toBe('trunk');
  });

  it('records workflow dispatches and serves seeded workflow runs until they are gone', async () => {
    gh.state.commitFiles('trunk', { '.github/workflows/agentic.yml': 'on: workflow_dispatch\n' }, { message: 'ci' });
    await bot.rest.actions.createWorkflowDispatch({ ...r, workflow_id: 'agentic.yml', ref: 'trunk', inputs: { issue: '12' } });
    expect(gh.state.dispatches).toEqual([
      { workflow: 'agentic.yml', ref: 'trunk', inputs: { issue: '12' }, actor: 'github-actions[bot]', at: expect.any(String) },
    ]);
    await expect(bot.rest.actions.createWorkflowDispatch({ ...r, workflow_id: 'missing.yml', ref: 'trunk' })).rejects.toMatchObject({ status: 404 });
    await expect(bot.rest.actions.createWorkflowDispatch({ ...r, workflow_id: 'agentic.yml', ref: 'nope' })).rejects.toMatchObject({ status: 422 });

    const run = gh.state.addWorkflowRun({ status: 'in_progress', name: 'agentic' });
    const fetched = await bot.rest.actions.getWorkflowRun({ ...r, run_id: run.id });
    expect(fetched.data).toMatchObject({ id: run.id, status: 'in_progress', conclusion: null, head_branch: 'trunk', head_sha: gh.state.branchSha('trunk') });
    gh.state.removeWorkflowRun(run.id);
    await expect(bot.rest.actions.getWorkflowRun({ ...r, run_id: run.id })).rejects.toMatchObject({ status: 404 });
  });
});
