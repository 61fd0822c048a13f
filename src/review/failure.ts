/**
 * How a failed model pass is reported. Nothing of the review is posted; the check run says why, and
 * whether trying again later can help (neutral) or something must change first (failure).
 */
import { ConfigurationError, errorMessage } from '../core/errors.js';
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

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { status?: number }).status : undefined;
}

/** What went wrong talking to GitHub, when it is something the user can act on rather than a bug. */
export type GitHubFailure = { kind: 'refused'; error: ConfigurationError } | { kind: 'rate-limited'; reason: string };

/** Pure. */
export function describeGitHubFailure(error: unknown): GitHubFailure | undefined {
  const status = statusOf(error);
  const message = errorMessage(error);
  if (status === 429 || (status === 403 && /rate limit/i.test(message))) {
    return { kind: 'rate-limited', reason: `GitHub's rate limit stopped the review while posting (${message.split('\n')[0]}). Re-run the job later: what was already posted is recognised and not posted twice.` };
  }
  if (status === 403) {
    return {
      kind: 'refused',
      error: new ConfigurationError(
        `GitHub refused a write (${message.split('\n')[0]}): the job needs permissions pull-requests: write, issues: write, checks: write and contents: read; a pull_request from a fork gets a read-only token and cannot be reviewed with it.`,
      ),
    };
  }
  return undefined;
}
