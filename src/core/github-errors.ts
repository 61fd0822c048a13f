/**
 * The one reading of a failed GitHub call. Octokit throws a `RequestError` (status, response headers and
 * body); a dropped connection arrives as a `RequestError` with status 500 and no response, an aborted
 * request as an `AbortError` with status 500. Everything that decides "retry later, give up, or treat as
 * absent" asks this module, so the classification below is the single source of truth for it.
 */
import { RequestError } from '@octokit/request-error';
import { asRecord } from './is-record.js';

export type GitHubErrorKind =
  /** Worth trying again later: 5xx, timeouts, network errors, a secondary rate limit. */
  | 'transient'
  /** GitHub refused the request itself (400, 410 aside from not-found, other 4xx): repeating it cannot help. */
  | 'permanent'
  /** 404 or 410: the object is not there (or the token may not see it, which GitHub answers the same way). */
  | 'not-found'
  /** 409: the state moved under the request (a merge with a stale head sha, an empty repository). */
  | 'conflict'
  /** 403 that is not a rate limit: the token lacks a permission. */
  | 'forbidden'
  /** 401: bad credentials. */
  | 'unauthorized'
  /** 422: the request was understood and rejected (already exists, invalid field). */
  | 'validation'
  /** The primary rate limit is spent (`x-ratelimit-remaining: 0`); it resets at `rateLimit.resetAt`. */
  | 'rate-limited';

export interface RateLimitFacts {
  /** Primary: the hourly quota is spent. Secondary: GitHub throttled a burst and asks to wait a little. */
  kind: 'primary' | 'secondary';
  /** From `x-ratelimit-reset` (primary limits). */
  resetAt?: Date;
}

export interface ValidationItem {
  code?: string;
  field?: string;
  resource?: string;
  message?: string;
}

export interface GitHubErrorFacts {
  kind: GitHubErrorKind;
  /** The HTTP status the error carries (Octokit reports network failures as 500); undefined for non-HTTP errors. */
  status: number | undefined;
  /** Whether GitHub answered at all: false for network errors, timeouts and aborts. */
  answered: boolean;
  /** GitHub's own message from a JSON error body, one line, at most 200 characters; '' when there is none. */
  message: string;
  /** Seconds from `retry-after`, when GitHub sent one. */
  retryAfterSeconds?: number;
  rateLimit?: RateLimitFacts;
  /** The `errors` array of a 422 body. */
  errors: ValidationItem[];
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const NETWORK_MESSAGE = /fetch failed|socket hang up|network error|timed? ?out|ECONNRESET|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT/i;

/** The status an error carries: a `RequestError`'s, or any error object's numeric `status` (an `AbortError` from Octokit). */
function statusOf(error: unknown): number | undefined {
  if (error instanceof RequestError) return error.status;
  const status = asRecord(error)?.status;
  return typeof status === 'number' ? status : undefined;
}

function response(error: unknown): { headers: Record<string, unknown>; data: unknown } | undefined {
  const value = asRecord(asRecord(error)?.response);
  return value ? { headers: asRecord(value.headers) ?? {}, data: value.data } : undefined;
}

/** Walks the `cause` chain (fetch wraps the socket error in `TypeError: fetch failed`). */
function isNetworkFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const value = asRecord(current);
    if (!value) return typeof current === 'string' && NETWORK_MESSAGE.test(current);
    if (typeof value.code === 'string' && NETWORK_CODES.has(value.code)) return true;
    if (value.name === 'AbortError' || value.name === 'TimeoutError' || value.name === 'ConnectTimeoutError') return true;
    if (typeof value.message === 'string' && NETWORK_MESSAGE.test(value.message)) return true;
    current = value.cause;
  }
  return false;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** `retry-after` is seconds or an HTTP date. */
function retryAfter(headers: Record<string, unknown>, now: number): number | undefined {
  const value = header(headers, 'retry-after');
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function bodyMessage(data: unknown): string {
  const message = asRecord(data)?.message;
  return typeof message === 'string' ? message.replace(/[\r\n]+/g, ' ').slice(0, 200) : '';
}

function validationItems(data: unknown): ValidationItem[] {
  const errors = asRecord(data)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((item) => {
    const value = asRecord(item) ?? {};
    const text = (key: string) => (typeof value[key] === 'string' ? value[key] : undefined);
    return { code: text('code'), field: text('field'), resource: text('resource'), message: text('message') };
  });
}

/**
 * Which rate limit a 403/429 is, following GitHub's documentation and the throttling plugin: an exhausted
 * quota (`x-ratelimit-remaining: 0`) is primary; "secondary rate limit" in the message, a `retry-after`
 * header, or a bare 429 is secondary; a 403 whose message only says "rate limit" is primary.
 */
function rateLimitOf(status: number, headers: Record<string, unknown>, text: string, retry: number | undefined): RateLimitFacts | undefined {
  if (status !== 403 && status !== 429) return undefined;
  if (/\bsecondary rate\b/i.test(text)) return { kind: 'secondary' };
  if (header(headers, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0 ? { kind: 'primary', resetAt: new Date(reset * 1000) } : { kind: 'primary' };
  }
  if (retry !== undefined || status === 429) return { kind: 'secondary' };
  if (/rate limit/i.test(text)) return { kind: 'primary' };
  return undefined;
}

function kindOf(status: number | undefined, answered: boolean, rateLimit: RateLimitFacts | undefined, network: boolean): GitHubErrorKind {
  if (rateLimit) return rateLimit.kind === 'primary' ? 'rate-limited' : 'transient';
  if (status === undefined) return network ? 'transient' : 'permanent';
  if (!answered && (status >= 500 || network)) return 'transient';
  if (status >= 500 || status === 408) return 'transient';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'validation';
  return 'permanent';
}

/** Pure (apart from reading the clock for an HTTP-date `retry-after`). Accepts anything a `catch` can hold. */
export function describeGitHubError(error: unknown, now: number = Date.now()): GitHubErrorFacts {
  const status = statusOf(error);
  const answer = response(error);
  const headers = answer?.headers ?? {};
  const message = bodyMessage(answer?.data);
  const errorText = error instanceof Error ? error.message : '';
  const retryAfterSeconds = answer ? retryAfter(headers, now) : undefined;
  const rateLimit = status === undefined ? undefined : rateLimitOf(status, headers, `${message} ${errorText}`, retryAfterSeconds);
  const network = !answer && isNetworkFailure(error);
  return {
    kind: kindOf(status, answer !== undefined, rateLimit, network),
    status,
    answered: answer !== undefined,
    message,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(rateLimit ? { rateLimit } : {}),
    errors: validationItems(answer?.data),
  };
}

/** The HTTP status of a failed GitHub call, for the places that act on one exact code (a 404 on a ref read). */
export function gitHubStatus(error: unknown): number | undefined {
  return statusOf(error);
}

/** A 422 that says the object already exists (a label or ref another run created first): the write converged. */
export function isAlreadyExists(error: unknown): boolean {
  const facts = describeGitHubError(error);
  return facts.kind === 'validation' && facts.errors.some((item) => item.code === 'already_exists');
}

/**
 * How many times the request was sent before this error: the retry plugin records the retries it was allowed
 * on the request it gives up on (0 for writes that are never repeated blindly); 1 when it did not retry.
 */
export function attemptsOf(error: unknown): number {
  const retries = asRecord(asRecord(asRecord(error)?.request)?.request)?.retries;
  return typeof retries === 'number' && retries > 0 ? Math.floor(retries) + 1 : 1;
}

const TIMES = ['', '', ' twice', ' three times', ' four times', ' five times'];

function times(count: number): string {
  return TIMES[count] ?? ` ${count} times`;
}

/** What GitHub said, for a person: "GitHub answered 502 three times", "GitHub did not answer twice". */
export function describeAnswer(error: unknown, attempts: number = attemptsOf(error)): string {
  const facts = describeGitHubError(error);
  if (facts.rateLimit?.kind === 'secondary') return "GitHub's secondary rate limit refused it";
  if (facts.rateLimit?.kind === 'primary')
    return `GitHub's API rate limit for this token is spent${facts.rateLimit.resetAt ? ` until ${facts.rateLimit.resetAt.toISOString().slice(11, 16)} UTC` : ''}`;
  if (!facts.answered && facts.kind === 'transient') return `GitHub did not answer${times(attempts)}`;
  const said = facts.message ? ` (${facts.message})` : '';
  return `GitHub answered ${facts.status ?? 'an error'}${said}${times(attempts)}`;
}

/** Whether waiting and repeating the same request can succeed: the failures a later run finishes by itself. */
export function isResumable(error: unknown): boolean {
  const kind = describeGitHubError(error).kind;
  return kind === 'transient' || kind === 'rate-limited';
}
