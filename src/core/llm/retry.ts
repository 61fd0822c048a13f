/**
 * The model layer's only retry policy (the SDKs run with `maxRetries: 0`): exponential backoff with
 * jitter on transient failures, the provider's `retry-after` honoured, everything else thrown at once.
 */
import { isTransient, ProviderCallError } from './providers/provider-call-error.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  log: (message: string) => void;
}

const BASE_DELAY_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/**
 * A provider asking for a longer pause than this (a spent daily quota, say) will not recover within the
 * job; giving up lets the fallback provider take the call instead of idling on a paid runner.
 */
export const MAX_RETRY_AFTER_MS = 120_000;

/** Attempt `n` (0-based) waits base·2ⁿ, capped, scaled by a jitter in [0.5, 1) so parallel jobs spread out. */
export function backoffDelayMs(retryIndex: number, random: () => number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** retryIndex);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

/** Throws the last ProviderCallError, with `attempts` recorded on it, when the retries are spent. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<RetryOutcome<T>> {
  for (let retryIndex = 0; ; retryIndex++) {
    try {
      return { value: await attempt(), attempts: retryIndex + 1 };
    } catch (error) {
      if (!(error instanceof ProviderCallError) || !isTransient(error)) throw error;
      const attempts = retryIndex + 1;
      if (retryIndex >= policy.maxRetries) throw new RetriesExhaustedError(error, attempts);
      if (error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS) {
        policy.log(`${error.message}; it asks to wait ${Math.round(error.retryAfterMs / 1000)} s, too long to wait for.`);
        throw new RetriesExhaustedError(error, attempts);
      }
      const delay = error.retryAfterMs ?? backoffDelayMs(retryIndex, policy.random);
      policy.log(`${error.message}; retrying in ${(delay / 1000).toFixed(1)} s (retry ${attempts} of ${policy.maxRetries}).`);
      await policy.sleep(delay);
    }
  }
}

/** The transient failure that survived every retry, and how many attempts were made. */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError';
  constructor(
    readonly last: ProviderCallError,
    readonly attempts: number,
  ) {
    super(last.message);
  }
}
