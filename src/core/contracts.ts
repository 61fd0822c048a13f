import { z } from 'zod';

/**
 * What the actions promise each other. Each action writes and reads GitHub objects the others look at;
 * these names and shapes are the contract between them, kept in one place.
 */

/** Check runs the review actions create on the PR head; auto-merge requires both, for the current head. */
export const CHECK_NAMES = {
  ctoReview: 'agentic/cto-review',
  cisoReview: 'agentic/ciso-review',
  autoMerge: 'agentic/auto-merge',
} as const;

/** Branch of the PR implement opens for an issue: `automated/<number>-<slug>`. */
export const AUTOMATED_BRANCH_PREFIX = 'automated/';

export const SUGGESTION_SOURCES = ['cto-review', 'ciso-review', 'discovery'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

/**
 * Hidden marker (kind `suggestion`) in the body of every suggestion issue a review creates. The issue is
 * authored by the bot, so the marker is trusted only when the issue's author is the bot. A suggestion
 * closed as `not_planned` is a rejection: its fingerprint is never raised again.
 */
export const suggestionMarkerSchema = z.object({
  // parseMarker checks and strips the version; optional here so these schemas validate marker data as parsed.
  v: z.literal(1).optional(),
  fingerprint: z.string().min(1),
  source: z.enum(SUGGESTION_SOURCES),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  category: z.string(),
  /** Pull requests the finding was seen on, first one first. */
  prs: z.array(z.number().int()),
  file: z.string().optional(),
  /**
   * Hash of path + normalised code, without the category: the two reviewers name the same problem with
   * different categories, so a suggestion from one is matched to the other's finding by location.
   */
  location: z.string().optional(),
});
export type SuggestionMarker = z.infer<typeof suggestionMarkerSchema>;
export const SUGGESTION_MARKER_KIND = 'suggestion';

/**
 * Hidden marker (kind `implement-pr`) in the body of a PR opened by implement: which issue it closes and
 * what it cost. auto-merge uses `issue` to close the loop; triage sums `costUsd`.
 */
export const implementPrMarkerSchema = z.object({
  // parseMarker checks and strips the version; optional here so these schemas validate marker data as parsed.
  v: z.literal(1).optional(),
  issue: z.number().int(),
  costUsd: z.number().nonnegative(),
  openedAt: z.string(),
  claimedAt: z.string().optional(),
});
export type ImplementPrMarker = z.infer<typeof implementPrMarkerSchema>;
export const IMPLEMENT_PR_MARKER_KIND = 'implement-pr';

/**
 * Fields of the sticky-comment markers (kinds `implement`, `cto-review`, `ciso-review`) that other actions
 * read: triage takes costs and times from them. Each action may store more.
 */
export const costMarkerFieldsSchema = z.object({
  costUsd: z.number().nonnegative().optional(),
  claimedAt: z.string().optional(),
  prOpenedAt: z.string().optional(),
});

/**
 * Hidden marker (kind `review-check`) at the end of the `output.summary` of the agentic/cto-review and
 * agentic/ciso-review check runs. auto-merge reads it from the check run on the current head: the check's
 * conclusion says whether the review blocks; this says what it saw. A check run not created by the bot
 * (a different app id) is ignored.
 */
export const reviewCheckMarkerSchema = z.object({
  // parseMarker checks and strips the version; optional here so these schemas validate marker data as parsed.
  v: z.literal(1).optional(),
  headSha: z.string(),
  shouldBlock: z.boolean(),
  /** Every reviewable file was reviewed (false when the diff budget left files out or the model pass was skipped). */
  complete: z.boolean(),
  /** Packages the PR adds or changes (ciso-review); a merge then needs a human when policy says so. */
  newDependencies: z.array(z.string()).default([]),
});
export type ReviewCheckMarker = z.infer<typeof reviewCheckMarkerSchema>;
export const REVIEW_CHECK_MARKER_KIND = 'review-check';

/**
 * The workflow run that wrote a review check, in the check run's `external_id`: `<run id>/<run attempt>`.
 * auto-merge reads that run through the Actions API to decide whether the check came from the review workflow.
 */
export interface ReviewRunRef {
  runId: number;
  attempt: number;
}

export function formatReviewRunRef(ref: ReviewRunRef): string {
  return `${ref.runId}/${ref.attempt}`;
}

/** The run a check's `external_id` names, or null when it names none (a check not written by a workflow run). */
export function parseReviewRunRef(externalId: string | null): ReviewRunRef | null {
  const match = /^([1-9]\d{0,15})\/([1-9]\d{0,4})$/.exec(externalId ?? '');
  if (!match) return null;
  return { runId: Number(match[1]), attempt: Number(match[2]) };
}
