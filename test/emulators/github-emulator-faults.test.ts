import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const owner = 'acme';
const repo = 'widgets';
const r = { owner, repo };
const issuesPath = '/repos/acme/widgets/issues';

let gh: GitHubEmulator;

beforeEach(async () => {
  gh = await startGitHubEmulator({ owner, repo });
});

afterEach(async () => {
  await gh.close();
});

describe('fault injection', () => {
  it('answers a 502 with an HTML body once; plugin-retry recovers', async () => {
    gh.state.addIssue({ title: 'x' });
    const fault = gh.faults.add({ method: 'GET', path: issuesPath, status: 502 });
    const plain = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
    const failure = await plain.rest.issues
      .listForRepo(r)
      .catch((error: { status: number; response: { data: unknown; headers: Record<string, string> } }) => error);
    expect(failure).toMatchObject({ status: 502, response: { headers: { 'content-type': 'text/html; charset=utf-8' } } });
    expect(String((failure as { response: { data: unknown } }).response.data)).toContain('<html>');
    expect(fault.hits).toBe(1);

    gh.faults.add({ method: 'GET', path: issuesPath, status: 502 });
    const retrying = getOctokit(gh.botToken, { baseUrl: gh.apiUrl, retry: { retryAfterBaseValue: 10 } }, retry);
    const listed = await retrying.rest.issues.listForRepo(r);
    expect(listed.data).toHaveLength(1);
    expect(gh.requests.slice(-2).map((entry) => entry.status)).toEqual([502, 200]);
    expect(gh.faults.pending()).toEqual([]);
  });

  it('lets the first matching requests through with skip, then fails the next ones', async () => {
    gh.state.addIssue({ title: 'x' });
    const fault = gh.faults.add({ method: 'GET', path: issuesPath, status: 502, skip: 2, times: 1 });
    const plain = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
    for (let i = 0; i < 2; i++) expect((await plain.rest.issues.listForRepo(r)).status).toBe(200);
    await expect(plain.rest.issues.listForRepo(r)).rejects.toMatchObject({ status: 502 });
    expect((await plain.rest.issues.listForRepo(r)).status).toBe(200);
    expect(fault.hits).toBe(1);
  });

  it('sends a secondary rate limit with retry-after, which plugin-throttling honours', async () => {
    gh.faults.add({ method: 'GET', path: /^\/repos\/acme\/widgets$/, status: 403 });
    const waits: number[] = [];
    const octokit = getOctokit(
      gh.botToken,
      {
        baseUrl: gh.apiUrl,
        throttle: {
          onSecondaryRateLimit: (retryAfter: number) => {
            waits.push(retryAfter);
            return true;
          },
          onRateLimit: () => false,
        },
      },
      throttling,
    );
    const started = Date.now();
    const response = await octokit.rest.repos.get(r);
    expect(response.status).toBe(200);
    expect(waits).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(gh.requests.map((entry) => entry.status)).toEqual([403, 200]);
  });

  it('exhausts the primary rate limit; plugin-throttling waits for the reset', async () => {
    gh.rateLimits.set('github-actions[bot]', 'core', { remaining: 0, resetInSeconds: 1 });
    const waits: number[] = [];
    const octokit = getOctokit(
      gh.botToken,
      {
        baseUrl: gh.apiUrl,
        throttle: {
          retryAfterBaseValue: 600,
          onSecondaryRateLimit: () => false,
          onRateLimit: (retryAfter: number) => {
            waits.push(retryAfter);
            return true;
          },
        },
      },
      throttling,
    );
    const response = await octokit.rest.repos.get(r);
    expect(response.status).toBe(200);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(gh.requests[0]).toMatchObject({ status: 403 });
  });

  it('lets a write take effect and then fails it, so a rerun must find the PR instead of opening another', async () => {
    gh.state.commitFiles('automated/1-fix', { 'fix.txt': 'fixed\n' });
    const bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
    gh.faults.add({ method: 'POST', path: '/repos/acme/widgets/pulls', applyThenFail: true });
    await expect(bot.rest.pulls.create({ ...r, head: 'automated/1-fix', base: 'main', title: 'Fix' })).rejects.toMatchObject({ status: 502 });
    expect(gh.state.pulls.size).toBe(1);
    await expect(bot.rest.pulls.create({ ...r, head: 'automated/1-fix', base: 'main', title: 'Fix' })).rejects.toMatchObject({ status: 422 });
    const open = await bot.rest.pulls.list({ ...r, head: 'acme:automated/1-fix', state: 'open' });
    expect(open.data).toHaveLength(1);
  });

  it('delays, truncates and replaces response bodies', async () => {
    const bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
    gh.faults.add({ path: '/repos/acme/widgets', delayMs: 300 });
    const started = Date.now();
    await bot.rest.repos.get(r);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    gh.faults.add({ path: '/repos/acme/widgets', truncate: true });
    const truncated = await bot.rest.repos.get(r);
    expect(typeof truncated.data).toBe('string');
    expect(() => JSON.parse(truncated.data as unknown as string)).toThrow();

    gh.faults.add({ path: '/repos/acme/widgets', body: '{"message": "not what you expected"' });
    const malformed = await bot.rest.repos.get(r);
    expect(malformed.data).toBe('{"message": "not what you expected"');

    gh.faults.add({ path: '/repos/acme/widgets', headers: { 'x-ratelimit-remaining': '3' } });
    const withHeader = await bot.rest.repos.get(r);
    expect(withHeader.headers['x-ratelimit-remaining']).toBe('3');
    expect(withHeader.data.full_name).toBe('acme/widgets');

    gh.faults.add({ path: '/repos/acme/widgets', status: 429, times: 2 });
    await expect(bot.rest.repos.get(r)).rejects.toMatchObject({ status: 429, response: { headers: { 'retry-after': '1' } } });
    await expect(bot.rest.repos.get(r)).rejects.toMatchObject({ status: 429 });
    await expect(bot.rest.repos.get(r)).resolves.toMatchObject({ status: 200 });
  });
});
