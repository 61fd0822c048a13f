/**
 * Error types that decide how a failure is reported.
 *
 * A ConfigurationError is the user's to fix (a missing input, a bad key in .github/agentic.yml): the step
 * fails with its message alone, no stack trace. A TransientError is worth retrying later (5xx, rate limit,
 * timeout). Anything else is an internal error and is reported with its trace.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export class TransientError extends Error {
  override readonly name = 'TransientError';
}

/** Thrown when a run stops because it would exceed a configured budget (cost, turns, time). */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
}

/** Names what was expected of a setting, for messages such as `input 'max-turns' is "abc"; expected a positive integer`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return String(value);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
