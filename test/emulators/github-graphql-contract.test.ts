import { schema as github } from '@octokit/graphql-schema';
import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  parse,
  validate,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { NIGHTLY_MARKER_KIND } from '../../src/core/markers/kinds.js';
import { writeMarker } from '../../src/core/markers/registry.js';
import { OutboundGate } from '../../src/core/outbound-gate.js';
import { EMULATED_SCHEMA_SDL } from '../../src/emulators/github/graphql/schema.js';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import type { BotIdentity } from '../../src/core/identity.js';
import {
  closeNightlyDiscussion,
  createNightlyDiscussion,
  DISCUSSION_DOCUMENTS,
  findCategory,
  listNightlyDiscussions,
  updateNightlyDiscussion,
} from '../../src/nightly/discussion.js';
import { TRIAGE_DOCUMENTS } from '../../src/triage/policy-and-roadmap.js';
import { BODY_EDIT_DOCUMENTS, readLastEditedAt } from '../../src/implement/body-edits.js';
import { pickNextIssues, PICK_DOCUMENTS } from '../../src/implement/pick-query.js';

/**
 * The GraphQL the product sends and the GraphQL the emulator serves, both held to GitHub's public schema
 * (@octokit/graphql-schema): every document the product sends validates there, and the emulator's schema is a
 * part of GitHub's (no type, field or argument GitHub lacks or types differently), so the emulator cannot accept
 * what GitHub would refuse.
 */

// The package's schema.json is GitHub's introspection answer (its own types name only the top level).
const githubSchema: GraphQLSchema = buildClientSchema(github.json as unknown as IntrospectionQuery);
const emulated = buildSchema(EMULATED_SCHEMA_SDL);
// GitHub's introspection lists @deprecated on fewer locations than graphql-js: not a difference in what is served.
const drift = (mine: GraphQLSchema) => findBreakingChanges(mine, githubSchema).filter((change) => !change.type.startsWith('DIRECTIVE_'));

const DOCUMENTS = { ...DISCUSSION_DOCUMENTS, ...TRIAGE_DOCUMENTS, ...PICK_DOCUMENTS, ...BODY_EDIT_DOCUMENTS };

describe("the product's GraphQL against GitHub's public schema", () => {
  it.each(Object.entries(DOCUMENTS))('%s validates against GitHub’s schema and the emulator’s', (_name, document) => {
    expect(validate(githubSchema, parse(document))).toEqual([]);
    expect(validate(emulated, parse(document))).toEqual([]);
  });

  it("the emulator's schema is a part of GitHub's: same names, same types, same argument defaults", () => {
    expect(drift(emulated)).toEqual([]);
    expect(findDangerousChanges(emulated, githubSchema).filter((change) => change.type === 'ARG_DEFAULT_VALUE_CHANGE')).toEqual([]);
  });

  it('control: a field GitHub lacks, an argument of another type and a misspelt document are caught', () => {
    const renamed = buildSchema(EMULATED_SCHEMA_SDL.replace('slug: String!', 'slugName: String!'));
    expect(drift(renamed).map((change) => change.description)).toContain('DiscussionCategory.slugName was removed.');
    const retyped = buildSchema(
      EMULATED_SCHEMA_SDL.replace(
        'discussions(after: String, categoryId: ID = null, first: Int,',
        'discussions(after: String, categoryId: String, first: Int,',
      ),
    );
    expect(drift(retyped).map((change) => change.type)).toContain('ARG_CHANGED_KIND');
    const searchType = buildSchema(EMULATED_SCHEMA_SDL.replace('enum SearchType {\n    ISSUE', 'enum SearchType {\n    ISSUE\n    ISSUES'));
    expect(drift(searchType).map((change) => change.description)).toContain('ISSUES was removed from enum type SearchType.');
    expect(
      validate(
        githubSchema,
        parse(DISCUSSION_DOCUMENTS.recent.replace('hasDiscussionsEnabled', 'discussionsEnabled').replace('url body', 'url bodyText html')),
      ),
    ).not.toEqual([]);
    // GraphQL's search takes no sort argument: the order is a `sort:` qualifier in the query text.
    expect(validate(githubSchema, parse(PICK_DOCUMENTS.candidates.replace('first: $highFirst)', 'first: $highFirst, sort: CREATED_ASC)')))).not.toEqual([]);
  });
});

describe('the emulator answers what the product sends, as GitHub does', () => {
  let gh: GitHubEmulator;
  const repo = { owner: 'acme', repo: 'shop' };
  const client = (token: string) => createGitHubClient({ token, baseUrl: gh.apiUrl, gate: new OutboundGate(), retries: 0 });
  const botIdentity = (): BotIdentity => ({ login: BOT_LOGIN, id: gh.state.user(BOT_LOGIN)!.id, type: 'Bot' });

  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'shop' });
  });
  afterAll(() => gh.close());

  it('sends only the documents validated above, to GitHub Enterprise’s /api/graphql', async () => {
    gh.state.discussions.enable(['Reports']);
    gh.resetRequests();
    const octokit = client(gh.botToken);
    const category = await findCategory(octokit, repo, gh.serverUrl, 'reports');
    expect(category).toMatchObject({ name: 'Reports', url: `${gh.serverUrl}/acme/shop/discussions/categories/reports` });
    const body = `Night.\n\n${writeMarker(NIGHTLY_MARKER_KIND, { day: '2026-12-03', end: '2026-12-03T06:00:00.000Z' })}\n`;
    const created = await createNightlyDiscussion(octokit, repo, category, {
      title: 'Nightly report — 2026-12-03',
      body,
      day: '2026-12-03',
      bot: botIdentity(),
    });
    expect(created).toMatchObject({ how: 'created', url: `${gh.serverUrl}/acme/shop/discussions/${created.number}` });
    const [listed] = await listNightlyDiscussions(octokit, repo, category, botIdentity());
    expect(listed).toMatchObject({ number: created.number, day: '2026-12-03', end: '2026-12-03T06:00:00.000Z', open: true });
    await updateNightlyDiscussion(octokit, listed!.id, body.replace('Night.', 'Night, again.'));
    expect(gh.state.discussions.all().map((record) => record.body.split('\n')[0])).toEqual(['Night, again.']);
    await closeNightlyDiscussion(octokit, listed!);
    const [record] = gh.state.discussions.all();
    expect(record).toMatchObject({ closed: true, stateReason: 'OUTDATED', closedAt: gh.clock.iso() });
    const [relisted] = await listNightlyDiscussions(octokit, repo, category, botIdentity());
    expect(relisted).toMatchObject({ number: created.number, open: false });
    const sent = gh.requests.filter((request) => request.path === '/api/graphql');
    expect(sent.map((request) => request.route)).toEqual([
      'graphql:NightlyDiscussionCategories',
      'graphql:NightlyCreateDiscussion',
      'graphql:NightlyDiscussions',
      'graphql:NightlyUpdateDiscussion',
      'graphql:NightlyCloseDiscussion',
      'graphql:NightlyDiscussions',
    ]);
    const documents = new Set<string>(Object.values(DISCUSSION_DOCUMENTS));
    for (const request of sent) expect(documents.has((request.body as { query: string }).query)).toBe(true);
  });

  it('refusals come back in GitHub’s shape: HTTP 200, an errors array with type, path and message, the field null', async () => {
    const post = (token: string, query: string, variables: Record<string, unknown>) =>
      fetch(`${gh.serverUrl}/api/graphql`, { method: 'POST', headers: { authorization: `bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const missing = await post(gh.botToken, DISCUSSION_DOCUMENTS.categories, { owner: 'acme', name: 'nope' });
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({
      data: { repository: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          locations: [{ line: 2, column: 3 }],
          message: "Could not resolve to a Repository with the name 'acme/nope'.",
        },
      ],
    });
    const noDiscussions = gh.tokenFor(BOT_LOGIN, { permissions: { issues: 'write', contents: 'read' } });
    const forbidden = (await (await post(noDiscussions, DISCUSSION_DOCUMENTS.categories, { owner: 'acme', name: 'shop' })).json()) as {
      data: unknown;
      errors: Array<{ type: string; path: string[]; message: string }>;
    };
    // discussionCategories is non-null in GitHub's schema, so its null reaches the repository.
    expect(forbidden.data).toEqual({ repository: null });
    expect(forbidden.errors).toMatchObject([
      { type: 'FORBIDDEN', path: ['repository', 'discussionCategories'], message: 'Resource not accessible by integration' },
    ]);
    const readOnly = gh.tokenFor(BOT_LOGIN, { permissions: { discussions: 'read' } });
    const category = gh.state.discussions.category('Reports')!;
    const { repositoryId, id } = await findCategory(client(readOnly), repo, gh.serverUrl, 'Reports');
    expect(id).toBe(Buffer.from(`DiscussionCategory:${category.id}`).toString('base64'));
    const refused = (await (await post(readOnly, DISCUSSION_DOCUMENTS.create, { repositoryId, categoryId: id, title: 't', body: 'b' })).json()) as object;
    expect(refused).toMatchObject({ data: { createDiscussion: null }, errors: [{ type: 'FORBIDDEN', path: ['createDiscussion'] }] });
    const unauthenticated = await post('ghp_not-a-token', DISCUSSION_DOCUMENTS.categories, { owner: 'acme', name: 'shop' });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('closeDiscussion as GitHub serves it: closed, closedAt and stateReason; the reason defaults to RESOLVED; only the author or triage may close', async () => {
    const post = async (token: string, query: string, variables: Record<string, unknown>) => {
      // Documents written here are held to GitHub's schema as the product's are.
      expect(validate(githubSchema, parse(query))).toEqual([]);
      const answer = await fetch(`${gh.serverUrl}/api/graphql`, {
        method: 'POST',
        headers: { authorization: `bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      expect(answer.status).toBe(200);
      return (await answer.json()) as { data?: Record<string, unknown>; errors?: Array<{ type?: string; path?: string[]; message: string }> };
    };
    const reports = gh.state.discussions.category('Reports')!;
    gh.state.setPermission('maria', 'read');
    const byMaria = gh.state.discussions.create({ categoryId: reports.id, title: 'Nightly report — 2026-12-01', body: 'mine', author: 'maria' });
    const nodeIdOf = (id: number) => Buffer.from(`Discussion:${id}`).toString('base64');
    const closeWithoutReason = `mutation Close($id: ID!) { closeDiscussion(input: { discussionId: $id }) { discussion { number closed closedAt stateReason } } }`;

    // Someone who can only read may not close another's discussion; a token without discussions: write may not either.
    gh.state.addUser({ login: 'reader' });
    gh.state.setPermission('reader', 'read');
    const byReader = await post(gh.tokenFor('reader'), closeWithoutReason, { id: nodeIdOf(byMaria.id) });
    expect(byReader).toMatchObject({ data: { closeDiscussion: null }, errors: [{ type: 'FORBIDDEN', path: ['closeDiscussion'] }] });
    const readOnly = gh.tokenFor(BOT_LOGIN, { permissions: { discussions: 'read' } });
    expect(await post(readOnly, DISCUSSION_DOCUMENTS.close, { discussionId: nodeIdOf(byMaria.id) })).toMatchObject({
      errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
    });
    expect(await post(gh.botToken, DISCUSSION_DOCUMENTS.close, { discussionId: 'RDpub3BlOTk=' })).toMatchObject({
      data: { closeDiscussion: null },
      errors: [{ type: 'NOT_FOUND', path: ['closeDiscussion'] }],
    });
    expect(byMaria).toMatchObject({ closed: false, closedAt: null, stateReason: null });

    // The author closes it; without a reason GitHub's default, RESOLVED, applies.
    gh.clock.set(new Date('2026-12-05T08:00:00Z'));
    const closed = await post(gh.tokenFor('maria'), closeWithoutReason, { id: nodeIdOf(byMaria.id) });
    expect(closed).toEqual({
      data: { closeDiscussion: { discussion: { number: byMaria.number, closed: true, closedAt: '2026-12-05T08:00:00Z', stateReason: 'RESOLVED' } } },
    });
    // Closing it again changes nothing, whatever the reason.
    gh.clock.set(new Date('2026-12-06T08:00:00Z'));
    await post(gh.botToken, DISCUSSION_DOCUMENTS.close, { discussionId: nodeIdOf(byMaria.id) });
    expect(gh.state.discussions.records.get(byMaria.id)).toMatchObject({ closed: true, closedAt: '2026-12-05T08:00:00Z', stateReason: 'RESOLVED' });
  });

  it('a discussion is the bot’s by id and account type: a person whose login reads like the bot’s is not listed as the bot’s report', async () => {
    const reports = gh.state.discussions.category('Reports')!;
    // GraphQL names github-actions[bot] "github-actions"; a user may hold that login on another server.
    gh.state.addUser({ login: 'github-actions' });
    const marker = writeMarker(NIGHTLY_MARKER_KIND, { day: '2026-12-02', end: '2026-12-02T06:00:00.000Z' });
    const lookalike = gh.state.discussions.create({
      categoryId: reports.id,
      title: 'Nightly report — 2026-12-02',
      body: `x\n\n${marker}\n`,
      author: 'github-actions',
    });
    const mine = gh.state.discussions.create({ categoryId: reports.id, title: 'Nightly report — 2026-12-02', body: `y\n\n${marker}\n`, author: BOT_LOGIN });
    const category = await findCategory(client(gh.botToken), repo, gh.serverUrl, 'Reports');
    const listed = await listNightlyDiscussions(client(gh.botToken), repo, category, botIdentity());
    expect(listed.map((item) => item.number)).toContain(mine.number);
    expect(listed.map((item) => item.number)).not.toContain(lookalike.number);
  });

  it('search(type: ISSUE) finds what the REST search finds, in the order of its sort: qualifier, with issueCount beyond the page', async () => {
    const labels = [['roadmap'], ['roadmap', 'priority-low'], ['roadmap', 'needs-approval'], ['bug'], ['roadmap', 'priority-high']];
    for (let i = 0; i < 30; i++)
      gh.state.addIssue({ title: `Backlog ${i}`, labels: labels[i % labels.length], created_at: new Date(Date.UTC(2024, 0, 30 - i)) });
    gh.state.addIssue({ title: 'Assigned', labels: ['roadmap'], assignees: ['octocat'], created_at: new Date(Date.UTC(2023, 0, 1)) });
    gh.state.commitFiles('feature', { 'x.txt': 'x\n' });
    gh.state.addPullRequest({ head: 'feature', title: 'A pull request on the roadmap', labels: ['roadmap'] });
    const octokit = client(gh.botToken);
    const rules = {
      candidateLabels: ['roadmap'],
      excludedLabels: ['needs-approval'],
      priorityLabels: { high: 'priority-high', medium: 'priority-medium', low: 'priority-low' },
      botLogin: BOT_LOGIN,
    };
    const q = 'repo:acme/shop label:"roadmap" -label:"needs-approval" no:assignee sort:created-asc';
    const answer: { search: { issueCount: number; nodes: Array<{ __typename: string; number?: number; labels?: { nodes: Array<{ name: string }> } }> } } =
      await octokit.graphql(
        `query { search(type: ISSUE, query: ${JSON.stringify(q)}, first: 5) { issueCount nodes { __typename ... on Issue { number labels(first: 10) { nodes { name } } } } } }`,
      );
    const rest = await octokit.rest.search.issuesAndPullRequests({ q, per_page: 100 });
    const sorted = await octokit.rest.search.issuesAndPullRequests({ q: q.replace(' sort:created-asc', ''), sort: 'created', order: 'asc', per_page: 100 });
    expect(answer.search.issueCount).toBe(rest.data.total_count);
    expect(answer.search.issueCount).toBe(19); // 18 roadmap issues without needs-approval, and the pull request
    expect(rest.data.items.map((item) => item.number)).toEqual(sorted.data.items.map((item) => item.number));
    const firstFive = rest.data.items.slice(0, 5);
    expect(answer.search.nodes.map((node) => node.number)).toEqual(firstFive.map((item) => (item.pull_request ? undefined : item.number)));
    expect(answer.search.nodes[0]?.labels?.nodes.map((label) => label.name)).toEqual(firstFive[0]?.labels.map((label) => label.name));

    // The pick: one request, the oldest high-priority issue, the same one the REST search names first.
    gh.resetRequests();
    const { picks, requests } = await pickNextIssues(octokit, repo, rules, 1);
    const high = await octokit.rest.search.issuesAndPullRequests({ q: `${q} label:"priority-high"`, per_page: 1 });
    expect(picks.map((pick) => pick.number)).toEqual([high.data.items[0]?.number]);
    expect(picks[0]).toMatchObject({ state: 'open', lastEditedAt: null, isPullRequest: false });
    expect(requests).toBe(1);
    expect(gh.requests.filter((request) => request.path === '/api/graphql').map((request) => request.route)).toEqual(['graphql:PickCandidates']);
  });

  it('lastEditedAt is the time of the last body edit; a title or label change is not one', async () => {
    const octokit = client(gh.botToken);
    gh.clock.set('2026-03-01T10:00:00Z');
    const issue = gh.state.addIssue({ title: 'Edit me', body: 'First text.', labels: [] });
    const edits = async () => readLastEditedAt(octokit, repo, issue.number);
    expect(await edits()).toBeNull();
    gh.clock.advance(60_000);
    await octokit.rest.issues.update({ ...repo, issue_number: issue.number, title: 'Renamed', labels: ['bug'] });
    await octokit.rest.issues.update({ ...repo, issue_number: issue.number, body: 'First text.' });
    expect(await edits()).toBeNull();
    gh.clock.advance(60_000);
    await octokit.rest.issues.update({ ...repo, issue_number: issue.number, body: 'Second text.' });
    expect(await edits()).toBe('2026-03-01T10:02:00Z');
    gh.clock.advance(60_000);
    gh.state.editIssue(issue.number, { title: 'Renamed again' }, 'acme');
    expect(await edits()).toBe('2026-03-01T10:02:00Z');
    gh.clock.reset();
    const post = (query: string, variables: Record<string, unknown>) =>
      fetch(`${gh.serverUrl}/api/graphql`, {
        method: 'POST',
        headers: { authorization: `bearer ${gh.botToken}` },
        body: JSON.stringify({ query, variables }),
      }).then((response) => response.json() as Promise<{ data: unknown; errors?: Array<{ type: string; path: string[]; message: string }> }>);
    expect(await post(BODY_EDIT_DOCUMENTS.lastEdited, { owner: 'acme', name: 'shop', number: 9999 })).toMatchObject({
      data: { repository: { issue: null } },
      errors: [{ type: 'NOT_FOUND', path: ['repository', 'issue'], message: 'Could not resolve to an Issue with the number of 9999.' }],
    });
    expect(await post('query($q: String!) { search(type: ISSUE, query: $q, first: 1) { issueCount } }', { q: 'repo:other/repo is:issue' })).toMatchObject({
      data: null,
      errors: [{ type: 'INVALID', path: ['search'] }],
    });
    expect(await post('query($q: String!) { search(type: ISSUE, query: $q, first: 101) { issueCount } }', { q: 'repo:acme/shop' })).toMatchObject({
      errors: [{ type: 'EXCESSIVE_PAGINATION', path: ['search'] }],
    });
  });
});
