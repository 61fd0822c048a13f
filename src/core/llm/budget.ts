/**
 * Budget checks, pure so they can be tested alone. The cost check runs before a call on an estimate
 * (input only: the reply's length is unknown) and again after it on the provider's actual usage.
 */
import { CostBudgetExceededError, InputTooLargeError } from './model-errors.js';
import type { RunBudget } from './types.js';

export function assertCallFitsInputLimit(budget: RunBudget, estimatedInputTokens: number): void {
  const limit = budget.maxInputTokensPerCall;
  if (limit === undefined || estimatedInputTokens <= limit) return;
  throw new InputTooLargeError(
    `One model call would send about ${formatCount(estimatedInputTokens)} input tokens, over the per-call limit of ` +
      `${formatCount(limit)}; split the input into smaller chunks.`,
    estimatedInputTokens,
    limit,
  );
}

export function assertCallFitsBudget(budget: RunBudget, spentUsd: number, estimatedCallCostUsd: number): void {
  const projected = spentUsd + estimatedCallCostUsd;
  if (projected <= budget.maxCostUsd) return;
  throw new CostBudgetExceededError(
    `Model budget exceeded: the next call (estimated ${formatUsd(estimatedCallCostUsd)} of input) would bring ` +
      `spending to ${formatUsd(projected)}, over max-cost-usd ${formatUsd(budget.maxCostUsd)} ` +
      `(${formatUsd(spentUsd)} spent so far).`,
    spentUsd,
    budget.maxCostUsd,
  );
}

export function assertSpendingWithinBudget(budget: RunBudget, spentUsd: number): void {
  if (spentUsd <= budget.maxCostUsd) return;
  throw new CostBudgetExceededError(
    `Model budget exceeded: spending reached ${formatUsd(spentUsd)} after the last call, over max-cost-usd ` + `${formatUsd(budget.maxCostUsd)}.`,
    spentUsd,
    budget.maxCostUsd,
  );
}

/** Budget messages quote money as the policy states it (cents), and four places only under a cent. */
function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2)}`;
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
