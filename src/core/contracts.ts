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

export {
  costMarkerFieldsSchema,
  implementPrMarkerSchema,
  reviewCheckMarkerSchema,
  SUGGESTION_SOURCES,
  suggestionMarkerSchema,
  type ImplementPrMarker,
  type ReviewCheckMarker,
  type SuggestionMarker,
  type SuggestionSource,
} from './markers/schemas.js';
export { IMPLEMENT_PR_MARKER_KIND, REVIEW_CHECK_MARKER_KIND, SUGGESTION_MARKER_KIND } from './markers/kinds.js';

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
