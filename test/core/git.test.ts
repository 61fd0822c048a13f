import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitWorkspace, isInsideWorkspace, isSecretEnvName, parseDiffSummary, parseStatus, safeChildEnv } from '../../src/core/git.js';

const run = promisify(execFile);
const GIT_ENV = {
  ...safeChildEnv(process.env),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env: GIT_ENV });
  return stdout;
}

describe('safeChildEnv', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    LANG: 'C.UTF-8',
    LC_ALL: 'C',
    TMPDIR: '/tmp',
    GIT_AUTHOR_NAME: 'bot',
    GIT_TERMINAL_PROMPT: '0',
    GITHUB_TOKEN: 'ghs_x',
    GH_TOKEN: 'x',
    INPUT_GITHUB_TOKEN: 'x',
    'INPUT_OPENAI-API-KEY': 'x',
    ACTIONS_RUNTIME_TOKEN: 'x',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x',
    OPENAI_API_KEY: 'sk-x',
    ANTHROPIC_API_KEY: 'x',
    AWS_ACCESS_KEY_ID: 'x',
    NPM_TOKEN: 'x',
    NODE_AUTH_TOKEN: 'x',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraheader',
    GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic x',
    GIT_CONFIG_PARAMETERS: "'http.extraheader=x'",
    GIT_ASKPASS: '/tmp/askpass',
    SSH_AUTH_SOCK: '/tmp/agent',
    GIT_DIR: '/elsewhere',
    DATABASE_PASSWORD: 'x',
    MY_SECRET: 'x',
    UNRELATED: 'x',
    GITHUB_REPOSITORY: 'o/r',
    UNDEFINED_ONE: undefined,
  };

  it('keeps only the allowlist', () => {
    expect(safeChildEnv(env)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      LC_ALL: 'C',
      TMPDIR: '/tmp',
      GIT_AUTHOR_NAME: 'bot',
      GIT_TERMINAL_PROMPT: '0',
    });
  });

  it('never passes a secret-looking name, even when a caller allows it', () => {
    const out = safeChildEnv(env, ['DATABASE_PASSWORD', 'OPENAI_API_KEY', 'UNRELATED', 'MY_*']);
    expect(out.UNRELATED).toBe('x');
    expect(out).not.toHaveProperty('DATABASE_PASSWORD');
    expect(out).not.toHaveProperty('OPENAI_API_KEY');
    expect(out).not.toHaveProperty('MY_SECRET');
  });

  it('matches names case-insensitively, as Windows spells them', () => {
    expect(safeChildEnv({ Path: 'C:\\bin', SystemRoot: 'C:\\Windows', github_token: 'x' })).toEqual({ Path: 'C:\\bin', SystemRoot: 'C:\\Windows' });
  });

  it('classifies secret names', () => {
    for (const name of [
      'GITHUB_TOKEN',
      'GH_ENTERPRISE_TOKEN',
      'INPUT_MODEL',
      'ACTIONS_CACHE_URL',
      'OPENAI_BASE_URL',
      'ANTHROPIC_MODEL',
      'AWS_REGION',
      'NPM_CONFIG_REGISTRY',
      'API_KEY',
      'SIGNING_KEY',
      'client_secret',
    ]) {
      expect(isSecretEnvName(name), name).toBe(true);
    }
    for (const name of ['PATH', 'HOME', 'GIT_AUTHOR_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_CONFIG_NOSYSTEM', 'LANG']) {
      expect(isSecretEnvName(name), name).toBe(false);
    }
  });
});

describe('output parsers', () => {
  it('parses porcelain status', () => {
    expect(parseStatus(' M a.ts\0?? new file.txt\0D  gone.ts\0A  added.ts\0UU both.ts\0')).toEqual([
      { path: 'a.ts', kind: 'modified' },
      { path: 'new file.txt', kind: 'untracked' },
      { path: 'gone.ts', kind: 'deleted' },
      { path: 'added.ts', kind: 'added' },
      { path: 'both.ts', kind: 'conflicted' },
    ]);
    expect(parseStatus('')).toEqual([]);
  });

  it('joins name-status and numstat, marking binaries', () => {
    expect(parseDiffSummary('M\0a.ts\0A\0img.png\0D\0old.ts\0', '3\t1\ta.ts\0-\t-\timg.png\x000\t4\told.ts\0')).toEqual([
      { path: 'a.ts', kind: 'modified', binary: false, additions: 3, deletions: 1 },
      { path: 'img.png', kind: 'added', binary: true, additions: 0, deletions: 0 },
      { path: 'old.ts', kind: 'deleted', binary: false, additions: 0, deletions: 4 },
    ]);
  });
});

describe('git workspace on a real repository', () => {
  let dir: string;
  let outside: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentic-git-'));
    outside = await mkdtemp(join(tmpdir(), 'agentic-outside-'));
    await git(dir, 'init', '--quiet', '--initial-branch=main');
    await writeFile(join(dir, 'a.txt'), 'one\ntwo\n');
    await writeFile(join(dir, 'gone.txt'), 'bye\n');
    await writeFile(join(dir, '.gitignore'), 'ignored/\n');
    await git(dir, 'add', '.');
    await git(dir, 'commit', '--quiet', '-m', 'init');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('reports HEAD and the branch, and null on a detached HEAD', async () => {
    const ws = createGitWorkspace(dir, GIT_ENV);
    const sha = await ws.headSha();
    expect(sha).toBe((await git(dir, 'rev-parse', 'HEAD')).trim());
    expect(await ws.currentBranch()).toBe('main');
    await git(dir, 'checkout', '--quiet', '--detach');
    expect(await ws.currentBranch()).toBeNull();
  });

  it('reads a file at HEAD as bytes, and null for a path HEAD does not have', async () => {
    await writeFile(join(dir, 'a.txt'), 'changed\n');
    const ws = createGitWorkspace(dir, GIT_ENV);
    expect((await ws.readHeadFile('a.txt'))?.toString('utf8')).toBe('one\ntwo\n');
    expect(await ws.readHeadFile('missing.txt')).toBeNull();
  });

  it('lists tracked and untracked files without ignored ones; undefined outside a work tree', async () => {
    await mkdir(join(dir, 'ignored'));
    await writeFile(join(dir, 'ignored', 'x'), 'x');
    await writeFile(join(dir, 'new.txt'), 'n');
    expect((await createGitWorkspace(dir, GIT_ENV).listFiles())?.sort()).toEqual(['.gitignore', 'a.txt', 'gone.txt', 'new.txt']);
    expect(await createGitWorkspace(outside, GIT_ENV).listFiles()).toBeUndefined();
  });

  it('fetches a branch from origin, resolves it and checks its commit out detached', async () => {
    const clone = await mkdtemp(join(tmpdir(), 'agentic-clone-'));
    try {
      await git(clone, 'clone', '--quiet', dir, '.');
      await git(dir, 'checkout', '--quiet', '-b', 'feature');
      await writeFile(join(dir, 'a.txt'), 'feature\n');
      await git(dir, 'commit', '--quiet', '-am', 'feature');
      const sha = (await git(dir, 'rev-parse', 'HEAD')).trim();
      const ws = createGitWorkspace(clone, GIT_ENV);
      expect(await ws.resolveRef('refs/remotes/origin/feature')).toBeNull();
      await ws.fetchBranch('feature');
      expect(await ws.resolveRef('refs/remotes/origin/feature')).toBe(sha);
      await ws.checkoutDetached(sha);
      expect(await ws.headSha()).toBe(sha);
      expect(await ws.currentBranch()).toBeNull();
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  it('lists modified, deleted and untracked files (not ignored ones), in nested directories too', async () => {
    await writeFile(join(dir, 'a.txt'), 'one\n2\n');
    await rm(join(dir, 'gone.txt'));
    await mkdir(join(dir, 'src', 'deep'), { recursive: true });
    await writeFile(join(dir, 'src', 'deep', 'new.ts'), 'export {};\n');
    await mkdir(join(dir, 'ignored'));
    await writeFile(join(dir, 'ignored', 'x'), 'x');
    const ws = createGitWorkspace(dir, GIT_ENV);
    expect(await ws.status()).toEqual(
      expect.arrayContaining([
        { path: 'a.txt', kind: 'modified' },
        { path: 'gone.txt', kind: 'deleted' },
        { path: 'src/deep/new.ts', kind: 'untracked' },
      ]),
    );
    expect(await ws.changedFiles()).toEqual(['a.txt', 'gone.txt', 'src/deep/new.ts']);
  });

  it('diffs the working tree against HEAD with new and binary files, leaving the index untouched', async () => {
    await writeFile(join(dir, 'a.txt'), 'one\n2\nthree\n');
    await rm(join(dir, 'gone.txt'));
    await writeFile(join(dir, 'new.txt'), 'hello\n');
    await writeFile(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 0, 255, 0]));
    const ws = createGitWorkspace(dir, GIT_ENV);
    const indexBefore = await readFile(join(dir, '.git', 'index'));
    const diff = await ws.diff();
    expect(diff.patch).toContain('diff --git a/new.txt b/new.txt');
    expect(diff.patch).toContain('+hello');
    expect(diff.patch).toContain('-two');
    expect(diff.patch).toContain('+three');
    expect(diff.patch).toMatch(/Binary files \/dev\/null and b\/blob.bin differ/);
    expect(diff.files).toEqual([
      { path: 'a.txt', kind: 'modified', binary: false, additions: 2, deletions: 1 },
      { path: 'blob.bin', kind: 'added', binary: true, additions: 0, deletions: 0 },
      { path: 'gone.txt', kind: 'deleted', binary: false, additions: 0, deletions: 1 },
      { path: 'new.txt', kind: 'added', binary: false, additions: 1, deletions: 0 },
    ]);
    expect(await readFile(join(dir, '.git', 'index'))).toEqual(indexBefore);
    expect(await git(dir, 'status', '--porcelain')).toContain('?? new.txt');
  });

  it('writes paths as they are, without git quoting', async () => {
    await writeFile(join(dir, 'héllo wörld.txt'), 'x\n');
    const diff = await createGitWorkspace(dir, GIT_ENV).diff();
    expect(diff.files.map((f) => f.path)).toEqual(['héllo wörld.txt']);
    expect(diff.patch).toContain('b/héllo wörld.txt');
  });

  it('gives an empty diff for a clean tree', async () => {
    expect(await createGitWorkspace(dir, GIT_ENV).diff()).toEqual({ patch: '', files: [] });
  });

  it('resets every change but keeps ignored files', async () => {
    await writeFile(join(dir, 'a.txt'), 'changed\n');
    await writeFile(join(dir, 'stray.txt'), 'x');
    await mkdir(join(dir, 'ignored'));
    await writeFile(join(dir, 'ignored', 'cache'), 'keep');
    const ws = createGitWorkspace(dir, GIT_ENV);
    await ws.resetHard();
    expect(await ws.changedFiles()).toEqual([]);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(await readFile(join(dir, 'ignored', 'cache'), 'utf8')).toBe('keep');
  });

  it('runs git without the secrets of its parent environment', async () => {
    // git runs the fsmonitor hook with its own environment on every status: the hook shows what a child sees.
    const hook = join(outside, 'fsmonitor.sh');
    const dump = join(outside, 'env.txt');
    await writeFile(hook, `#!/bin/sh\nenv > '${dump}'\nexit 1\n`, { mode: 0o755 });
    await git(dir, 'config', 'core.fsmonitor', hook);
    const ws = createGitWorkspace(dir, { ...GIT_ENV, GITHUB_TOKEN: 'ghs_leak', OPENAI_API_KEY: 'sk-leak', INPUT_TOKEN: 'in-leak' });
    await ws.status();
    const seen = await readFile(dump, 'utf8');
    expect(seen).toContain('PATH=');
    expect(seen).not.toContain('leak');
  });

  describe('isInsideWorkspace', () => {
    it('accepts paths in the tree, existing or not', async () => {
      const ws = createGitWorkspace(dir, GIT_ENV);
      expect(await ws.isInsideWorkspace('a.txt')).toBe(true);
      expect(await ws.isInsideWorkspace('src/not/yet/there.ts')).toBe(true);
      expect(await ws.isInsideWorkspace(join(dir, 'a.txt'))).toBe(true);
      expect(await ws.isInsideWorkspace('.')).toBe(true);
    });

    it('refuses paths that climb out or are absolute elsewhere', async () => {
      const ws = createGitWorkspace(dir, GIT_ENV);
      expect(await ws.isInsideWorkspace('../x')).toBe(false);
      expect(await ws.isInsideWorkspace('src/../../x')).toBe(false);
      expect(await ws.isInsideWorkspace('/etc/passwd')).toBe(false);
    });

    it('refuses .git internals', async () => {
      expect(await isInsideWorkspace(dir, '.git/hooks/pre-commit')).toBe(false);
      expect(await isInsideWorkspace(dir, '.GIT/config')).toBe(false);
      expect(await isInsideWorkspace(dir, '.github/workflows/ci.yml')).toBe(true);
    });

    it('follows symlinks out of the workspace, including dangling ones and links in parent directories', async () => {
      await symlink(outside, join(dir, 'escape'));
      await symlink(join(outside, 'not-created-yet'), join(dir, 'dangling'));
      await symlink(join(dir, 'a.txt'), join(dir, 'inner-link'));
      expect(await isInsideWorkspace(dir, 'escape')).toBe(false);
      expect(await isInsideWorkspace(dir, 'escape/file.txt')).toBe(false);
      expect(await isInsideWorkspace(dir, 'escape/new/dir/file.txt')).toBe(false);
      expect(await isInsideWorkspace(dir, 'dangling')).toBe(false);
      expect(await isInsideWorkspace(dir, 'inner-link')).toBe(true);
    });

    it('works when the workspace path itself goes through a symlink', async () => {
      const alias = join(outside, 'alias');
      await symlink(dir, alias);
      expect(await isInsideWorkspace(alias, 'a.txt')).toBe(true);
      expect(await isInsideWorkspace(alias, join(dir, 'a.txt'))).toBe(true);
      expect(await isInsideWorkspace(alias, '../x')).toBe(false);
    });

    it('refuses symlink loops', async () => {
      await symlink(join(dir, 'loop-b'), join(dir, 'loop-a'));
      await symlink(join(dir, 'loop-a'), join(dir, 'loop-b'));
      expect(await isInsideWorkspace(dir, 'loop-a/x')).toBe(false);
    });
  });
});
