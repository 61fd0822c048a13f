/**
 * Puts the workspace on the pull request's head commit for a review follow-up. actions/checkout on a review
 * event checks out the merge ref, so the branch is fetched from the remote the checkout configured (its
 * credentials, if any, stay in the git config checkout wrote; the environment passed on is secret-free).
 */
import { createGitWorkspace } from '../../core/git.js';

export async function checkoutPullHead(workspace: string, branch: string, headSha: string): Promise<void> {
  const git = createGitWorkspace(workspace);
  const current = await git.headSha().catch(() => '');
  if (current === headSha) return;
  await git.fetchBranch(branch);
  const fetched = await git.resolveRef(`refs/remotes/origin/${branch}`);
  if (fetched === null) throw new Error(`${branch} could not be fetched from origin`);
  if (fetched !== headSha) throw new Error(`${branch} is at ${fetched.slice(0, 12)}, not the reviewed ${headSha.slice(0, 12)}; the pull request moved on`);
  await git.checkoutDetached(headSha);
}
