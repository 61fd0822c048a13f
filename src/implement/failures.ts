/**
 * How a stop of the edit loop or a thrown error maps to a failure category (configuration, budget, model,
 * code, ...) and to the failure report the issue gets. Pure.
 */
import { ConfigurationError, TransientError, errorMessage } from '../core/errors.js';
import { CostBudgetExceededError, InputTooLargeError, ModelOutputError, ModelRequestError } from '../core/llm/index.js';
import type { ExecutionResult } from './agent/index.js';
import type { Outcome } from './bundle/bundle-schema.js';

export type FailureOutcome = Extract<Outcome, { kind: 'failure' }>;

export interface BudgetNames {
  /** The cost limit this run had, and whether the per-issue budget was the smaller one. */
  costLimitUsd: number;
  perIssueBound: boolean;
  maxTurns: number;
  maxIterations: number;
  timeoutMinutes: number;
}

function costBudgetName(names: BudgetNames): string {
  return names.perIssueBound
    ? `max-cost-usd-per-issue (what was left of it: $${names.costLimitUsd.toFixed(2)})`
    : `max-cost-usd ($${names.costLimitUsd.toFixed(2)} per run)`;
}

function tried(result: ExecutionResult): string {
  const files = result.changedFiles.map((file) => `${file.action} ${file.path}`).join(', ');
  return `${result.summary} (${result.turns} model turn(s), ${result.test.iterations} test run(s)${files ? `; changed ${files}` : ''})`;
}

/** A stop of the edit loop other than `passed`. */
export function failureFromExecution(result: ExecutionResult, names: BudgetNames): FailureOutcome {
  const base = { tried: tried(result), ...(result.test.output ? { lastOutput: result.test.output } : {}) };
  switch (result.status) {
    case 'tests-failed':
      return {
        kind: 'failure',
        category: 'code',
        title: 'tests still fail',
        reason: `The tests still failed after the last of ${names.maxIterations} iteration(s) (max-iterations).`,
        ...base,
      };
    case 'budget-exhausted':
      return {
        kind: 'failure',
        category: 'budget',
        title: 'cost budget exhausted',
        reason: `The loop stopped at the cost budget ${costBudgetName(names)}. ${result.detail ?? ''}`.trim(),
        ...base,
      };
    case 'turns-exhausted':
      return {
        kind: 'failure',
        category: 'budget',
        title: 'turn budget exhausted',
        reason: `The loop stopped after ${result.turns} model turns (max-turns ${names.maxTurns}) without finishing.`,
        ...base,
      };
    case 'timed-out':
      return {
        kind: 'failure',
        category: 'budget',
        title: 'time limit reached',
        reason: `The loop stopped at the wall-clock limit (timeout-minutes ${names.timeoutMinutes}).`,
        ...base,
      };
    case 'no-changes':
      return { kind: 'failure', category: 'model', title: 'no change made', reason: 'The agent finished without changing any file.', ...base };
    case 'model-error':
      return { kind: 'failure', category: 'model', title: 'model error', reason: `The model could not continue: ${result.detail ?? result.summary}`, ...base };
    case 'passed':
      return { kind: 'failure', category: 'model', title: 'unexpected stop', reason: 'The loop reported success where a failure was expected.', ...base };
  }
}

/** A thrown error during the thinking steps; null for errors that are bugs and must surface as such. */
export function failureFromError(error: unknown, names: BudgetNames): FailureOutcome | null {
  if (error instanceof CostBudgetExceededError)
    return {
      kind: 'failure',
      category: 'budget',
      title: 'cost budget exhausted',
      reason: `Stopped at the cost budget ${costBudgetName(names)}: ${error.message}`,
    };
  if (error instanceof ModelOutputError)
    return {
      kind: 'failure',
      category: 'model',
      title: 'invalid model output',
      reason: `The model's ${error.schemaName} did not match its schema after a repair attempt: ${error.problems}`,
    };
  if (error instanceof ModelRequestError || error instanceof InputTooLargeError)
    return { kind: 'failure', category: 'model', title: 'model request refused', reason: error.message };
  if (error instanceof TransientError)
    return {
      kind: 'failure',
      category: 'transient',
      title: 'a service kept failing',
      reason: `${errorMessage(error)} (retried with backoff); comment /retry to try again`,
    };
  if (error instanceof ConfigurationError) return { kind: 'failure', category: 'user', title: 'a setting needs fixing', reason: error.message };
  return null;
}
