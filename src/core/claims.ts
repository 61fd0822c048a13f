/**
 * Stale claims: an issue left in `agent:in-progress` by a run that crashed or was cancelled must not stay
 * locked forever. The claim's time and run id live in the state marker.
 */
import type { GitHub } from './github.js';
import type { RepoRef } from './repo.js';
import { gitHubStatus } from './github-errors.js';

export const DEFAULT_STALE_CLAIM_HOURS = 6;

export interface Claim {
  /** ISO 8601 time the claim was made; missing or unreadable when the label was set by hand. */
  claimedAt: string | undefined;
  /** The workflow run that claimed the issue, when known. */
  runId: number | undefined;
}

/**
 * A claim is stale when it is older than `staleHours` and its run is no longer going.
 *
 * `runStillActive` is undefined when it could not be checked (no run id, or a token without `actions: read`);
 * then age alone decides, which is safe on hosted runners where no job outlives six hours. A claim without a
 * readable time counts as old: it is a hand-set label (a human asking for a retry) or a run that
 * crashed before it wrote its marker, and either way nothing will ever finish it. A time in the future (clock
 * skew) is not old.
 */
export function isStaleClaim(claim: Claim, now: Date, staleHours: number, runStillActive: boolean | undefined): boolean {
  if (runStillActive === true) return false;
  const claimedAt = claim.claimedAt === undefined ? Number.NaN : Date.parse(claim.claimedAt);
  if (Number.isNaN(claimedAt)) return true;
  const ageMs = now.getTime() - claimedAt;
  return ageMs >= staleHours * 3_600_000;
}

/**
 * Whether a workflow run is still going: a deleted run (404) or a completed one is gone. Returns undefined
 * when the token may not read runs (403), so the caller falls back to the claim's age.
 */
export async function isRunActive(gh: GitHub, repo: RepoRef, runId: number): Promise<boolean | undefined> {
  try {
    const { data } = await gh.rest.actions.getWorkflowRun({ owner: repo.owner, repo: repo.repo, run_id: runId });
    return data.status !== 'completed';
  } catch (error) {
    const status = gitHubStatus(error);
    if (status === 404) return false;
    if (status === 403) return undefined;
    throw error;
  }
}
