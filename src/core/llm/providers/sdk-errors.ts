/** Translation of an SDK failure (openai or @anthropic-ai/sdk share the Stainless error classes) into ProviderCallError. */
import { isRecord } from '../../is-record.js';
import type { ProviderName } from '../types.js';
import { ProviderCallError } from './provider-call-error.js';

/** The constructors both SDKs export; passed in because the SDK module is loaded lazily. */
export interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => Error;
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
}

interface HeadersLike {
  get(name: string): string | null;
}

const MAX_DETAIL_LENGTH = 300;

export function toProviderCallError(error: unknown, provider: ProviderName, classes: SdkErrorClasses, apiKey: string | undefined): unknown {
  if (error instanceof ProviderCallError) return error;
  if (error instanceof classes.APIConnectionTimeoutError) {
    return new ProviderCallError(`${provider} did not answer before the timeout`, provider, 'timeout');
  }
  if (error instanceof classes.APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ProviderCallError(redactSecrets(`${provider} could not be reached${cause}`, apiKey), provider, 'connection');
  }
  if (error instanceof classes.APIError) {
    const status = readNumber(error, 'status');
    if (status === undefined) {
      return new ProviderCallError(redactSecrets(`${provider} request failed: ${error.message}`, apiKey), provider, 'connection');
    }
    const headers = readHeaders(error);
    const detail = redactSecrets(apiErrorDetail(error), apiKey);
    return new ProviderCallError(
      `${provider} returned HTTP ${status}${detail ? `: ${detail}` : ''}`,
      provider,
      'http',
      status,
      headers ? retryAfterMs(headers) : undefined,
    );
  }
  // The SDKs hand a response body that is not JSON to JSON.parse (content-type json) and surface the SyntaxError.
  if (error instanceof SyntaxError) {
    return new ProviderCallError(`${provider} sent a response body that is not valid JSON (${error.message})`, provider, 'malformed');
  }
  return error;
}

/** The provider's own message, not the SDK's wrapper: OpenAI nests it at `error.message`, Anthropic at `error.error.message`. */
function apiErrorDetail(error: Error): string {
  const body: unknown = (error as { error?: unknown }).error;
  const inner = isRecord(body) && isRecord(body.error) ? body.error : body;
  let text = error.message.replace(/^\d{3}\s+/, '');
  if (isRecord(inner)) {
    const kind = typeof inner.type === 'string' ? inner.type : typeof inner.code === 'string' ? inner.code : undefined;
    const message = typeof inner.message === 'string' ? inner.message : undefined;
    if (message !== undefined) text = kind ? `${kind}: ${message}` : message;
  }
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}

/** `retry-after-ms` (OpenAI) wins over `retry-after`, which is seconds or an HTTP date. */
export function retryAfterMs(headers: HeadersLike, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0 && /^\s*[\d.]+\s*$/.test(value)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Providers and gateways sometimes echo the key they rejected. The configured key is removed verbatim,
 * and anything shaped like a provider key (`sk-…`, `sk-ant-…`, `sk-proj-…`) with it.
 */
export function redactSecrets(text: string, apiKey: string | undefined): string {
  let result = text;
  if (apiKey && apiKey.length >= 4) result = result.split(apiKey).join('[redacted]');
  return result.replace(/\bsk-[A-Za-z0-9_-]{8,}/g, '[redacted]');
}

function readNumber(value: object, key: string): number | undefined {
  const field: unknown = (value as Record<string, unknown>)[key];
  return typeof field === 'number' ? field : undefined;
}

function readHeaders(value: object): HeadersLike | undefined {
  const headers: unknown = (value as Record<string, unknown>).headers;
  return isRecord(headers) && typeof headers.get === 'function' ? (headers as unknown as HeadersLike) : undefined;
}
