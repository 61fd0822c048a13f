/**
 * Claiming an issue so that two runs started at once never work on the same one. Labels and assignees are
 * idempotent (both runs "succeed" in adding them), so they cannot decide; comment ids can. Each run posts a
 * claim comment with its own token, waits a moment for a concurrent claim to become visible, and reads the
 * claims back: the live claim with the lowest id wins, the same answer for every reader whatever the timing.
 * The loser deletes its comment and leaves the labels to the winner. Claims are released (deleted) when the
 * issue leaves `agent:in-progress`; a claim whose run is gone and which is older than stale-claim-hours no
 * longer counts, so a crashed run never locks an issue for good.
 */
import { randomBytes } from 'node:crypto';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { currentState, transitionIssue } from '../core/issue-state.js';
import type { LabelNames } from '../core/labels.js';
import type { RepoRef } from '../core/repo.js';
import { liveClaims } from './decide.js';
import { readClaims, type ClaimComment } from './issue-thread.js';
import { CLAIM_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import type { ClaimMarker } from '../core/markers/schemas.js';
import { gitHubStatus } from '../core/github-errors.js';

export interface ClaimDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  runId: number | undefined;
  runUrl: string | undefined;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  settleMs: number;
  staleHours: number;
  log: (message: string) => void;
}

export type ClaimOutcome = { won: true; commentId: number; token: string; claimedAt: string } | { won: false; reason: string };

/** Pure: the winning claim among those read back, or null when none is live. */
export function winningClaim(claims: readonly ClaimComment[]): ClaimComment | null {
  return [...claims].sort((a, b) => a.commentId - b.commentId)[0] ?? null;
}

export function newClaimToken(): string {
  return randomBytes(12).toString('hex');
}

function claimBody(data: ClaimMarker): string {
  const by = data.runUrl ? `[this workflow run](${data.runUrl})` : 'a workflow run';
  return `The agent is working on this issue in ${by}.\n\n${writeMarker(CLAIM_MARKER_KIND, data)}`;
}

export async function deleteComment(gh: GitHub, repo: RepoRef, commentId: number): Promise<void> {
  try {
    await gh.rest.issues.deleteComment({ owner: repo.owner, repo: repo.repo, comment_id: commentId });
  } catch (error) {
    if (gitHubStatus(error) !== 404) throw error;
  }
}

/**
 * Claims `issueNumber`, which the caller has decided this run may take (`decideIssue`). `currentLabels` are
 * the labels just read; `staleClaims` are claim comments to remove first when taking over a stale claim.
 */
export async function claimIssue(
  deps: ClaimDeps,
  issueNumber: number,
  currentLabels: readonly string[],
  staleClaims: readonly ClaimComment[],
): Promise<ClaimOutcome> {
  const { gh, repo, bot } = deps;
  for (const stale of staleClaims) await deleteComment(gh, repo, stale.commentId);
  await transitionIssue(gh, repo, issueNumber, 'in-progress', deps.labels, { currentLabels });
  await gh.rest.issues.addAssignees({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber, assignees: [bot.login] }).catch((error: unknown) => {
    // Assignment is a courtesy to humans reading the board; the label and the claim comment are the lock.
    deps.log(`could not assign ${bot.login} to #${issueNumber}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const data: ClaimMarker = {
    token: newClaimToken(),
    claimedAt: deps.now().toISOString(),
    ...(deps.runId !== undefined ? { runId: deps.runId } : {}),
    ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
  };
  const { data: created } = await gh.rest.issues.createComment({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber, body: claimBody(data) });
  if (deps.settleMs > 0) await deps.sleep(deps.settleMs);

  const claims = await readClaims(gh, repo, issueNumber, bot);
  // Claims by other runs that are stale do not hold; this run's own claim always does.
  const live = liveClaims(claims, { now: deps.now(), staleHours: deps.staleHours, runId: undefined, claimRunActive: new Map() });
  const winner = winningClaim(live);
  const own = claims.find((claim) => claim.commentId === created.id);
  if (!own || winner?.commentId !== created.id) {
    await deleteComment(gh, repo, created.id);
    const holder = winner?.data.runUrl ?? 'another run';
    return { won: false, reason: own ? `#${issueNumber} was claimed first by ${holder}` : `the claim on #${issueNumber} was withdrawn while it settled` };
  }
  // A run that finished between our read and our claim would have moved the issue on: check the labels.
  const { data: after } = await gh.rest.issues.get({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber });
  const labelsNow = after.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
  const state = currentState(labelsNow, deps.labels).state;
  if (state !== 'in-progress' || after.state !== 'open') {
    await deleteComment(gh, repo, created.id);
    // Our label write landed beside the state the other run set; take it back so one state remains.
    const ours = deps.labels.agentInProgress.toLowerCase();
    if (state !== null && labelsNow.some((label) => label.toLowerCase() === ours)) {
      await gh.rest.issues
        .removeLabel({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber, name: deps.labels.agentInProgress })
        .catch((error: unknown) => {
          if (gitHubStatus(error) !== 404) throw error;
        });
    }
    return { won: false, reason: `#${issueNumber} moved to ${state ?? 'no state'} while it was being claimed` };
  }
  return { won: true, commentId: created.id, token: data.token, claimedAt: data.claimedAt };
}

/** Removes every claim comment (the issue is leaving agent:in-progress). */
export async function releaseClaims(gh: GitHub, repo: RepoRef, claims: readonly ClaimComment[]): Promise<void> {
  for (const claim of claims) await deleteComment(gh, repo, claim.commentId);
}
