/**
 * Commits through the Git Data API instead of `git push`: blobs, a tree on the base commit, a commit
 * authored and committed by the bot, then the branch ref. The publish job needs no git credentials, and
 * every commit is the bot's own (auto-merge checks that). Blobs, trees and commits are content-addressed, so
 * repeating them after a failure converges on the same objects.
 */
import type { GitHub } from '../../core/github.js';
import type { BotIdentity } from '../../core/identity.js';
import type { RepoRef } from '../../core/repo.js';
import type { BundleFile } from '../bundle/bundle-schema.js';
import { gitHubStatus } from '../../core/github-errors.js';

export interface GitPerson {
  name: string;
  email: string;
}

/** GitHub's private commit address for an account: how it links a commit to the bot. */
export function botPerson(bot: BotIdentity): GitPerson {
  return { name: bot.login, email: `${bot.id}+${bot.login}@users.noreply.github.com` };
}

/** Creates the blobs and the tree for `files` on top of `baseSha`'s tree; returns the tree sha. */
export async function writeTree(gh: GitHub, repo: RepoRef, baseSha: string, files: readonly BundleFile[]): Promise<string> {
  const { data: base } = await gh.rest.git.getCommit({ owner: repo.owner, repo: repo.repo, commit_sha: baseSha });
  const tree: Array<{ path: string; mode: '100644' | '100755'; type: 'blob'; sha: string | null }> = [];
  for (const file of files) {
    if (file.action === 'delete') {
      tree.push({ path: file.path, mode: '100644', type: 'blob', sha: null });
      continue;
    }
    const { data: blob } = await gh.rest.git.createBlob({ owner: repo.owner, repo: repo.repo, content: file.content ?? '', encoding: 'base64' });
    tree.push({ path: file.path, mode: file.mode ?? '100644', type: 'blob', sha: blob.sha });
  }
  const { data } = await gh.rest.git.createTree({ owner: repo.owner, repo: repo.repo, base_tree: base.tree.sha, tree });
  return data.sha;
}

export async function writeCommit(
  gh: GitHub,
  repo: RepoRef,
  options: { tree: string; parent: string; message: string; person: GitPerson; date: Date },
): Promise<string> {
  const signature = { ...options.person, date: options.date.toISOString() };
  const { data } = await gh.rest.git.createCommit({
    owner: repo.owner,
    repo: repo.repo,
    message: options.message,
    tree: options.tree,
    parents: [options.parent],
    author: signature,
    committer: signature,
  });
  return data.sha;
}

export async function readBranch(gh: GitHub, repo: RepoRef, branch: string): Promise<string | null> {
  try {
    const { data } = await gh.rest.git.getRef({ owner: repo.owner, repo: repo.repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (gitHubStatus(error) === 404) return null;
    throw error;
  }
}

export async function treeOf(gh: GitHub, repo: RepoRef, commitSha: string): Promise<string> {
  const { data } = await gh.rest.git.getCommit({ owner: repo.owner, repo: repo.repo, commit_sha: commitSha });
  return data.tree.sha;
}

/** Whether `ancestor` is `descendant` or one of its ancestors (the compare API's view). */
export async function isAncestor(gh: GitHub, repo: RepoRef, ancestor: string, descendant: string): Promise<boolean> {
  if (ancestor === descendant) return true;
  try {
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({
      owner: repo.owner,
      repo: repo.repo,
      basehead: `${ancestor}...${descendant}`,
      per_page: 1,
    });
    return data.status === 'ahead' || data.status === 'identical';
  } catch (error) {
    if (gitHubStatus(error) === 404) return false;
    throw error;
  }
}

/** The authors' emails of the commits on `head` that are not on `base` (at most 250, the API's limit). */
export async function commitEmailsBetween(gh: GitHub, repo: RepoRef, base: string, head: string): Promise<string[]> {
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({ owner: repo.owner, repo: repo.repo, basehead: `${base}...${head}` });
  return data.commits.map((commit) => commit.commit.author?.email ?? '');
}

/** Points `branch` at `sha`, creating it if needed. A concurrent creation is re-read, never overwritten blindly. */
export async function setBranch(gh: GitHub, repo: RepoRef, branch: string, sha: string, current: string | null): Promise<void> {
  if (current === null) {
    try {
      await gh.rest.git.createRef({ owner: repo.owner, repo: repo.repo, ref: `refs/heads/${branch}`, sha });
      return;
    } catch (error) {
      if (gitHubStatus(error) !== 422) throw error;
      // Created meanwhile (or a 5xx after it was applied): read it and decide again.
      const now = await readBranch(gh, repo, branch);
      if (now === sha) return;
      if (now === null) throw error;
      throw new Error(`branch ${branch} was created concurrently at ${now}; not overwriting it`, { cause: error });
    }
  }
  if (current === sha) return;
  await gh.rest.git.updateRef({ owner: repo.owner, repo: repo.repo, ref: `heads/${branch}`, sha, force: true });
}
