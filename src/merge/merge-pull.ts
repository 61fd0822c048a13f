/**
 * The merge call. It passes the evaluated head sha, so a push after the evaluation makes GitHub refuse (409)
 * instead of merging code nobody checked. A failed call is never retried blindly: the pull request is re-read
 * and what happened is reported, so a merge that went through behind a 502 is never made twice. Only when
 * GitHub failed (5xx, no answer) and the re-read shows the pull request still open at the evaluated head is
 * the call made once more: it cannot merge twice, and a single 502 does not cost a rerun.
 */
import type { MergeMethod } from './merge-method.js';
import { ConfigurationError } from '../core/errors.js';
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import { shortSha } from './display.js';
import type { PullFacts } from './facts.js';
import { readPull } from './fetch-facts.js';
import { describeGitHubError } from '../core/github-errors.js';

export type MergeAttempt =
  | { kind: 'merged'; sha: string; note?: string }
  /** GitHub refused because the head is no longer the evaluated commit. */
  | { kind: 'head-changed'; reason: string }
  /** Someone else (a concurrent run) merged it first. */
  | { kind: 'merged-elsewhere'; sha: string | null }
  /** `interrupted`: GitHub failed on both tries; re-running the job merges it. */
  | { kind: 'not-merged'; reason: string; interrupted?: boolean };

/** GitHub failed and the re-read shows the pull request open at the evaluated head: the merge may be tried again. */
type TryAgain = { kind: 'try-again'; detail: string };

function answer(status: number | undefined, message: string): string {
  const code = status === undefined ? 'no answer (network error)' : `HTTP ${status}`;
  return message ? `${code}: ${message}` : code;
}

function headChanged(evaluated: string, now: string | undefined, detail: string): MergeAttempt {
  const moved = now ? ` (now ${shortSha(now)})` : '';
  return {
    kind: 'head-changed',
    reason: `head changed after evaluation: ${shortSha(evaluated)} was evaluated${moved} and GitHub refused the merge (${detail}); the new head is evaluated on its own`,
  };
}

async function afterFailure(
  gh: GitHub,
  repo: RepoRef,
  pull: PullFacts,
  headSha: string,
  status: number | undefined,
  message: string,
): Promise<MergeAttempt | TryAgain> {
  const detail = answer(status, message);
  let now: PullFacts;
  try {
    now = await readPull(gh, repo, pull.number);
  } catch (error) {
    const reread = describeGitHubError(error);
    return {
      kind: 'not-merged',
      interrupted: true,
      reason: `the merge call got ${detail} and the pull request could not be re-read (${answer(reread.status, reread.message)}); nothing was retried, the next run re-reads it`,
    };
  }
  if (now.merged) {
    // A 5xx or a dropped connection can arrive after GitHub merged: the re-read is the truth, and it is ours.
    if (status === undefined || status >= 500)
      return { kind: 'merged', sha: now.mergeCommitSha ?? '', note: `GitHub answered ${detail}, but the re-read shows the merge went through` };
    return { kind: 'merged-elsewhere', sha: now.mergeCommitSha };
  }
  if (now.headSha !== headSha) return headChanged(headSha, now.headSha, detail);
  if (status === undefined || status >= 500) return { kind: 'try-again', detail };
  return { kind: 'not-merged', reason: `GitHub did not merge (${detail}); nothing was retried, the next event re-evaluates` };
}

export async function mergeEvaluated(gh: GitHub, repo: RepoRef, pull: PullFacts, headSha: string, method: MergeMethod): Promise<MergeAttempt> {
  const first = await mergeOnce(gh, repo, pull, headSha, method);
  if (first.kind !== 'try-again') return first;
  const second = await mergeOnce(gh, repo, pull, headSha, method);
  if (second.kind !== 'try-again') return second;
  return {
    kind: 'not-merged',
    interrupted: true,
    reason: `GitHub did not merge (${first.detail}, then ${second.detail}); the pull request is still open at ${shortSha(headSha)}: re-run the job to merge it`,
  };
}

async function mergeOnce(gh: GitHub, repo: RepoRef, pull: PullFacts, headSha: string, method: MergeMethod): Promise<MergeAttempt | TryAgain> {
  try {
    const { data } = await gh.rest.pulls.merge({ owner: repo.owner, repo: repo.repo, pull_number: pull.number, sha: headSha, merge_method: method });
    if (data.merged) return { kind: 'merged', sha: data.sha };
    return await afterFailure(gh, repo, pull, headSha, 200, data.message);
  } catch (error) {
    // GitHub's message from a JSON error; HTML error pages (502s from the proxy) are reduced to their status.
    const { kind, status, message } = describeGitHubError(error);
    if (kind === 'conflict') return headChanged(headSha, undefined, answer(status, message));
    if (kind === 'unauthorized' || kind === 'forbidden') {
      throw new ConfigurationError(
        `the github-token may not merge pull request #${pull.number} (${answer(status, message)}); the job needs permissions contents: write and pull-requests: write`,
      );
    }
    return afterFailure(gh, repo, pull, headSha, status, message);
  }
}
