/**
 * Review spend caps: at most `max-reviews-per-pr-per-day` reviews of one pull request and `max-reviews-per-day`
 * in the repository, over the last 24 hours, by each reviewer. The count is the reviewer's own check runs (its
 * check name, created by the bot's app): nothing else records that a review was paid for, and nobody but the
 * bot's token can create them under that app.
 */
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReviewCaps {
  perPullPerDay: number;
  perRepositoryPerDay: number;
}

export const REVIEW_CAP_DEFAULTS: ReviewCaps = { perPullPerDay: 6, perRepositoryPerDay: 50 };

/** How many of a pull request's newest commits are searched for earlier reviews (each is one request). */
const PULL_COMMITS_SEARCHED = 10;

export type CapDecision = { allowed: true } | { allowed: false; reason: string; resumesAt: Date };

/** Pure: when enough of the counted reviews (start times, ms) leave the 24-hour window for one more to fit. */
function resumeTime(starts: readonly number[], cap: number): Date {
  const sorted = [...starts].sort((a, b) => a - b);
  return new Date((sorted[sorted.length - cap] ?? sorted[0] ?? 0) + DAY_MS);
}

/** Pure: whether one more review fits under the caps, given the start times of the reviews already counted. */
export function decideCap(pullStarts: readonly number[], repositoryStarts: readonly number[], caps: ReviewCaps, now: number): CapDecision {
  const recent = (starts: readonly number[]) => starts.filter((start) => start > now - DAY_MS && start <= now);
  const pull = recent(pullStarts);
  const repository = recent(repositoryStarts);
  if (pull.length >= caps.perPullPerDay) {
    return {
      allowed: false,
      reason: `this pull request was reviewed ${pull.length} times in the last 24 hours (max-reviews-per-pr-per-day: ${caps.perPullPerDay})`,
      resumesAt: resumeTime(pull, caps.perPullPerDay),
    };
  }
  if (repository.length >= caps.perRepositoryPerDay) {
    return {
      allowed: false,
      reason: `the repository had ${repository.length} reviews in the last 24 hours (max-reviews-per-day: ${caps.perRepositoryPerDay})`,
      resumesAt: resumeTime(repository, caps.perRepositoryPerDay),
    };
  }
  return { allowed: true };
}

interface CountQuery {
  checkName: string;
  appSlug: string;
  since: number;
}

async function startsOn(gh: GitHub, repo: RepoRef, sha: string, query: CountQuery): Promise<number[]> {
  const runs = await gh.paginate(gh.rest.checks.listForRef, {
    owner: repo.owner,
    repo: repo.repo,
    ref: sha,
    check_name: query.checkName,
    filter: 'all',
    per_page: 100,
  });
  return runs
    .filter((run) => run.app?.slug === query.appSlug && run.started_at)
    .map((run) => Date.parse(run.started_at ?? ''))
    .filter((start) => start > query.since);
}

/**
 * The start times of the reviewer's check runs in the last 24 hours: on the pull request's newest commits, and
 * in the repository on the heads of the pull requests updated in that time. The repository count stops once it
 * reaches the cap, so a busy day costs no more requests than the cap needs.
 */
export async function countRecentReviews(
  gh: GitHub,
  repo: RepoRef,
  pull: { number: number },
  query: { checkName: string; appSlug: string; now: number; caps: ReviewCaps },
): Promise<{ pull: number[]; repository: number[] }> {
  const counting: CountQuery = { checkName: query.checkName, appSlug: query.appSlug, since: query.now - DAY_MS };
  const { data: commits } = await gh.rest.pulls.listCommits({ owner: repo.owner, repo: repo.repo, pull_number: pull.number, per_page: 100 });
  const pullStarts = (await Promise.all(commits.slice(-PULL_COMMITS_SEARCHED).map((commit) => startsOn(gh, repo, commit.sha, counting)))).flat();
  if (pullStarts.length >= query.caps.perPullPerDay) return { pull: pullStarts, repository: pullStarts };

  const repositoryStarts = [...pullStarts];
  const { data: pulls } = await gh.rest.pulls.list({ owner: repo.owner, repo: repo.repo, state: 'all', sort: 'updated', direction: 'desc', per_page: 100 });
  for (const other of pulls) {
    if (Date.parse(other.updated_at) <= counting.since) break;
    if (other.number === pull.number) continue;
    repositoryStarts.push(...(await startsOn(gh, repo, other.head.sha, counting)));
    if (repositoryStarts.length >= query.caps.perRepositoryPerDay) break;
  }
  return { pull: pullStarts, repository: repositoryStarts };
}

/** Pure: the notice posted once when a cap stops a review. */
export function capNotice(reviewerTitle: string, decision: Extract<CapDecision, { allowed: false }>): string {
  const when = decision.resumesAt
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace('T', ' ')
    .replace('Z', ' UTC');
  return `**Review paused.** ${reviewerTitle} did not run: ${decision.reason}. Reviews resume at ${when}; push again or comment \`/review\` after that. No model was called.`;
}
