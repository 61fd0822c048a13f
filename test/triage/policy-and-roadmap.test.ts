import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { loadPolicy } from '../../src/core/policy-file.js';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { parsePolicyText } from '../../src/policy/validate.js';
import { readListings } from '../../src/triage/fetch.js';
import { policyAndRoadmapReader } from '../../src/triage/policy-and-roadmap.js';
import { labelNamesOf, type ListedIssue } from '../../src/triage/snapshot.js';

const repo = { owner: 'acme', repo: 'widgets' };
const PATH = '.github/agentic.yml';

describe("triage's first request: the policy and the open roadmap items in one query", () => {
  let gh: GitHubEmulator | undefined;
  afterEach(async () => gh?.close());

  async function repoWith(files: Record<string, string>) {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', defaultBranch: 'trunk', files });
    gh.state.setPermission('maria', 'write');
    return { emulator: gh, client: createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl }) };
  }

  /** What triage reads of an item, comparable between the REST listing and the GraphQL page. */
  const comparable = (items: ListedIssue[]) =>
    items.map((item) => ({ ...item, labels: labelNamesOf(item), assignees: (item.assignees ?? []).map((a) => a.login) }));

  it('reads the default branch in one request, not a pull request head, and the roadmap page as REST lists it', async () => {
    const { emulator, client } = await repoWith({ [PATH]: 'triage:\n  stale-claim-hours: 12\n' });
    emulator.state.commitFiles('automated/1-x', { [PATH]: 'triage:\n  stale-claim-hours: 1\n' }, { message: 'weaken policy' });
    emulator.state.addIssue({ title: 'Queued', labels: ['roadmap'], user: 'maria' });
    const claimed = emulator.state.addIssue({ title: 'Claimed', labels: ['roadmap', 'agent:in-progress', 'priority-high'], user: 'maria' });
    claimed.assignees.push('maria');
    emulator.state.addIssue({ title: 'Approved suggestion', labels: ['roadmap', 'agent-suggestion'], user: BOT_LOGIN });
    emulator.state.addIssue({ title: 'Closed', labels: ['roadmap'], user: 'maria', state: 'closed', state_reason: 'completed' });
    emulator.state.addIssue({ title: 'Not on the roadmap', labels: ['bug'], user: 'maria' });
    emulator.state.commitFiles('feature', { 'a.ts': 'x\n' });
    emulator.state.addPullRequest({ head: 'feature', title: 'A roadmap PR', labels: ['roadmap'], user: 'maria' });

    emulator.resetRequests();
    const reader = policyAndRoadmapReader();
    const loaded = await reader.readPolicy(client, repo, PATH, parsePolicyText);
    expect(loaded).toEqual({ policy: { triage: { 'stale-claim-hours': 12 } }, defaultBranch: 'trunk', found: true });
    expect(emulator.requests.map((request) => request.route)).toEqual(['graphql:TriagePolicyAndRoadmap']);
    const roadmap = reader.roadmap();
    expect(roadmap?.items.map((item) => item.title)).toEqual(['A roadmap PR', 'Approved suggestion', 'Claimed', 'Queued']);

    emulator.resetRequests();
    const prefetched = await readListings(client, repo, { login: BOT_LOGIN }, 'roadmap', roadmap);
    expect(emulator.requests.map((request) => request.query.labels ?? request.query.creator)).toEqual([BOT_LOGIN]);
    const listed = await readListings(client, repo, { login: BOT_LOGIN }, 'roadmap');
    expect(comparable(prefetched.roadmapItems)).toEqual(comparable(listed.roadmapItems));
    // The page read with the policy still counts as a listing page in the run's summary.
    expect(prefetched.reads).toBe(listed.reads);
  });

  it('says what the contents API says: missing file, invalid YAML, a directory', async () => {
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.message }),
      );
    for (const [files, expected] of [
      [{ 'README.md': 'x' }, { value: { policy: {}, defaultBranch: 'trunk', found: false } }],
      [{ [PATH]: 'labels: [unclosed\n' }, { error: expect.stringMatching(/^\.github\/agentic\.yml on trunk (is not valid YAML|has 1 problem)/) }],
      [{ [`${PATH}/inner.yml`]: 'x: 1\n' }, { error: '.github/agentic.yml on trunk is not a file' }],
    ] as const) {
      const { client } = await repoWith(files);
      const rest = await outcome(loadPolicy(client, repo, PATH, parsePolicyText));
      const combined = await outcome(policyAndRoadmapReader().readPolicy(client, repo, PATH, parsePolicyText));
      expect(rest).toEqual(expected);
      expect(combined).toEqual(rest);
      await gh?.close();
      gh = undefined;
    }
  });

  it('a policy that renames the roadmap label gets its own REST listing; the default label’s page is not used', async () => {
    const { emulator, client } = await repoWith({ [PATH]: 'labels:\n  roadmap: backlog\n' });
    emulator.state.addIssue({ title: 'Old name', labels: ['roadmap'], user: 'maria' });
    emulator.state.addIssue({ title: 'Backlog item', labels: ['backlog'], user: 'maria' });
    const reader = policyAndRoadmapReader();
    const loaded = await reader.readPolicy(client, repo, PATH, parsePolicyText);
    expect(loaded.policy.labels).toEqual({ roadmap: 'backlog' });
    emulator.resetRequests();
    const listings = await readListings(client, repo, { login: BOT_LOGIN }, 'backlog', reader.roadmap());
    expect(listings.roadmapItems.map((item) => item.title)).toEqual(['Backlog item']);
    expect(emulator.requests.map((request) => request.query.labels ?? request.query.creator)).toEqual([BOT_LOGIN, 'backlog']);
  });

  it('more than a page of roadmap items is listed through REST in full', async () => {
    const { emulator, client } = await repoWith({ 'README.md': 'x' });
    for (let i = 0; i < 101; i++) emulator.state.addIssue({ title: `Item ${i}`, labels: ['roadmap'], user: 'maria' });
    const reader = policyAndRoadmapReader();
    await reader.readPolicy(client, repo, PATH, parsePolicyText);
    expect(reader.roadmap()).toBeNull();
    const listings = await readListings(client, repo, { login: BOT_LOGIN }, 'roadmap', reader.roadmap());
    expect(listings.roadmapItems).toHaveLength(101);
  });

  it('a token GraphQL refuses part of the query falls back to the REST reads, which answer as before', async () => {
    const { emulator } = await repoWith({ [PATH]: 'triage:\n  stale-claim-hours: 12\n' });
    const token = emulator.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'read' } });
    const client = createGitHubClient({ token, baseUrl: emulator.apiUrl });
    emulator.resetRequests();
    const reader = policyAndRoadmapReader();
    const loaded = await reader.readPolicy(client, repo, PATH, parsePolicyText);
    expect(loaded).toEqual({ policy: { triage: { 'stale-claim-hours': 12 } }, defaultBranch: 'trunk', found: true });
    expect(reader.roadmap()).toBeNull();
    expect(emulator.requests.map((request) => request.route)).toEqual([
      'graphql:TriagePolicyAndRoadmap',
      '/repos/{owner}/{repo}',
      '/repos/{owner}/{repo}/contents/{path}',
    ]);
  });
});
