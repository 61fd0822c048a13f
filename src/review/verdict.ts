/**
 * The verdict, deterministic from the findings: a finding at or above the block threshold blocks
 * (REQUEST_CHANGES and a failing check); anything else is a COMMENT at most. APPROVE only when opted in,
 * on a complete review without findings, and never over another active change request by the same bot
 * (cto-review and ciso-review post as the same user, and GitHub keeps only a user's latest verdict).
 */
import type { ReviewedFinding } from './findings.js';
import { reaches, type Threshold } from './severity.js';
import type { ReviewConclusion } from './types.js';

export type ReviewEvent = 'REQUEST_CHANGES' | 'COMMENT' | 'APPROVE';

export function shouldBlock(findings: readonly ReviewedFinding[], threshold: Threshold): boolean {
  return findings.some((finding) => reaches(finding.severity, threshold));
}

export function checkConclusion(blocking: boolean, complete: boolean): ReviewConclusion {
  if (blocking) return 'failure';
  return complete ? 'success' : 'neutral';
}

export interface ReviewDecisionInput {
  blocking: boolean;
  complete: boolean;
  findings: number;
  /** Inline comments this review will post. */
  newComments: number;
  approveWhenClean: boolean;
  /** The PR is authored by the bot: GitHub refuses REQUEST_CHANGES and APPROVE on one's own PR. */
  ownPullRequest: boolean;
  /** This reviewer's earlier REQUEST_CHANGES is still in force. */
  ownChangesRequested: boolean;
  /** The other reviewer (same bot user) has requested changes that are still in force. */
  otherChangesRequested: boolean;
}

export interface ReviewDecision {
  /** Null: post no review (nothing new to say, and the verdict on GitHub is already right). */
  event: ReviewEvent | null;
  /** Dismiss this reviewer's earlier change request: nothing blocks any more. */
  dismissOwnChangeRequest: boolean;
  /** Said in the summary when the verdict could not be expressed as a review. */
  note?: string | undefined;
}

/** Pure. */
export function decideReview(input: ReviewDecisionInput): ReviewDecision {
  if (input.blocking) {
    if (input.ownPullRequest) {
      return {
        event: input.newComments > 0 ? 'COMMENT' : null,
        dismissOwnChangeRequest: false,
        note: 'GitHub does not let the bot request changes on its own pull request; the failing check blocks it instead.',
      };
    }
    if (input.ownChangesRequested && input.newComments === 0) return { event: null, dismissOwnChangeRequest: false };
    return { event: 'REQUEST_CHANGES', dismissOwnChangeRequest: false };
  }
  const dismiss = input.ownChangesRequested;
  if (input.approveWhenClean && input.complete && input.findings === 0) {
    if (input.ownPullRequest)
      return { event: null, dismissOwnChangeRequest: dismiss, note: 'approve-when-clean: the bot cannot approve its own pull request.' };
    if (input.otherChangesRequested) {
      return { event: null, dismissOwnChangeRequest: dismiss, note: 'approve-when-clean: not approving while the other review requests changes.' };
    }
    return { event: 'APPROVE', dismissOwnChangeRequest: dismiss };
  }
  return { event: input.newComments > 0 ? 'COMMENT' : null, dismissOwnChangeRequest: dismiss };
}
