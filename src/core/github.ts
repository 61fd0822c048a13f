import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
// The throttling plugin's own limiter library (`bottleneck/light.js` is the same code without Redis clustering).
import Bottleneck from 'bottleneck';
import { errorMessage } from './errors.js';
import { describeGitHubError } from './github-errors.js';
import * as runner from './runner-protocol.js';
import { outbound, type OutboundGate } from './outbound-gate.js';

/**
 * Octokit with the REST methods, pagination, retries and rate-limit handling. Built from @octokit/core and
 * its plugins rather than @actions/github, whose proxy-aware HTTP client (undici) is most of its weight;
 * requests go through Node's own fetch.
 */
const GitHubOctokit = Octokit.plugin(restEndpointMethods, paginateRest, announceRetries, retry, throttling);
export type GitHub = InstanceType<typeof GitHubOctokit>;

/**
 * Says so when a request failed and is about to be retried, so a run against an unreachable API is not
 * silent through the retries' backoff (1 + 4 + 9 s). Registered before the retry plugin, so its hook runs
 * on every attempt; it only reports, the retry plugin decides.
 */
function announceRetries(octokit: Octokit, options: { announce?: (message: string) => void; retry?: { retries?: number } }) {
  const announce = options.announce;
  if (!announce) return;
  octokit.hook.error('request', (error, request) => {
    const facts = describeGitHubError(error);
    const settings = (request.request ?? {}) as { retries?: number; retryCount?: number };
    const retries = settings.retries ?? options.retry?.retries ?? 3;
    const attempt = (settings.retryCount ?? 0) + 1;
    if (facts.kind === 'transient' && !facts.rateLimit && attempt <= retries) {
      const host = hostOf(request.baseUrl ?? '');
      const what = facts.answered ? `answered ${facts.status ?? 'an error'}` : `did not answer (${errorMessage(error).split('\n')[0] ?? ''})`;
      announce(
        `GitHub API at ${host} ${what} for ${request.method} ${request.url}; trying again in ${attempt * attempt}s (attempt ${attempt + 1} of ${retries + 1})`,
      );
    }
    throw error;
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export interface GitHubClientOptions {
  token: string;
  /** REST base URL; on a runner this is GITHUB_API_URL. */
  baseUrl: string;
  log?: (message: string) => void;
  /** Where "no answer, trying again" notices go (default: the step log), so a long wait is never silent. */
  announce?: (message: string) => void;
  /** Waits longer than this (seconds) are not worth a job's time: the request fails and the run ends neutral. */
  maxRateLimitWaitSeconds?: number;
  /** Retries for failed idempotent requests (5xx, network). */
  retries?: number;
  /** The gate every write passes (secrets redacted, Markdown policy); the run's own unless a test brings one. */
  gate?: OutboundGate;
}

/**
 * POSTs that are safe to repeat: adding labels or assignees, creating a label (a repeat answers 422
 * already_exists, which the caller treats as done), statuses and git objects converge on the same state. Every other POST (create an issue, a PR, a comment) and a merge are never retried blindly: a 502
 * may arrive after GitHub did the work, so the caller re-reads and decides.
 */
const IDEMPOTENT_POST = [/\/labels$/, /\/issues\/[^/]+\/assignees$/, /\/statuses\/[^/]+$/, /\/git\/(blobs|trees|commits)$/];

/** GitHub's GraphQL endpoint: `/graphql` on github.com, `https://HOST/api/graphql` (a full URL) on GitHub Enterprise. */
export function isGraphqlUrl(url: string): boolean {
  const path = url.split('?')[0] ?? url;
  return path === '/graphql' || /^https?:\/\/[^/]+\/api\/graphql$/.test(path);
}

/** A GraphQL document that changes something (`mutation …`, after any comments): like a POST, never repeated blindly. */
export function isGraphqlMutation(query: unknown): boolean {
  return typeof query === 'string' && /^(?:\s|#[^\n]*\n)*mutation\b/.test(query);
}

export function isRetryableRequest(method: string, url: string, query?: unknown): boolean {
  // The hook sees URL templates (`/repos/{owner}/{repo}/pulls/{pull_number}/merge`) as well as paths.
  const path = url.split('?')[0] ?? url;
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'PATCH') return true;
  if (method === 'PUT') return !/\/pulls\/[^/]+\/merge$/.test(path);
  // A GraphQL query only reads; a mutation (createDiscussion) may have taken effect before a 502.
  if (method === 'POST' && isGraphqlUrl(url)) return !isGraphqlMutation(query);
  if (method === 'POST') return IDEMPOTENT_POST.some((pattern) => pattern.test(path));
  return false;
}

/**
 * The throttling plugin spaces writes a second apart because github.com enforces secondary rate limits on
 * bursts of content creation. A server on this machine (an emulator, a local GitHub Enterprise test
 * instance) has no such limit, so there the spacing is dropped; rate-limit answers are still honoured.
 */
export function isLoopbackApi(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

function unspacedGroups(): Record<string, Bottleneck.Group> {
  const group = (id: string) => new Bottleneck.Group({ id, maxConcurrent: 1, minTime: 0 });
  return { write: group('agentic-write'), search: group('agentic-search'), notifications: group('agentic-notifications') };
}

/**
 * The one place a GitHub client is built: base URL from the runner, retry and throttling plugins, safe retries,
 * and the outbound gate on every request, so no writer can post around it.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHub {
  const log = options.log ?? (() => undefined);
  const gate = options.gate ?? outbound;
  gate.hold(options.token);
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const octokit = new GitHubOctokit({
    auth: options.token,
    userAgent: 'agentic-workflow',
    baseUrl: options.baseUrl,
    retry: { retries: options.retries ?? 3 },
    announce: options.announce ?? ((message: string) => runner.info(message)),
    throttle: {
      ...(isLoopbackApi(options.baseUrl) ? unspacedGroups() : {}),
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log(`GitHub rate limit reached for ${request.method} ${request.url}; retry after ${retryAfter}s`);
        return retryAfter <= maxWait && retryCount < 2;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log(`GitHub secondary rate limit for ${request.method} ${request.url}; retry after ${retryAfter}s`);
        return retryAfter <= maxWait && retryCount < 2;
      },
    },
  });
  octokit.hook.before('request', (request) => {
    gate.guardRequest(request);
    if (!isRetryableRequest(request.method, request.url, request.query)) {
      request.request = { ...request.request, retries: 0 };
    }
  });
  return octokit;
}
