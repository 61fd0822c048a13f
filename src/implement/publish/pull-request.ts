/**
 * Opening the pull request exactly once. Creating a PR is not idempotent and a 502 may arrive after GitHub
 * created it, so a failed create is followed by a read (list pulls by head) and only then, if none exists,
 * by one more create. A rerun finds the open PR for the branch and edits it instead.
 */
import type { GitHub } from '../../core/github.js';
import type { BotIdentity } from '../../core/identity.js';
import type { RepoRef } from '../../core/repo.js';

export interface OpenPull {
  number: number;
  htmlUrl: string;
  body: string;
  title: string;
}

export async function findOpenPull(gh: GitHub, repo: RepoRef, branch: string): Promise<OpenPull | null> {
  const { data } = await gh.rest.pulls.list({ owner: repo.owner, repo: repo.repo, head: `${repo.owner}:${branch}`, state: 'open', per_page: 10 });
  const pull = data[0];
  return pull ? { number: pull.number, htmlUrl: pull.html_url, body: pull.body ?? '', title: pull.title } : null;
}

export interface PullSpec {
  branch: string;
  base: string;
  title: string;
  body: string;
  /** Opened as a draft (a bug fix without a reproduction); an existing pull request keeps its state. */
  draft?: boolean;
}

/** `tries.creates` counts the create requests sent, so a failure can say how often GitHub was asked. */
export async function upsertPull(
  gh: GitHub,
  repo: RepoRef,
  spec: PullSpec,
  log: (message: string) => void,
  tries: { creates: number } = { creates: 0 },
): Promise<{ pull: OpenPull; created: boolean }> {
  const existing = await findOpenPull(gh, repo, spec.branch);
  if (existing) {
    if (existing.body.trimEnd() !== spec.body.trimEnd() || existing.title !== spec.title) {
      await gh.rest.pulls.update({ owner: repo.owner, repo: repo.repo, pull_number: existing.number, title: spec.title, body: spec.body });
    }
    return { pull: existing, created: false };
  }
  for (let attempt = 1; ; attempt++) {
    try {
      tries.creates += 1;
      const { data } = await gh.rest.pulls.create({
        owner: repo.owner,
        repo: repo.repo,
        head: spec.branch,
        base: spec.base,
        title: spec.title,
        body: spec.body,
        ...(spec.draft ? { draft: true } : {}),
      });
      return { pull: { number: data.number, htmlUrl: data.html_url, body: data.body ?? '', title: data.title }, created: true };
    } catch (error) {
      log(`creating the pull request failed (${error instanceof Error ? error.message : String(error)}); checking whether it exists`);
      const found = await findOpenPull(gh, repo, spec.branch);
      if (found) return { pull: found, created: true };
      if (attempt >= 2) throw error;
    }
  }
}

/** How many pull requests the bot opened from automated branches in the 24 hours before `now`. */
export async function prsOpenedToday(gh: GitHub, repo: RepoRef, bot: BotIdentity, branchPrefix: string, now: Date): Promise<number> {
  const since = now.getTime() - 24 * 3_600_000;
  const { data } = await gh.rest.pulls.list({ owner: repo.owner, repo: repo.repo, state: 'all', sort: 'created', direction: 'desc', per_page: 100 });
  return data.filter((pull) => pull.user?.id === bot.id && pull.head.ref.startsWith(branchPrefix) && Date.parse(pull.created_at) >= since).length;
}
