/**
 * Reads everything the gates need, in a fixed small number of requests: the pull request, then its commits,
 * reviews, files and the head's check runs and commit statuses in parallel (100 per page), then the workflow run
 * the review checks name (one, when both reviews ran in one run), and the base branch's rules. For a pull request
 * with 50 checks that is 8 requests, plus one per re-read while GitHub computes mergeability, plus two for each
 * changed package.json or lockfile (its content before and after).
 */
import { readRawText } from '../core/file-contents.js';
import type { GitHub } from '../core/github.js';
import { userPermission, type BotIdentity, type Permission } from '../core/identity.js';
import type { RepoRef } from '../core/repo.js';
import type { Account, CheckRunFacts, CommitFacts, FileFacts, MergeFacts, PullFacts, ReviewFacts, StatusFacts } from './facts.js';
import { standingReviews } from './review-gates.js';
import { readProtectionChecks, readRulesetChecks } from './required-checks.js';
import { readReviewRuns, type ReviewRunSource } from './review-runs.js';
import { runFileKind } from './run-changes.js';

const PER_PAGE = 100;

/** package.json files and lockfiles compared by content at the most; beyond that the paths gate asks for a human. */
export const MAX_COMPARED_RUN_FILES = 20;

export interface FetchOptions {
  sleep: (ms: number) => Promise<void>;
  /** The waits before each re-read while `mergeable_state` is unknown; its length bounds the re-reads. */
  mergeabilityDelaysMs: readonly number[];
  /** Reviewers' permissions are read only when human approvals are required. */
  requiredApprovals: number;
  /** The review checks' names, and where their results must come from. */
  reviewChecks: readonly string[];
  reviewSource: ReviewRunSource;
}

/** An account from any API object that has one (user, author, creator); anything else is no account. */
export function accountOf(value: unknown): Account | null {
  if (typeof value !== 'object' || value === null) return null;
  const { login, id, type } = value as { login?: unknown; id?: unknown; type?: unknown };
  if (typeof login !== 'string' || typeof id !== 'number') return null;
  return { login, id, type: typeof type === 'string' ? type : 'User' };
}

export async function readPull(gh: GitHub, repo: RepoRef, number: number): Promise<PullFacts> {
  const { data } = await gh.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: number });
  return {
    number: data.number,
    state: data.state === 'open' ? 'open' : 'closed',
    merged: data.merged,
    mergedBy: accountOf(data.merged_by),
    mergeCommitSha: data.merge_commit_sha ?? null,
    draft: data.draft === true,
    title: data.title,
    body: data.body ?? '',
    author: accountOf(data.user),
    headRef: data.head.ref,
    headSha: data.head.sha,
    headRepo: data.head.repo?.full_name ?? null,
    baseRepo: data.base.repo.full_name,
    baseRef: data.base.ref,
    defaultBranch: data.base.repo.default_branch,
    labels: data.labels.map((label) => label.name),
    mergeableState: data.mergeable_state ?? null,
    commitCount: data.commits,
    changedFiles: data.changed_files,
  };
}

async function readCommits(gh: GitHub, repo: RepoRef, number: number): Promise<CommitFacts[]> {
  const commits = await gh.paginate(gh.rest.pulls.listCommits, { owner: repo.owner, repo: repo.repo, pull_number: number, per_page: PER_PAGE });
  return commits.map((commit) => ({
    sha: commit.sha,
    author: accountOf(commit.author),
    authorEmail: commit.commit.author?.email ?? null,
    committer: accountOf(commit.committer),
    verified: commit.commit.verification?.verified === true,
  }));
}

async function readReviews(gh: GitHub, repo: RepoRef, number: number): Promise<ReviewFacts[]> {
  const reviews = await gh.paginate(gh.rest.pulls.listReviews, { owner: repo.owner, repo: repo.repo, pull_number: number, per_page: PER_PAGE });
  return reviews.map((review) => ({ id: review.id, user: accountOf(review.user), state: review.state, commitId: review.commit_id ?? null }));
}

async function readFiles(gh: GitHub, repo: RepoRef, number: number): Promise<FileFacts[]> {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { owner: repo.owner, repo: repo.repo, pull_number: number, per_page: PER_PAGE });
  return files.map((file) => ({ filename: file.filename, previousFilename: file.previous_filename ?? null }));
}

function checkRunFacts(run: Awaited<ReturnType<GitHub['rest']['checks']['listForRef']>>['data']['check_runs'][number]): CheckRunFacts {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion ?? null,
    appSlug: run.app?.slug ?? null,
    appId: run.app?.id ?? null,
    externalId: run.external_id ?? null,
    startedAt: run.started_at ?? null,
    summary: run.output.summary ?? null,
    detailsUrl: run.details_url ?? null,
    htmlUrl: run.html_url ?? null,
  };
}

/** The latest run of each check, per app and name, as GitHub's `filter=latest` returns them. */
export function latestPerCheck(runs: readonly CheckRunFacts[]): CheckRunFacts[] {
  const seen = new Set<string>();
  return [...runs]
    .sort((a, b) => b.id - a.id)
    .filter((run) => {
      const key = `${run.appSlug ?? ''}\0${run.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Every check run on the head (`filter=all`: the same pages as `latest` in practice): a forged review result
 * may be the newest of its name, so the gates need the earlier ones too.
 */
async function readCheckRuns(
  gh: GitHub,
  repo: RepoRef,
  sha: string,
  reviewChecks: readonly string[],
): Promise<{ latest: CheckRunFacts[]; reviews: CheckRunFacts[] }> {
  const runs = await gh.paginate(gh.rest.checks.listForRef, { owner: repo.owner, repo: repo.repo, ref: sha, filter: 'all', per_page: PER_PAGE });
  const all = runs.map(checkRunFacts);
  return { latest: latestPerCheck(all), reviews: all.filter((run) => reviewChecks.includes(run.name)).sort((a, b) => b.id - a.id) };
}

/**
 * Both versions of each changed package.json and lockfile (two requests a file): the base branch's, under the
 * old name of a renamed file, and the head's.
 */
async function readRunFileVersions(gh: GitHub, repo: RepoRef, files: FileFacts[], baseRef: string, headSha: string): Promise<FileFacts[]> {
  const watched = files.filter(
    (file) => runFileKind(file.filename) !== null || (file.previousFilename !== null && runFileKind(file.previousFilename) !== null),
  );
  if (watched.length > MAX_COMPARED_RUN_FILES) return files;
  return Promise.all(
    files.map(async (file) => {
      if (!watched.includes(file)) return file;
      const [before, after] = await Promise.all([
        readRawText(gh, repo, file.previousFilename ?? file.filename, baseRef),
        readRawText(gh, repo, file.filename, headSha),
      ]);
      return { ...file, versions: { before, after } };
    }),
  );
}

/** The combined status holds the latest status per context; it is paged by hand (its shape defeats paginate). */
async function readStatuses(gh: GitHub, repo: RepoRef, sha: string): Promise<StatusFacts[]> {
  const statuses: StatusFacts[] = [];
  for (let page = 1; ; page += 1) {
    const { data } = await gh.rest.repos.getCombinedStatusForRef({ owner: repo.owner, repo: repo.repo, ref: sha, per_page: PER_PAGE, page });
    statuses.push(...data.statuses.map((status) => ({ context: status.context, state: status.state })));
    if (data.statuses.length < PER_PAGE || statuses.length >= data.total_count) return statuses;
  }
}

/** Permissions of the writers whose approval of the current head could count. */
async function readApproverPermissions(gh: GitHub, repo: RepoRef, reviews: readonly ReviewFacts[], headSha: string): Promise<Record<string, Permission>> {
  const logins = standingReviews(reviews)
    .filter((review) => review.state === 'APPROVED' && review.commitId === headSha && review.user?.type === 'User')
    .map((review) => review.user?.login ?? '')
    .filter(Boolean);
  const entries = await Promise.all(logins.map(async (login) => [login.toLowerCase(), await userPermission(gh, repo, login)] as const));
  return Object.fromEntries(entries);
}

const UNKNOWN_MERGEABILITY = new Set<string | null>([null, 'unknown']);

/**
 * The facts about an open pull request already read once. GitHub computes mergeability lazily after a push,
 * so an unknown state is re-read after a short wait, a bounded number of times.
 */
export async function fetchMergeFacts(gh: GitHub, repo: RepoRef, bot: BotIdentity, first: PullFacts, options: FetchOptions): Promise<MergeFacts> {
  const [commits, reviews, checks, statuses, files, rulesets, protection] = await Promise.all([
    readCommits(gh, repo, first.number),
    readReviews(gh, repo, first.number),
    readCheckRuns(gh, repo, first.headSha, options.reviewChecks).then(async (read) => ({
      ...read,
      runs: await readReviewRuns(gh, repo, read.reviews, options.reviewSource),
    })),
    readStatuses(gh, repo, first.headSha),
    readFiles(gh, repo, first.number).then((listed) => readRunFileVersions(gh, repo, listed, first.baseRef, first.headSha)),
    readRulesetChecks(gh, repo, first.baseRef),
    readProtectionChecks(gh, repo, first.baseRef),
  ]);
  const permissions = options.requiredApprovals > 0 ? await readApproverPermissions(gh, repo, reviews, first.headSha) : {};
  let pull = first;
  let pullReads = 1;
  let headSeenLater: string | undefined;
  for (const delay of options.mergeabilityDelaysMs) {
    if (!UNKNOWN_MERGEABILITY.has(pull.mergeableState)) break;
    await options.sleep(delay);
    const again = await readPull(gh, repo, first.number);
    pullReads += 1;
    if (again.headSha !== first.headSha || again.state !== first.state) {
      // Everything else was read for the first head; a mergeability of another commit says nothing about it.
      headSeenLater = again.headSha;
      break;
    }
    pull = again;
  }
  const { latest: checkRuns, reviews: reviewCheckRuns, runs: reviewRuns } = checks;
  return {
    bot,
    pull,
    commits,
    reviews,
    checkRuns,
    reviewCheckRuns,
    reviewRuns,
    statuses,
    requiredChecks: {
      fromRulesets: rulesets.checks,
      fromProtection: protection.checks,
      unreadable: [rulesets.unreadable, protection.unreadable].filter((reason) => reason !== null).join('; ') || null,
    },
    files,
    permissions,
    pullReads,
    ...(headSeenLater ? { headSeenLater } : {}),
  };
}
