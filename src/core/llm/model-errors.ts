/**
 * Typed failures of the model layer. Each extends the shared category that decides how the step
 * reports it (src/core/errors.ts): a rejected key or unknown model is the user's to fix, an
 * unavailable provider is transient, a budget stop is a budget stop.
 */
import { BudgetExceededError, ConfigurationError, TransientError } from '../errors.js';
import type { ProviderName } from './types.js';

/** The provider refused the key, the permission or the model (401, 403, 404): fix the inputs. */
export class ModelConfigurationError extends ConfigurationError {
  constructor(
    message: string,
    readonly provider: ProviderName,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The provider rejected the request itself (400, 413, 422...): retrying the same request cannot help. */
export class ModelRequestError extends Error {
  override readonly name = 'ModelRequestError';
  constructor(
    message: string,
    readonly provider: ProviderName,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/** Still failing after every retry (5xx, 429, connection, timeout, unreadable body), fallback included. */
export class ModelUnavailableError extends TransientError {
  constructor(
    message: string,
    readonly provider: ProviderName,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/** Structured output that still did not match its schema after the one repair attempt. */
export class ModelOutputError extends Error {
  override readonly name = 'ModelOutputError';
  constructor(
    message: string,
    readonly schemaName: string,
    readonly problems: string,
  ) {
    super(message);
  }
}

/** The run's cost budget would be (before a call) or has been (after it) exceeded. */
export class CostBudgetExceededError extends BudgetExceededError {
  constructor(
    message: string,
    readonly spentUsd: number,
    readonly limitUsd: number,
  ) {
    super(message);
  }
}

/** One call's estimated input is larger than `maxInputTokensPerCall`; the caller must chunk. */
export class InputTooLargeError extends Error {
  override readonly name = 'InputTooLargeError';
  constructor(
    message: string,
    readonly estimatedTokens: number,
    readonly limitTokens: number,
  ) {
    super(message);
  }
}
