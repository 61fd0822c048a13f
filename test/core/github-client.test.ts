import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, isRetryableRequest } from '../../src/core/github.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

describe('which requests may be retried', () => {
  it('retries reads and idempotent writes, never creates or merges', () => {
    expect(isRetryableRequest('GET', '/repos/{owner}/{repo}/issues')).toBe(true);
    expect(isRetryableRequest('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}')).toBe(true);
    expect(isRetryableRequest('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels')).toBe(true);
    expect(isRetryableRequest('POST', '/repos/{owner}/{repo}/labels')).toBe(true);
    expect(isRetryableRequest('POST', '/repos/{owner}/{repo}/git/blobs')).toBe(true);
    expect(isRetryableRequest('POST', '/repos/{owner}/{repo}/issues')).toBe(false);
    expect(isRetryableRequest('POST', '/repos/{owner}/{repo}/pulls')).toBe(false);
    expect(isRetryableRequest('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(false);
    expect(isRetryableRequest('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge')).toBe(false);
    expect(isRetryableRequest('PUT', '/repos/acme/widgets/pulls/7/merge')).toBe(false);
  });

  it('retries a GraphQL query, never a mutation, on github.com and on GitHub Enterprise', () => {
    const query = 'query Categories($owner: String!) { repository(owner: $owner, name: "x") { id } }';
    const mutation = '# the report\nmutation Create($body: String!) { createDiscussion(input: {}) { discussion { id } } }';
    for (const url of ['/graphql', 'https://ghe.example.com/api/graphql']) {
      expect(isRetryableRequest('POST', url, query), url).toBe(true);
      expect(isRetryableRequest('POST', url, mutation), url).toBe(false);
    }
    // A REST path that merely ends in graphql is not the GraphQL endpoint.
    expect(isRetryableRequest('POST', '/repos/{owner}/{repo}/issues/graphql', query)).toBe(false);
  });
});

describe('the GitHub client against the emulator', () => {
  let gh: GitHubEmulator;
  beforeEach(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
  });
  afterEach(async () => gh.close());

  const client = () => createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl });

  it('takes its base URL from the runner and retries a read after a 502', async () => {
    gh.faults.add({ method: 'GET', path: '/repos/acme/widgets', status: 502 });
    const { data } = await client().rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(data.full_name).toBe('acme/widgets');
    expect(gh.countRequests({ method: 'GET', path: '/repos/acme/widgets' })).toBe(2);
  });

  it('does not repeat an issue creation that took effect before the 502', async () => {
    gh.faults.add({ method: 'POST', path: '/repos/acme/widgets/issues', applyThenFail: true });
    await expect(client().rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'once' })).rejects.toMatchObject({ status: 502 });
    expect(gh.countRequests({ method: 'POST', path: '/repos/acme/widgets/issues' })).toBe(1);
    const { data } = await client().rest.issues.listForRepo({ owner: 'acme', repo: 'widgets' });
    expect(data.map((issue) => issue.title)).toEqual(['once']);
  });

  it('honours a secondary rate limit with retry-after', async () => {
    gh.faults.add({ method: 'GET', path: '/repos/acme/widgets/labels', status: 403, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const { data } = await client().rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'widgets' });
    expect(Array.isArray(data)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
