/**
 * Puts the workspace on the pull request's head commit for a review follow-up. actions/checkout on a review
 * event checks out the merge ref, so the branch is fetched from the remote the checkout configured (its
 * credentials, if any, stay in the git config checkout wrote; the environment passed on is secret-free).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { safeChildEnv } from '../../core/git.js';

const run = promisify(execFile);

async function git(workspace: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: workspace, env: safeChildEnv(process.env), maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

export async function checkoutPullHead(workspace: string, branch: string, headSha: string): Promise<void> {
  const current = await git(workspace, ['rev-parse', 'HEAD']).catch(() => '');
  if (current === headSha) return;
  await git(workspace, ['fetch', '--no-tags', '--quiet', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
  const fetched = await git(workspace, ['rev-parse', `refs/remotes/origin/${branch}`]);
  if (fetched !== headSha) throw new Error(`${branch} is at ${fetched.slice(0, 12)}, not the reviewed ${headSha.slice(0, 12)}; the pull request moved on`);
  await git(workspace, ['checkout', '--quiet', '--detach', headSha]);
}
