import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, ConfigurationError } from '../../src/core/errors.js';
import { debugEnabled, describeFailure, describeResource, FAILURE_CATEGORIES, permissionFor, redact, secretsIn } from '../../src/core/failure.js';
import { ModelConfigurationError, ModelOutputError, ModelUnavailableError } from '../../src/core/llm/model-errors.js';

function requestError(status: number, method: string, path: string, message: string, headers: Record<string, string> = {}): RequestError {
  return new RequestError(message, status, {
    request: { method: method as 'GET', url: `https://api.github.com${path}`, headers: { authorization: 'token ghp_SecretSecretSecretSecret0000' } },
    response: { status, url: `https://api.github.com${path}`, headers, data: { message } },
  });
}

describe('a failure in words', () => {
  it('names the object of a 404 from the request path', () => {
    expect(describeResource('/repos/o/r')).toBe('repository o/r');
    expect(describeResource('/repos/o/r/pulls/7/files')).toBe('pull request #7 in o/r');
    expect(describeResource('/repos/o/r/issues/3/comments')).toBe('issue or pull request #3 in o/r');
    expect(describeResource('/repos/o/r/contents/src/a.ts')).toBe('src/a.ts in o/r');
    expect(describeResource('/repos/o/r/git/ref/heads/main')).toBe('ref heads/main in o/r');
    expect(describeResource('/users/ghost')).toBe('account ghost');
  });

  it('names the permission a refused call needs', () => {
    expect(permissionFor('POST', '/repos/o/r/pulls/1/reviews')).toBe('pull-requests: write');
    expect(permissionFor('PUT', '/repos/o/r/pulls/1/merge')).toBe('contents: write');
    expect(permissionFor('POST', '/repos/o/r/issues/1/labels')).toBe('issues: write');
    expect(permissionFor('POST', '/repos/o/r/check-runs')).toBe('checks: write');
    expect(permissionFor('GET', '/repos/o/r/contents/a')).toBe('contents: read');
  });

  it('turns each GitHub answer into its category and one line with what to do', () => {
    const cases: Array<[RequestError, string, RegExp]> = [
      [
        requestError(401, 'GET', '/repos/o/r', 'Bad credentials'),
        'github-credentials',
        /^GitHub rejected the token \(401 Bad credentials\) for GET \/repos\/o\/r: check the github-token input/,
      ],
      [
        requestError(403, 'POST', '/repos/o/r/issues/1/comments', 'Resource not accessible by integration'),
        'github-permission',
        /the token lacks issues: write; grant it in the workflow's permissions: block/,
      ],
      [requestError(404, 'GET', '/repos/o/r/pulls/9', 'Not Found'), 'github-not-found', /^GitHub has no pull request #9 in o\/r \(404\)/],
      [
        requestError(403, 'GET', '/repos/o/r', 'API rate limit exceeded', {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Date.parse('2026-06-01T12:34:00Z') / 1000),
        }),
        'github-rate-limit',
        /spent until 12:34 UTC/,
      ],
      [
        requestError(502, 'GET', '/repos/o/r', 'Bad gateway'),
        'github-unavailable',
        /^GitHub answered 502 Bad gateway for GET \/repos\/o\/r, also on retries: re-run the job later$/,
      ],
      [
        requestError(422, 'POST', '/repos/o/r/pulls', 'Validation Failed'),
        'github-rejected',
        /^GitHub rejected POST \/repos\/o\/r\/pulls \(422 Validation Failed\)/,
      ],
    ];
    for (const [error, category, message] of cases) {
      const report = describeFailure(error);
      expect(report.category).toBe(category);
      expect(report.message).toMatch(message);
      expect(report.message).not.toContain('ghp_');
      expect(report.message).not.toContain('\n');
    }
  });

  it('names the host when the network never answered', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND ghe.example.com'), { code: 'ENOTFOUND' });
    const error = new RequestError('getaddrinfo ENOTFOUND ghe.example.com', 500, {
      request: { method: 'GET', url: 'https://ghe.example.com/api/v3/repos/o/r', headers: {} },
      cause,
    });
    expect(describeFailure(error)).toMatchObject({
      category: 'github-unreachable',
      message: 'could not reach the GitHub API at ghe.example.com (ENOTFOUND) for GET /repos/o/r: check the network, the proxy settings and GITHUB_API_URL',
    });
  });

  it('keeps configuration, model and budget messages, and calls only a bug internal', () => {
    expect(describeFailure(new ConfigurationError("input 'x' is missing"))).toMatchObject({ category: 'configuration', message: "input 'x' is missing" });
    expect(describeFailure(new ModelConfigurationError('Incorrect API key provided.', 'openai', 401)).category).toBe('model-configuration');
    expect(describeFailure(new ModelUnavailableError('openai is unavailable after 3 attempts.', 'openai', 503)).message).toBe(
      'openai is unavailable after 3 attempts: re-run the job later, or set fallback-provider',
    );
    expect(describeFailure(new ModelOutputError('no match', 'plan', 'x')).category).toBe('model-error');
    expect(describeFailure(new BudgetExceededError('spent $2.10 of $2.00')).category).toBe('budget');
    const bug = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')\nmore"));
    expect(bug.category).toBe('internal');
    expect(bug.message).toBe(
      "internal error: Cannot read properties of undefined (reading 'x') (a bug: re-run with debug logging for the stack trace, and report it)",
    );
    expect(bug.trace).toMatch(/\n\s+at /);
    expect(FAILURE_CATEGORIES).toContain(bug.category);
  });

  it('redacts secret values and token shapes from messages and traces', () => {
    const env = { 'INPUT_GITHUB-TOKEN': 'plain-secret-value', OPENAI_API_KEY: 'sk-proj-abcdefghijklmnopqrstuv' };
    const error = new Error(
      'failed with plain-secret-value and sk-proj-abcdefghijklmnopqrstuv, {"authorization":"token ghs_abcdefghijklmnopqrstuvwx"} github_pat_11AAAAAAA0aaaaaaaaaaaa_bbbbbbbbbb',
    );
    const report = describeFailure(error, secretsIn(env));
    for (const text of [report.message, report.trace]) {
      expect(text).not.toMatch(/plain-secret-value|sk-proj-|ghs_|github_pat_/);
      expect(text).toContain('***');
    }
    expect(redact('Authorization: Bearer abc.def')).toBe('Authorization: ***');
  });

  it('turns debug on from the runner or ACTIONS_STEP_DEBUG only', () => {
    expect(debugEnabled({ RUNNER_DEBUG: '1' })).toBe(true);
    expect(debugEnabled({ ACTIONS_STEP_DEBUG: 'true' })).toBe(true);
    expect(debugEnabled({})).toBe(false);
  });
});
