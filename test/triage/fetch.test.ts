import { describe, expect, it } from 'vitest';
import { identityFromListing } from '../../src/triage/fetch.js';
import type { ListedIssue } from '../../src/triage/snapshot.js';

function item(number: number, user: ListedIssue['user']): ListedIssue {
  return {
    number,
    title: `issue ${number}`,
    body: null,
    state: 'open',
    state_reason: null,
    html_url: `https://github.com/acme/widgets/issues/${number}`,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    closed_at: null,
    user,
    labels: [],
    assignees: [],
    pull_request: null,
  };
}

describe('the bot identity read from its own listing', () => {
  it('takes the id and type of the first item the bot opened', () => {
    const items = [item(1, null), item(2, { login: 'GitHub-Actions[bot]', id: 41898282, type: 'Bot' })];
    expect(identityFromListing(items, 'github-actions[bot]')).toEqual({ login: 'GitHub-Actions[bot]', id: 41898282, type: 'Bot' });
  });

  it('is null when the bot opened nothing, or the authors are someone else or carry no account type', () => {
    expect(identityFromListing([], 'github-actions[bot]')).toBeNull();
    expect(identityFromListing([item(1, { login: 'github-actions-bot', id: 7, type: 'User' })], 'github-actions[bot]')).toBeNull();
    expect(identityFromListing([item(1, { login: 'github-actions[bot]', id: 7 })], 'github-actions[bot]')).toBeNull();
  });
});
