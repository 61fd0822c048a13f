/**
 * The janitor's pull request: one commit per kept update, chained on the tested base through the Git Data
 * API and authored by the bot, on `automated/janitor-<date>`. An open janitor pull request is updated (its
 * branch moved to the new chain, its body rewritten), never duplicated.
 */
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { ensureLabels, type LabelNames } from '../core/labels.js';
import type { RepoRef } from '../core/repo.js';
import { botPerson, readBranch, setBranch, writeCommit, writeTree } from '../implement/publish/git-data.js';
import { upsertPull } from '../implement/publish/pull-request.js';
import type { KeptFile } from './update-loop.js';

export const JANITOR_BRANCH_PREFIX = 'automated/janitor-';

export interface JanitorCommit {
  message: string;
  files: KeptFile[];
}

export interface PublishRequest {
  baseSha: string;
  defaultBranch: string;
  /** The date the run is for: names a new branch. */
  day: string;
  title: string;
  body: string;
  commits: JanitorCommit[];
}

export interface PublishDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  now: Date;
  log: (message: string) => void;
}

/** The open janitor pull request the bot opened, if any: the one a rerun updates. */
export async function findOpenJanitorPull(gh: GitHub, repo: RepoRef, bot: BotIdentity): Promise<{ number: number; branch: string } | null> {
  const pulls = await gh.paginate(gh.rest.pulls.list, { owner: repo.owner, repo: repo.repo, state: 'open', per_page: 100 });
  const mine = pulls
    .filter((pull) => pull.head.ref.startsWith(JANITOR_BRANCH_PREFIX) && pull.user?.id === bot.id && pull.head.repo?.full_name === `${repo.owner}/${repo.repo}`)
    .sort((a, b) => a.number - b.number);
  const first = mine[0];
  return first ? { number: first.number, branch: first.head.ref } : null;
}

export async function publishJanitorPull(
  request: PublishRequest,
  deps: PublishDeps,
): Promise<{ number: number; url: string; branch: string; created: boolean; head: string }> {
  const { gh, repo } = deps;
  const open = await findOpenJanitorPull(gh, repo, deps.bot);
  const branch = open?.branch ?? `${JANITOR_BRANCH_PREFIX}${request.day}`;
  let parent = request.baseSha;
  for (const commit of request.commits) {
    const files = commit.files.map((file) =>
      file.content === null
        ? { path: file.path, action: 'delete' as const }
        : { path: file.path, action: 'modify' as const, mode: '100644' as const, content: file.content.toString('base64') },
    );
    const tree = await writeTree(gh, repo, parent, files);
    parent = await writeCommit(gh, repo, { tree, parent, message: commit.message, person: botPerson(deps.bot), date: deps.now });
  }
  const current = await readBranch(gh, repo, branch);
  await setBranch(gh, repo, branch, parent, current);
  const { pull, created } = await upsertPull(gh, repo, { branch, base: request.defaultBranch, title: request.title, body: request.body }, deps.log);
  await ensureLabels(gh, repo, [deps.labels.automated], deps.labels);
  await gh.rest.issues.addLabels({ owner: repo.owner, repo: repo.repo, issue_number: pull.number, labels: [deps.labels.automated] });
  return { number: pull.number, url: pull.htmlUrl, branch, created, head: parent };
}
