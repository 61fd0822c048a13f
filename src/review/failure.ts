/**
 * How a failed model pass is reported. Nothing of the review is posted; the check run says why, and
 * whether trying again later can help (neutral) or something must change first (failure).
 */
import { ConfigurationError, errorMessage } from '../core/errors.js';
import { CostBudgetExceededError, InputTooLargeError, ModelOutputError, ModelUnavailableError } from '../core/llm/index.js';
import type { ReviewConclusion } from './types.js';
import { describeAnswer, describeGitHubError } from '../core/github-errors.js';

export interface PassFailure {
  conclusion: Exclude<ReviewConclusion, 'success'>;
  reason: string;
  /** What went wrong and what to do, without "no review was posted" (a reviewer with a deterministic pass still posts). */
  cause: string;
}

/** Pure. */
export function describePassFailure(error: unknown): PassFailure {
  if (error instanceof ModelOutputError) {
    const what = "The model's answer did not match the findings schema, even after one repair round";
    return { conclusion: 'failure', reason: `${what}, so no review was posted. ${error.problems}`, cause: `${what}. ${error.problems}` };
  }
  if (error instanceof CostBudgetExceededError) {
    const fix = `${error.message} Raise max-cost-usd or lower max-review-calls.`;
    return {
      conclusion: 'neutral',
      reason: `The review stopped at the cost budget, so no review was posted: ${fix}`,
      cause: `The review stopped at the cost budget: ${fix}`,
    };
  }
  if (error instanceof ModelUnavailableError) {
    const fix = `${error.message} Re-run the job later.`;
    return {
      conclusion: 'neutral',
      reason: `The model provider was unavailable, so no review was posted: ${fix}`,
      cause: `The model provider was unavailable: ${fix}`,
    };
  }
  if (error instanceof InputTooLargeError) {
    const what = `A review call exceeded max-input-tokens-per-call (${error.message})`;
    return { conclusion: 'failure', reason: `${what}; no review was posted.`, cause: `${what}.` };
  }
  return {
    conclusion: 'failure',
    reason: `The model call failed, so no review was posted: ${errorMessage(error)}`,
    cause: `The model call failed: ${errorMessage(error)}`,
  };
}

/** What went wrong talking to GitHub, when it is something the user can act on rather than a bug. */
export type GitHubFailure =
  | { kind: 'refused'; error: ConfigurationError }
  | { kind: 'rate-limited'; reason: string }
  /** A 5xx or no answer, also on retries: a rerun can finish the review. `answer` says what GitHub did. */
  | { kind: 'interrupted'; answer: string };

/** Pure. */
export function describeGitHubFailure(error: unknown): GitHubFailure | undefined {
  const facts = describeGitHubError(error);
  const message = errorMessage(error);
  if (facts.rateLimit) {
    return {
      kind: 'rate-limited',
      reason: `GitHub's rate limit stopped the review while posting (${message.split('\n')[0]}). Re-run the job later: what was already posted is recognised and not posted twice.`,
    };
  }
  if (facts.kind === 'transient') return { kind: 'interrupted', answer: describeAnswer(error) };
  if (facts.kind === 'forbidden') {
    return {
      kind: 'refused',
      error: new ConfigurationError(
        `GitHub refused a write (${message.split('\n')[0]}): the job needs permissions pull-requests: write, issues: write, checks: write and contents: read; a pull_request from a fork gets a read-only token and cannot be reviewed with it.`,
      ),
    };
  }
  return undefined;
}
