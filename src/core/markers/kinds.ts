/**
 * Every kind of hidden marker the product writes (the wire format is core/marker.ts), by writer. The
 * schema of each is in the registry (registry.ts); a new kind is added here and there, nowhere else.
 */

/** implement: the sticky report on an issue, a run's claim comment, and the pull request it opens. */
export const IMPLEMENT_MARKER_KIND = 'implement';
export const CLAIM_MARKER_KIND = 'implement-claim';
/** implement's record of a label approval it saw first: who approved, and hashes of the title and body approved. */
export const APPROVAL_MARKER_KIND = 'approval';
/** The one reply to someone whose approval label was taken off because they may not approve (core/reply-once.ts). */
export const APPROVAL_REFUSED_MARKER_KIND = 'approval-refused';
export const IMPLEMENT_PR_MARKER_KIND = 'implement-pr';

/** The review actions: the suggestion issues they file, the check-run result, reviews, inline comments, notes. */
export const SUGGESTION_MARKER_KIND = 'suggestion';
export const REVIEW_CHECK_MARKER_KIND = 'review-check';
export const REVIEW_MARKER_KIND = 'review';
export const FINDING_MARKER_KIND = 'review-finding';
export const SEEN_MARKER_KIND = 'suggestion-seen';
/** The model's answer for one head, sealed, in the output text of the reviewer's check run: what a rerun resumes from. */
export const REVIEW_RECORD_MARKER_KIND = 'review-record';
/** The reviewers' sticky summaries: the kind is the reviewer's name. */
export const REVIEWER_MARKER_KINDS = ['cto-review', 'ciso-review'] as const;
/** One-off replies posted at most once per key (core/reply-once.ts). */
export const REFUSAL_MARKER_KIND = 'refusal';
export const REVIEW_CAP_MARKER_KIND = 'review-cap';

/** auto-merge: the gate table on a pull request, and the closing note on the linked issue. */
export const AUTO_MERGE_MARKER_KIND = 'auto-merge';

/** triage: the weekly report issue, a decision comment, and the one reply to someone who may not decide. */
export const REPORT_MARKER_KIND = 'triage-report';
export const DECISION_MARKER_KIND = 'triage';
export const REPLY_MARKER_KIND = 'triage-reply';
/** The nightly report issue: the day it reports on and the end of its window. */
export const NIGHTLY_MARKER_KIND = 'nightly-report';
/** discover: where the log miner resumes after a night cut short, in the bot's closed state issue. */
export const CURSOR_MARKER_KIND = 'discover-cursor';
/** janitor: the week's dependency updates, in the body of its pull request. */
export const JANITOR_MARKER_KIND = 'janitor';
