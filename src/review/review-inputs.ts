/**
 * Inputs every reviewer action accepts besides the common ones. Zod-free and tiny: the action entry parses
 * them before anything heavy loads, so a bad input fails at once.
 */
import { input } from '../core/inputs.js';
import { THRESHOLDS } from './severity.js';

const TRI_STATE = ['true', 'false'] as const;

export const REVIEW_INPUT_SPEC = {
  'pull-request-number': input.optionalInteger(1),
  'max-review-calls': input.optionalInteger(1),
  'max-input-tokens-per-call': input.optionalInteger(2000),
  'block-severity': input.optionalOneOf(THRESHOLDS),
  'suggestion-min-severity': input.optionalOneOf(THRESHOLDS),
  'skip-globs': input.list([]),
  // Empty means "as the policy says": the policy can then also forbid what an input would switch on.
  'review-drafts': input.optionalOneOf(TRI_STATE),
  'approve-when-clean': input.optionalOneOf(TRI_STATE),
};

/** The parsed review inputs (undefined: not given). */
export interface ReviewInputs {
  pullRequestNumber?: number | undefined;
  maxReviewCalls?: number | undefined;
  maxInputTokensPerCall?: number | undefined;
  blockSeverity?: (typeof THRESHOLDS)[number] | undefined;
  suggestionMinSeverity?: (typeof THRESHOLDS)[number] | undefined;
  skipGlobs?: string[] | undefined;
  reviewDrafts?: boolean | undefined;
  approveWhenClean?: boolean | undefined;
  /** Only lower than the policy's (a reviewer that asks for confidence). */
  minConfidence?: number | undefined;
}

type Parsed = { [K in keyof typeof REVIEW_INPUT_SPEC]: ReturnType<(typeof REVIEW_INPUT_SPEC)[K]['parse']> };

function triState(value: 'true' | 'false' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'true';
}

export function toReviewInputs(parsed: Parsed): ReviewInputs {
  return {
    pullRequestNumber: parsed['pull-request-number'],
    maxReviewCalls: parsed['max-review-calls'],
    maxInputTokensPerCall: parsed['max-input-tokens-per-call'],
    blockSeverity: parsed['block-severity'],
    suggestionMinSeverity: parsed['suggestion-min-severity'],
    skipGlobs: parsed['skip-globs'],
    reviewDrafts: triState(parsed['review-drafts']),
    approveWhenClean: triState(parsed['approve-when-clean']),
  };
}
