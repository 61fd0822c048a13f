/**
 * The one reading of a failure for people: every error an action or the CLI ends with becomes one line
 * that says what failed and what to do, and a category (the heading of the job summary, and the anchor
 * in docs/troubleshooting.md). Only a real bug is an internal error; its stack is for debug logging.
 */
import { describeGitHubError } from './github-errors.js';
import { asRecord } from './is-record.js';
import { BudgetExceededError, ConfigurationError, TransientError } from './errors.js';
import { InputTooLargeError, ModelConfigurationError, ModelOutputError, ModelRequestError, ModelUnavailableError } from './llm/model-errors.js';

export const FAILURE_CATEGORIES = [
  'configuration',
  'usage',
  'github-credentials',
  'github-permission',
  'github-not-found',
  'github-rate-limit',
  'github-unreachable',
  'github-unavailable',
  'github-rejected',
  'model-configuration',
  'model-unavailable',
  'model-error',
  'budget',
  'internal',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

export interface FailureReport {
  category: FailureCategory;
  /** One line: what failed and what to do (a policy file's problems: one line each). Secrets are redacted. */
  message: string;
  /** The stack, redacted; shown only with debug logging. */
  trace: string;
}

interface HttpErrorShape {
  status?: number;
  request?: { method?: string; url?: string };
}

/** An Octokit `HttpError` (or `AbortError`) carries the request it was answering. */
function gitHubRequest(error: unknown): { method: string; url: URL } | undefined {
  const request = asRecord((error as HttpErrorShape | undefined)?.request);
  if (!request || typeof request.url !== 'string') return undefined;
  try {
    return { method: typeof request.method === 'string' ? request.method : 'GET', url: new URL(request.url) };
  } catch {
    return undefined;
  }
}

/** `/repos/o/r/pulls/7/files` → "pull request #7 in o/r"; the object a 404 is about, in words. */
export function describeResource(path: string): string {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'users' && parts[1]) return `account ${parts[1]}`;
  if (parts[0] !== 'repos' || !parts[1] || !parts[2]) return path;
  const repo = `${parts[1]}/${parts[2]}`;
  const [kind, id] = [parts[3], parts[4]];
  if (kind === undefined) return `repository ${repo}`;
  if (kind === 'pulls' && id && /^\d+$/.test(id)) return `pull request #${id} in ${repo}`;
  if (kind === 'issues' && id && /^\d+$/.test(id)) return `issue or pull request #${id} in ${repo}`;
  if (kind === 'contents') return `${parts.slice(4).join('/') || 'the root folder'} in ${repo}`;
  if (kind === 'branches' && id) return `branch ${parts.slice(4).join('/')} in ${repo}`;
  if (kind === 'git' && id === 'ref') return `ref ${parts.slice(5).join('/')} in ${repo}`;
  return `${parts.slice(3).join('/')} in ${repo}`;
}

/** The fine-grained permission a REST path needs (the workflow's `permissions:` key). */
export function permissionFor(method: string, path: string): string {
  const kind = path.split('/').filter(Boolean)[3] ?? '';
  const access = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  const name =
    /\/pulls\/\d+\/merge$/.test(path) || ['contents', 'git', 'branches', 'commits', 'merges', 'compare'].includes(kind)
      ? 'contents'
      : kind === 'pulls'
        ? 'pull-requests'
        : ['issues', 'labels', 'milestones'].includes(kind)
          ? 'issues'
          : ['check-runs', 'check-suites'].includes(kind)
            ? 'checks'
            : kind === 'statuses'
              ? 'statuses'
              : kind === 'actions'
                ? 'actions'
                : 'metadata';
  return `${name}: ${access}`;
}

/** Why a request got no answer: the socket error's code, found in the `cause` chain. */
function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const value = asRecord(current);
    if (typeof value?.code === 'string' && /^E[A-Z]+$|^UND_ERR/.test(value.code)) return value.code;
    current = value?.cause;
  }
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'no answer';
}

function gitHubFailure(error: unknown): { category: FailureCategory; message: string } | undefined {
  const request = gitHubRequest(error);
  if (!request) return undefined;
  const facts = describeGitHubError(error);
  // GitHub Enterprise Server serves the REST API under /api/v3.
  const path = request.url.pathname.replace(/^\/api\/v3(?=\/)/, '');
  const call = `${request.method} ${path}`;
  const said = facts.message ? ` ${facts.message}` : '';
  switch (facts.kind) {
    case 'unauthorized':
      return {
        category: 'github-credentials',
        message: `GitHub rejected the token (401${said}) for ${call}: check the github-token input (the GITHUB_TOKEN secret, or a personal access token that has not expired; locally, the GITHUB_TOKEN environment variable)`,
      };
    case 'forbidden':
      return {
        category: 'github-permission',
        message: `GitHub refused ${call} (403${said}): the token lacks ${permissionFor(request.method, path)}; grant it in the workflow's permissions: block (for a personal access token or an App, in its scopes); a pull_request from a fork only gets a read-only token`,
      };
    case 'not-found':
      return {
        category: 'github-not-found',
        message: `GitHub has no ${describeResource(path)} (${facts.status ?? 404}): check the repository name and the number, and that the token can see that repository`,
      };
    case 'rate-limited': {
      const reset = facts.rateLimit?.resetAt ? ` until ${facts.rateLimit.resetAt.toISOString().slice(11, 16)} UTC` : '';
      return { category: 'github-rate-limit', message: `GitHub's API rate limit for this token is spent${reset} (${call}): re-run the job after that` };
    }
    case 'transient':
      if (facts.rateLimit) return { category: 'github-rate-limit', message: `GitHub's secondary rate limit stopped ${call}: re-run the job in a few minutes` };
      if (!facts.answered) {
        return {
          category: 'github-unreachable',
          message: `could not reach the GitHub API at ${request.url.host} (${networkReason(error)}) for ${call}: check the network, the proxy settings and GITHUB_API_URL`,
        };
      }
      return {
        category: 'github-unavailable',
        message: `GitHub answered ${facts.status ?? 'an error'}${said} for ${call}, also on retries: re-run the job later`,
      };
    default:
      return {
        category: 'github-rejected',
        message: `GitHub rejected ${call} (${facts.status ?? '?'}${said}): the object may have changed under the run; re-run the job, and report it if it happens again`,
      };
  }
}

function modelFailure(error: Error): { category: FailureCategory; message: string } | undefined {
  if (error instanceof ModelConfigurationError) return { category: 'model-configuration', message: `the model provider refused the request: ${error.message}` };
  if (error instanceof ModelUnavailableError)
    return { category: 'model-unavailable', message: `${error.message.replace(/\.$/, '')}: re-run the job later, or set fallback-provider` };
  if (error instanceof ModelRequestError || error instanceof ModelOutputError || error instanceof InputTooLargeError) {
    return { category: 'model-error', message: `the model call failed: ${error.message}` };
  }
  return undefined;
}

function classify(error: unknown): { category: FailureCategory; message: string } {
  const github = gitHubFailure(error);
  if (github) return github;
  if (error instanceof Error) {
    const model = modelFailure(error);
    if (model) return model;
    if (error.name === 'UsageError') return { category: 'usage', message: error.message };
    if (error instanceof ConfigurationError) return { category: 'configuration', message: error.message };
    if (error instanceof BudgetExceededError) return { category: 'budget', message: `${error.message}: raise max-cost-usd or lower the run's caps` };
    if (error instanceof TransientError) return { category: 'github-unavailable', message: `${error.message}: re-run the job later` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    category: 'internal',
    message: `internal error: ${text.split('\n')[0] ?? ''} (a bug: re-run with debug logging for the stack trace, and report it)`,
  };
}

/** Pure: what to print. `secrets` are the values that must never appear (tokens, keys). */
export function describeFailure(error: unknown, secrets: readonly string[] = []): FailureReport {
  const { category, message } = classify(error);
  const trace = error instanceof Error ? (error.stack ?? error.message) : String(error);
  // A policy file's problems are listed one a line; every other message is one line.
  const text = category === 'configuration' ? message.trimEnd() : oneLine(message);
  return { category, message: redact(text, secrets), trace: redact(trace, secrets) };
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

// Token shapes GitHub, OpenAI and Anthropic issue, and an Authorization header however it got into a text.
const TOKEN_PATTERNS = [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}\b/g];
const HEADER_PATTERN = /\b(authorization|x-api-key|api-key)(["']?\s*[:=]\s*["']?)(?:token |bearer |basic )?[^\s"',}]+/gi;

/** Replaces every secret value and token-shaped string with `***`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('***');
  for (const pattern of TOKEN_PATTERNS) result = result.replace(pattern, '***');
  return result.replace(HEADER_PATTERN, (_match, name: string, separator: string) => `${name}${separator}***`);
}

/** The secret values a run was given, from the runner's inputs and the CLI's environment. */
export function secretsIn(env: NodeJS.ProcessEnv): string[] {
  const names = [
    'INPUT_GITHUB-TOKEN',
    'INPUT_OPENAI-API-KEY',
    'INPUT_ANTHROPIC-API-KEY',
    'INPUT_SENTRY-TOKEN',
    'GITHUB_TOKEN',
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
  ];
  return names.map((name) => env[name] ?? '').filter((value) => value.trim().length >= 4);
}

/** Debug logging is on when the run was re-run with it (RUNNER_DEBUG), ACTIONS_STEP_DEBUG is set, or the CLI got --debug. */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return env.RUNNER_DEBUG === '1' || env.ACTIONS_STEP_DEBUG === 'true';
}
