import { RequestError } from '@octokit/request-error';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { describeGitHubError, gitHubStatus, isAlreadyExists } from '../../src/core/github-errors.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

function requestError(status: number, data: unknown, headers: Record<string, string> = {}): RequestError {
  const message = typeof data === 'object' && data !== null && 'message' in data ? String(data.message) : `HTTP ${status}`;
  return new RequestError(message, status, {
    request: { method: 'GET', url: 'https://api.github.com/repos/acme/widgets', headers: {} },
    response: { status, url: 'https://api.github.com/repos/acme/widgets', headers, data },
  });
}

describe('classifying a failed GitHub call', () => {
  it('tells a 403 primary rate limit from a 403 forbidden', () => {
    const reset = String(NOW / 1000 + 600);
    const limited = describeGitHubError(
      requestError(403, { message: 'API rate limit exceeded for installation ID 1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
      NOW,
    );
    expect(limited).toMatchObject({ kind: 'rate-limited', status: 403, rateLimit: { kind: 'primary', resetAt: new Date(NOW + 600_000) } });
    const forbidden = describeGitHubError(requestError(403, { message: 'Resource not accessible by integration' }, { 'x-ratelimit-remaining': '4999' }), NOW);
    expect(forbidden).toMatchObject({ kind: 'forbidden', status: 403, message: 'Resource not accessible by integration' });
    expect(forbidden.rateLimit).toBeUndefined();
  });

  it('treats a secondary rate limit as transient, from its message or its retry-after', () => {
    const byMessage = describeGitHubError(requestError(403, { message: 'You have exceeded a secondary rate limit. Please wait.' }), NOW);
    expect(byMessage).toMatchObject({ kind: 'transient', rateLimit: { kind: 'secondary' } });
    const byHeader = describeGitHubError(requestError(429, { message: 'Too many requests' }, { 'retry-after': '30' }), NOW);
    expect(byHeader).toMatchObject({ kind: 'transient', retryAfterSeconds: 30, rateLimit: { kind: 'secondary' } });
    const byDate = describeGitHubError(requestError(403, {}, { 'retry-after': new Date(NOW + 90_000).toUTCString() }), NOW);
    expect(byDate).toMatchObject({ kind: 'transient', retryAfterSeconds: 90 });
  });

  it('gives 401, 404, 409, 410 and 422 their own meaning', () => {
    expect(describeGitHubError(requestError(401, { message: 'Bad credentials' })).kind).toBe('unauthorized');
    expect(describeGitHubError(requestError(404, { message: 'Not Found' })).kind).toBe('not-found');
    expect(describeGitHubError(requestError(410, { message: 'This issue was deleted' })).kind).toBe('not-found');
    expect(describeGitHubError(requestError(409, { message: 'Head branch was modified' })).kind).toBe('conflict');
    const invalid = describeGitHubError(
      requestError(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] }),
    );
    expect(invalid).toMatchObject({ kind: 'validation', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
  });

  it('recognises a 422 "already exists" and nothing else as a converged write', () => {
    expect(isAlreadyExists(requestError(422, { message: 'Validation Failed', errors: [{ code: 'already_exists' }] }))).toBe(true);
    expect(isAlreadyExists(requestError(422, { message: 'Validation Failed', errors: [{ code: 'invalid' }] }))).toBe(false);
    expect(isAlreadyExists(requestError(409, { message: 'x', errors: [{ code: 'already_exists' }] }))).toBe(false);
  });

  it('calls 5xx transient and other 4xx permanent', () => {
    expect(describeGitHubError(requestError(502, '<html>Bad Gateway</html>'))).toMatchObject({ kind: 'transient', status: 502, message: '', answered: true });
    expect(describeGitHubError(requestError(503, { message: 'unavailable' })).kind).toBe('transient');
    expect(describeGitHubError(requestError(400, { message: 'Problems parsing JSON' })).kind).toBe('permanent');
  });

  it("keeps GitHub's message to one line of at most 200 characters", () => {
    const facts = describeGitHubError(requestError(422, { message: `first\nsecond ${'x'.repeat(300)}` }));
    expect(facts.message).not.toContain('\n');
    expect(facts.message.length).toBe(200);
  });

  it('calls network failures transient and errors that are not HTTP at all permanent', () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    expect(describeGitHubError(reset)).toMatchObject({ kind: 'transient', status: undefined, answered: false });
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND' });
    expect(describeGitHubError(dns).kind).toBe('transient');
    const aborted = Object.assign(new DOMException('This operation was aborted', 'AbortError'), { status: 500 });
    expect(describeGitHubError(aborted)).toMatchObject({ kind: 'transient', status: 500, answered: false });
    expect(describeGitHubError(new TypeError("Cannot read properties of undefined (reading 'sha')")).kind).toBe('permanent');
    expect(describeGitHubError('a string').kind).toBe('permanent');
    expect(gitHubStatus(undefined)).toBeUndefined();
  });
});

describe('classifying what the real client throws', () => {
  let gh: GitHubEmulator;
  beforeEach(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
  });
  afterEach(async () => gh.close());

  it('reads a 404 and a 409 from Octokit as not-found and conflict', async () => {
    const client = createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl, retries: 0 });
    const missing = await client.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 999 }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(RequestError);
    expect(describeGitHubError(missing)).toMatchObject({ kind: 'not-found', status: 404, answered: true });
    gh.faults.add({ method: 'GET', path: '/repos/acme/widgets', status: 409, body: JSON.stringify({ message: 'Git Repository is empty.' }) });
    const empty = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' }).catch((error: unknown) => error);
    expect(describeGitHubError(empty)).toMatchObject({ kind: 'conflict', status: 409, message: 'Git Repository is empty.' });
  });

  it('reads a refused connection from Octokit as transient', async () => {
    const address = gh.apiUrl;
    await gh.close();
    const client = createGitHubClient({ token: 'x', baseUrl: address, retries: 0 });
    const failure = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestError);
    expect(describeGitHubError(failure)).toMatchObject({ kind: 'transient', status: 500, answered: false });
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
  });
});
