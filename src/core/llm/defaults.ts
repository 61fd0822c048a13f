/** Defaults of the model layer, taken from the seed product documents where they name one. */

/** Implementation balances creativity and consistency; reviews are more consistent; security most. */
export const IMPLEMENT_TEMPERATURE = 0.3;
export const CTO_REVIEW_TEMPERATURE = 0.2;
export const CISO_REVIEW_TEMPERATURE = 0.1;

export const DEFAULT_TEMPERATURES = {
  implement: IMPLEMENT_TEMPERATURE,
  cto: CTO_REVIEW_TEMPERATURE,
  ciso: CISO_REVIEW_TEMPERATURE,
} as const;

/** Anthropic requires an output limit on every request; this one fits a review or a code edit. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8192;

/** Retries after the first attempt on transient failures. */
export const DEFAULT_MAX_RETRIES = 3;

/**
 * Per attempt. Thinking models can take minutes over a long review answer; a hung connection is
 * still retried well within a job's time.
 */
export const DEFAULT_TIMEOUT_MS = 300_000;
