/**
 * The review gates: human reviews on the pull request, and the agents' review results, which arrive as check
 * runs (`agentic/cto-review`, `agentic/ciso-review`) on the head commit with a marker at the end of their summary,
 * written by the review workflow's run (review-binding.ts).
 */
import { REVIEW_CHECK_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import type { ReviewCheckMarker } from '../core/markers/schemas.js';
import { canWrite } from '../core/identity.js';
import { markerPrefix } from '../core/marker.js';
import { code, listOf, shortSha } from './display.js';
import type { CheckRunFacts, MergeFacts, ReviewFacts } from './facts.js';
import { fail, HUMAN_MUST_MERGE, pass, wait, type Gate, type GateSettings, type GateStatus } from './gate.js';
import { bindReviewCheck, newerReviewFirst } from './review-binding.js';

/**
 * Each reviewer's standing review, as GitHub counts it: the latest approval, request for changes or dismissal;
 * a later plain comment does not undo an earlier verdict.
 */
export function standingReviews(reviews: readonly ReviewFacts[]): ReviewFacts[] {
  const latest = new Map<number, ReviewFacts>();
  for (const review of [...reviews].sort((a, b) => a.id - b.id)) {
    if (!review.user) continue;
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') latest.set(review.user.id, review);
  }
  return [...latest.values()];
}

export function humanReviewsGate(facts: MergeFacts, settings: GateSettings): Gate {
  const standing = standingReviews(facts.reviews);
  const blocking = standing.filter((review) => review.state === 'CHANGES_REQUESTED');
  if (blocking.length > 0) {
    return fail('reviews', `changes requested by ${listOf(blocking.map((review) => code(review.user?.login ?? 'ghost')))}`);
  }
  if (settings.requiredApprovals === 0) return pass('reviews', 'no changes requested; no human approval required');
  // Only approvals of the current head from people who may write count: an approval of older code did not see this.
  const approvers = standing.filter(
    (review) =>
      review.state === 'APPROVED' &&
      review.commitId === facts.pull.headSha &&
      review.user?.type === 'User' &&
      canWrite(facts.permissions[review.user.login.toLowerCase()] ?? 'none'),
  );
  const counted = `${approvers.length} of ${settings.requiredApprovals} required approvals from writers on head ${shortSha(facts.pull.headSha)}`;
  if (approvers.length < settings.requiredApprovals) return wait('reviews', counted);
  return pass('reviews', `no changes requested; ${counted}`);
}

/** The review-check marker that ends a summary; anything after it (or a marker only quoted earlier) is not the result. */
export function reviewMarkerOf(summary: string | null): Omit<ReviewCheckMarker, 'v'> | null {
  if (!summary) return null;
  const at = summary.lastIndexOf(markerPrefix(REVIEW_CHECK_MARKER_KIND));
  if (at < 0) return null;
  const tail = summary.slice(at).trimEnd();
  if (!tail.endsWith('-->') || tail.indexOf('-->') !== tail.length - 3) return null;
  return readMarker(REVIEW_CHECK_MARKER_KIND, tail);
}

/** Whether a check run is one of the agents' review results (the name and the app both match). */
export function isReviewCheck(run: CheckRunFacts, settings: Pick<GateSettings, 'reviewChecks' | 'reviewApp'>): boolean {
  return settings.reviewChecks.includes(run.name) && run.appSlug === settings.reviewApp;
}

interface ReviewResult {
  status: GateStatus;
  reason: string;
  newDependencies: string[];
}

function resultOf(shown: string, run: CheckRunFacts, head: string): ReviewResult {
  const none = { newDependencies: [] };
  if (run.status !== 'completed') return { ...none, status: 'wait', reason: `${shown} is still running (${run.status})` };
  if (run.conclusion === 'failure') return { ...none, status: 'fail', reason: `${shown} blocks the merge` };
  if (run.conclusion !== 'success') {
    return {
      ...none,
      status: 'wait',
      reason: `${shown} ended ${code(run.conclusion ?? 'without a conclusion')}: a review that did not finish cannot let a merge through`,
    };
  }
  const marker = reviewMarkerOf(run.summary);
  if (!marker) return { ...none, status: 'wait', reason: `${shown} carries no readable review result marker` };
  if (marker.headSha !== head)
    return { ...none, status: 'wait', reason: `${shown} reviewed ${shortSha(marker.headSha)}, not the current head ${shortSha(head)}` };
  if (marker.shouldBlock) return { ...none, status: 'fail', reason: `${shown} blocks the merge` };
  if (!marker.complete) return { ...none, status: 'wait', reason: `${shown} did not review every file of the diff, so it cannot let a merge through` };
  const deps = marker.newDependencies.length > 0 ? ` (new dependencies: ${listOf(marker.newDependencies.map((dep) => code(dep)))})` : '';
  return { status: 'pass', reason: `${shown} passed${deps}`, newDependencies: marker.newDependencies };
}

/**
 * The standing result of one review: the newest check of its name that the review workflow's run wrote. A check
 * of that name the run did not write is forged (or written outside the review workflow): a human must look, and
 * it never replaces a real result, so a blocking review is cleared only by a newer review of the head that passes.
 */
function reviewResult(name: string, facts: MergeFacts, settings: GateSettings): ReviewResult {
  const head = facts.pull.headSha;
  const shown = code(name);
  const none = { newDependencies: [] };
  const candidates = facts.reviewCheckRuns.filter((run) => run.name === name && run.appSlug === settings.reviewApp);
  if (candidates.length === 0) {
    const foreign = facts.reviewCheckRuns.some((other) => other.name === name);
    const note = foreign ? `; a check of that name from another app than ${code(settings.reviewApp)} does not count` : '';
    return {
      ...none,
      status: 'wait',
      reason: `${shown} has no result for the current head ${shortSha(head)} (a review of an earlier commit does not count)${note}`,
    };
  }
  const bound = [];
  for (const check of candidates) {
    const binding = bindReviewCheck(check, candidates, facts, settings);
    if (!binding.bound)
      return { ...none, status: 'fail', reason: `${shown} check ${check.id} is not the review workflow's result: ${binding.why}; ${HUMAN_MUST_MERGE}` };
    bound.push({ check, ref: binding.ref });
  }
  const newest = bound.sort(newerReviewFirst)[0];
  return newest ? resultOf(shown, newest.check, head) : { ...none, status: 'wait', reason: `${shown} has no result` };
}

const RANK: Record<GateStatus, number> = { pass: 0, wait: 1, fail: 2 };

/** Both agent reviews must have passed on the current head. Also returns the new dependencies they reported. */
export function agentReviewsGate(facts: MergeFacts, settings: GateSettings): { gate: Gate; newDependencies: string[] } {
  const results = settings.reviewChecks.map((name) => reviewResult(name, facts, settings));
  const worst = results.reduce<GateStatus>((status, result) => (RANK[result.status] > RANK[status] ? result.status : status), 'pass');
  const shown = worst === 'pass' ? results : results.filter((result) => result.status !== 'pass').sort((a, b) => RANK[b.status] - RANK[a.status]);
  const reason = shown.map((result) => result.reason).join('; ');
  const newDependencies = [...new Set(results.flatMap((result) => result.newDependencies))];
  return { gate: { name: 'agent-reviews', status: worst, reason }, newDependencies };
}
