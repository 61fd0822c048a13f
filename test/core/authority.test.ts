import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commanderOf, personAuthority } from '../../src/core/authority.js';
import { parseEvent } from '../../src/core/event.js';
import { createGitHubClient } from '../../src/core/github.js';
import { GITHUB_ACTIONS_BOT } from '../../src/core/identity.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const user = (login: string, id = 7) => ({ login, id, type: 'User' });
const pr = { number: 4, head: { ref: 'x', sha: 'abc' }, base: { ref: 'main' } };

describe('commanderOf: who sent the event', () => {
  it('treats the repository’s own events as automatic', () => {
    expect(commanderOf(parseEvent('pull_request', { action: 'opened', pull_request: pr, sender: user('mallory') }))).toEqual({
      kind: 'automatic',
      via: 'pull_request',
    });
    expect(commanderOf(parseEvent('schedule', {}))).toEqual({ kind: 'automatic', via: 'schedule' });
  });

  it('names the commenter of a comment, with where to answer', () => {
    const event = parseEvent('issue_comment', {
      action: 'created',
      issue: { number: 9, title: 't' },
      comment: { id: 31, body: '/review', user: user('mallory', 5) },
      sender: user('someone-else'),
    });
    expect(commanderOf(event)).toMatchObject({ kind: 'person', person: { login: 'mallory', id: 5 }, comment: { issue: 9, id: 31 } });
  });

  it('names the dispatcher from the payload, else from GITHUB_ACTOR, else nobody', () => {
    expect(commanderOf(parseEvent('workflow_dispatch', { inputs: {}, sender: user('alice') }), 'octocat')).toMatchObject({
      kind: 'person',
      person: { login: 'alice' },
    });
    expect(commanderOf(parseEvent('workflow_dispatch', { inputs: {} }), 'octocat')).toMatchObject({ kind: 'person', person: { login: 'octocat' } });
    expect(commanderOf(parseEvent('workflow_dispatch', { inputs: {} }))).toEqual({ kind: 'unknown', via: 'workflow_dispatch' });
  });

  it('names the labeller of an issues event and the reviewer of a review', () => {
    expect(
      commanderOf(parseEvent('issues', { action: 'labeled', issue: { number: 3, title: 't' }, label: { name: 'roadmap' }, sender: user('trina') })),
    ).toMatchObject({ kind: 'person', person: { login: 'trina' } });
    const review = parseEvent('pull_request_review', { action: 'submitted', pull_request: pr, review: { id: 1, state: 'approved', user: user('rev') } });
    expect(commanderOf(review)).toMatchObject({ kind: 'person', person: { login: 'rev' } });
  });
});

describe('personAuthority: the one rule for a person', () => {
  const repo = { owner: 'acme', repo: 'widgets' };
  let gh: GitHubEmulator;
  beforeEach(async () => {
    gh = await startGitHubEmulator(repo);
  });
  afterEach(async () => {
    await gh.close();
  });
  const client = () => createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl, retries: 0 });

  it('the bot (the review actions) or a writer may command; triage, strangers and other apps may not', async () => {
    const api = client();
    const bot = GITHUB_ACTIONS_BOT;
    gh.state.setPermission('alice', 'write');
    gh.state.setPermission('trina', 'triage');
    const app = gh.state.addUser({ login: 'other-app[bot]', type: 'Bot' });
    gh.state.setPermission('other-app[bot]', 'write');
    expect(await personAuthority(api, repo, { login: bot.login, id: bot.id, type: 'Bot' }, bot)).toEqual({ allowed: true, permission: 'bot' });
    expect(await personAuthority(api, repo, { login: 'alice', type: 'User' }, bot)).toEqual({ allowed: true, permission: 'write' });
    expect(await personAuthority(api, repo, { login: 'acme', type: 'User' }, bot)).toEqual({ allowed: true, permission: 'admin' });
    expect(await personAuthority(api, repo, { login: 'trina', type: 'User' }, bot)).toMatchObject({ allowed: false, permission: 'triage' });
    expect(await personAuthority(api, repo, { login: 'nobody', type: 'User' }, bot)).toMatchObject({ allowed: false, permission: 'none' });
    expect(await personAuthority(api, repo, { login: 'other-app[bot]', id: app.id, type: 'Bot' }, bot)).toMatchObject({ allowed: false, reason: /is an app/ });
  });
});
