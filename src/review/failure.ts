/**
 * How a failed model pass is reported. Nothing of the review is posted; the check run says why, and
 * whether trying again later can help (neutral) or something must change first (failure).
 */
import { errorMessage } from '../core/errors.js';
import { CostBudgetExceededError, InputTooLargeError, ModelOutputError, ModelUnavailableError } from '../core/llm/index.js';
import type { ReviewConclusion } from './types.js';

export interface PassFailure {
  conclusion: Exclude<ReviewConclusion, 'success'>;
  reason: string;
}

/** Pure. */
export function describePassFailure(error: unknown): PassFailure {
  if (error instanceof ModelOutputError) {
    return { conclusion: 'failure', reason: `The model's answer did not match the findings schema, even after one repair round, so no review was posted. ${error.problems}` };
  }
  if (error instanceof CostBudgetExceededError) {
    return { conclusion: 'neutral', reason: `The review stopped at the cost budget, so no review was posted: ${error.message} Raise max-cost-usd or lower max-review-calls.` };
  }
  if (error instanceof ModelUnavailableError) {
    return { conclusion: 'neutral', reason: `The model provider was unavailable, so no review was posted: ${error.message} Re-run the job later.` };
  }
  if (error instanceof InputTooLargeError) {
    return { conclusion: 'failure', reason: `A review call exceeded max-input-tokens-per-call (${error.message}); no review was posted.` };
  }
  return { conclusion: 'failure', reason: `The model call failed, so no review was posted: ${errorMessage(error)}` };
}
