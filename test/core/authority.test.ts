import { describe, expect, it } from 'vitest';
import { commanderOf } from '../../src/core/authority.js';
import { parseEvent } from '../../src/core/event.js';

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
