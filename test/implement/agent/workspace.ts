/** Real temporary git workspaces for the agent tests, seeded from the sample repository fixture. */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { safeChildEnv } from '../../../src/core/git.js';

const run = promisify(execFile);
export const SAMPLE_REPO = resolve(import.meta.dirname, '../../fixtures/sample-repo');

const GIT_ENV = {
  ...safeChildEnv(process.env),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env: GIT_ENV });
  return stdout;
}

export interface TempWorkspace {
  /** Parent folder: holds the repository and room "outside" it. */
  root: string;
  dir: string;
  cleanup(): Promise<void>;
}

/** A git repository with the sample project committed, inside a fresh temporary folder. */
export async function sampleWorkspace(): Promise<TempWorkspace> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'agentic-agent-')));
  const dir = join(root, 'repo');
  await cp(SAMPLE_REPO, dir, { recursive: true });
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await git(dir, 'add', '--all');
  await git(dir, 'commit', '--quiet', '-m', 'sample project');
  return { root, dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}
