/**
 * The reviewer's check run on the PR head (`agentic/cto-review` / `agentic/ciso-review`): in progress
 * while the model reviews, then its conclusion, a summary ending with the review-check marker that
 * auto-merge reads, and annotations, at most 50 per request as GitHub allows (the rest in further updates).
 */
import { formatReviewRunRef, type ReviewRunRef } from '../core/contracts.js';
import { REVIEW_CHECK_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import type { ReviewCheckMarker } from '../core/markers/schemas.js';
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import { createOnce } from '../core/create-once.js';
import type { CheckAnnotation } from './render-summary.js';
import { truncateText } from './render-text.js';
import type { CheckConclusion } from './verdict.js';

export const ANNOTATIONS_PER_REQUEST = 50;
const SUMMARY_LIMIT = 65_535;

export interface CheckRunRef {
  id: number;
  htmlUrl: string;
}

/** The app slug of the bot's check runs: `github-actions` for GITHUB_TOKEN, the app's slug for an app token. */
export function botAppSlug(botLogin: string): string {
  return botLogin.replace(/\[bot\]$/, '');
}

/** Pure: the summary with the review-check marker as its last line, within GitHub's limit. */
export function checkSummary(text: string, marker: Omit<ReviewCheckMarker, 'v'>): string {
  const tail = `\n\n${writeMarker(REVIEW_CHECK_MARKER_KIND, marker)}`;
  return `${truncateText(text, SUMMARY_LIMIT - tail.length - 100, 'This summary was')}${tail}`;
}

export async function startCheckRun(
  gh: GitHub,
  repo: RepoRef,
  input: { name: string; headSha: string; detailsUrl?: string | undefined; runRef?: ReviewRunRef | undefined; botLogin: string; title: string },
): Promise<CheckRunRef> {
  const create = async () => {
    const { data } = await gh.rest.checks.create({
      owner: repo.owner,
      repo: repo.repo,
      name: input.name,
      head_sha: input.headSha,
      status: 'in_progress',
      ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
      // auto-merge counts the result only when this run is the review workflow's, on the default branch.
      ...(input.runRef ? { external_id: formatReviewRunRef(input.runRef) } : {}),
      output: { title: input.title, summary: 'The review is in progress.' },
    });
    return { id: data.id, htmlUrl: data.html_url ?? '' };
  };
  const find = async () => {
    const { data } = await gh.rest.checks.listForRef({
      owner: repo.owner,
      repo: repo.repo,
      ref: input.headSha,
      check_name: input.name,
      filter: 'latest',
      per_page: 100,
    });
    const run = data.check_runs.find((candidate) => candidate.status === 'in_progress' && candidate.app?.slug === botAppSlug(input.botLogin));
    return run ? { id: run.id, htmlUrl: run.html_url ?? '' } : undefined;
  };
  return createOnce(create, find);
}

export interface CheckCompletion {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations?: readonly CheckAnnotation[];
}

export async function completeCheckRun(gh: GitHub, repo: RepoRef, run: CheckRunRef, completion: CheckCompletion): Promise<void> {
  const annotations = completion.annotations ?? [];
  const output = { title: completion.title.slice(0, 255), summary: completion.summary };
  await gh.rest.checks.update({
    owner: repo.owner,
    repo: repo.repo,
    check_run_id: run.id,
    status: 'completed',
    conclusion: completion.conclusion,
    output: { ...output, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) },
  });
  for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    await gh.rest.checks.update({
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: run.id,
      output: { ...output, annotations: annotations.slice(start, start + ANNOTATIONS_PER_REQUEST) },
    });
  }
}
