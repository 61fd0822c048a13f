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
import type { ReviewConclusion } from './types.js';

export const ANNOTATIONS_PER_REQUEST = 50;
const SUMMARY_LIMIT = 65_535;

export interface CheckRunRef {
  id: number;
  htmlUrl: string;
  /** The output text every update keeps: the model's recorded answer (recorded-pass.ts), once there is one. */
  text?: string | undefined;
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
  input: {
    name: string;
    headSha: string;
    detailsUrl?: string | undefined;
    runRef?: ReviewRunRef | undefined;
    botLogin: string;
    title: string;
    /** A recorded model answer this run resumes from, kept on its own check run too. */
    text?: string | undefined;
  },
): Promise<CheckRunRef> {
  const externalId = input.runRef ? formatReviewRunRef(input.runRef) : undefined;
  const create = async () => {
    const { data } = await gh.rest.checks.create({
      owner: repo.owner,
      repo: repo.repo,
      name: input.name,
      head_sha: input.headSha,
      status: 'in_progress',
      ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
      // auto-merge counts the result only when this run is the review workflow's, on the default branch.
      ...(externalId ? { external_id: externalId } : {}),
      output: { title: input.title, summary: 'The review is in progress.', ...(input.text ? { text: input.text } : {}) },
    });
    return { id: data.id, htmlUrl: data.html_url ?? '', text: input.text };
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
    // This run's own check only: an unfinished one of an earlier run is superseded, not adopted.
    const run = data.check_runs.find(
      (candidate) =>
        candidate.status === 'in_progress' &&
        candidate.app?.slug === botAppSlug(input.botLogin) &&
        (externalId === undefined || candidate.external_id === externalId),
    );
    return run ? { id: run.id, htmlUrl: run.html_url ?? '', text: input.text } : undefined;
  };
  return createOnce(create, find);
}

export interface CheckCompletion {
  conclusion: ReviewConclusion;
  title: string;
  summary: string;
  annotations?: readonly CheckAnnotation[];
}

export async function completeCheckRun(gh: GitHub, repo: RepoRef, run: CheckRunRef, completion: CheckCompletion): Promise<void> {
  const annotations = completion.annotations ?? [];
  const output = { title: completion.title.slice(0, 255), summary: completion.summary, ...(run.text ? { text: run.text } : {}) };
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

/**
 * Writes the model's recorded answer into the output text of the run's in-progress check run; every later update
 * of that check keeps it.
 */
export async function recordOnCheckRun(gh: GitHub, repo: RepoRef, run: CheckRunRef, title: string, text: string): Promise<void> {
  await gh.rest.checks.update({
    owner: repo.owner,
    repo: repo.repo,
    check_run_id: run.id,
    output: { title: title.slice(0, 255), summary: 'The model has answered; the review is being posted.', text },
  });
  run.text = text;
}

/**
 * Closes the check runs of this name and app on the head that an earlier run started and never completed (its
 * completion failed on every try, or the job was cancelled): each ends neutral, saying which check replaced it,
 * so branch protection never waits on it. Returns how many it closed.
 */
export async function closeStaleCheckRuns(
  gh: GitHub,
  repo: RepoRef,
  input: { name: string; headSha: string; botLogin: string; keep: number; replacedBy: string },
): Promise<number> {
  const { data } = await gh.rest.checks.listForRef({
    owner: repo.owner,
    repo: repo.repo,
    ref: input.headSha,
    check_name: input.name,
    filter: 'all',
    per_page: 100,
  });
  const stale = data.check_runs.filter(
    (run) =>
      run.status !== 'completed' &&
      run.app?.slug === botAppSlug(input.botLogin) &&
      run.head_sha === input.headSha &&
      // Only runs started before this one: a review started later is still working.
      run.id < input.keep,
  );
  for (const run of stale) {
    await gh.rest.checks.update({
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: run.id,
      status: 'completed',
      conclusion: 'neutral',
      output: {
        title: 'Superseded: this review run did not finish',
        summary: checkSummary(`This review run stopped before it could complete its check. ${input.replacedBy}`, {
          headSha: input.headSha,
          shouldBlock: false,
          complete: false,
          newDependencies: [],
        }),
        ...(run.output.text ? { text: run.output.text } : {}),
      },
    });
  }
  return stale.length;
}
