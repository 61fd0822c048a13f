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
import { TRIAGE_DOCUMENTS } from '../../src/triage/policy-and-roadmap.js';
import { createNightlyDiscussion, DISCUSSION_DOCUMENTS, findCategory, listNightlyDiscussions, updateNightlyDiscussion } from '../../src/nightly/discussion.js';

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

describe("the product's GraphQL against GitHub's public schema", () => {
  it.each(Object.entries({ ...DISCUSSION_DOCUMENTS, ...TRIAGE_DOCUMENTS }))('%s validates against GitHub’s schema and the emulator’s', (_name, document) => {
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
    expect(
      validate(
        githubSchema,
        parse(DISCUSSION_DOCUMENTS.recent.replace('hasDiscussionsEnabled', 'discussionsEnabled').replace('url body', 'url bodyText html')),
      ),
    ).not.toEqual([]);
  });
});

describe('the emulator answers what the product sends, as GitHub does', () => {
  let gh: GitHubEmulator;
  const repo = { owner: 'acme', repo: 'shop' };
  const client = (token: string) => createGitHubClient({ token, baseUrl: gh.apiUrl, gate: new OutboundGate(), retries: 0 });

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
      botLogin: BOT_LOGIN,
    });
    expect(created).toMatchObject({ how: 'created', url: `${gh.serverUrl}/acme/shop/discussions/${created.number}` });
    const [listed] = await listNightlyDiscussions(octokit, repo, category, BOT_LOGIN);
    expect(listed).toMatchObject({ number: created.number, day: '2026-12-03', end: '2026-12-03T06:00:00.000Z' });
    await updateNightlyDiscussion(octokit, listed!.id, body.replace('Night.', 'Night, again.'));
    expect(gh.state.discussions.all().map((record) => record.body.split('\n')[0])).toEqual(['Night, again.']);
    const sent = gh.requests.filter((request) => request.path === '/api/graphql');
    expect(sent.map((request) => request.route)).toEqual([
      'graphql:NightlyDiscussionCategories',
      'graphql:NightlyCreateDiscussion',
      'graphql:NightlyDiscussions',
      'graphql:NightlyUpdateDiscussion',
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
});
