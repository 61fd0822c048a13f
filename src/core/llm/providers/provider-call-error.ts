/**
 * How an adapter reports a failed attempt: the SDKs' error classes are translated into this one shape
 * so the retry policy and fallback never depend on which SDK was loaded.
 */
import type { ProviderName } from '../types.js';

export type FailureKind = 'http' | 'connection' | 'timeout' | 'malformed';

export class ProviderCallError extends Error {
  override readonly name = 'ProviderCallError';
  constructor(
    message: string,
    readonly provider: ProviderName,
    readonly kind: FailureKind,
    readonly status?: number,
    /** From `retry-after-ms` / `retry-after`, when the provider said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Worth another attempt: the same request may succeed later. */
export function isTransient(error: ProviderCallError): boolean {
  if (error.kind !== 'http') return true;
  const status = error.status ?? 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The key, permission or model is wrong for this provider: another provider may still serve the call. */
export function isRejectedConfiguration(error: ProviderCallError): boolean {
  return error.kind === 'http' && (error.status === 401 || error.status === 403 || error.status === 404);
}
