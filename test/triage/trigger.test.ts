import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/core/event.js';
import { DEFAULT_LABELS as names } from '../../src/core/labels.js';
import { clockFrom, triggerFrom } from '../../src/triage/trigger.js';

const alice = { login: 'alice', id: 5, type: 'User' };
const suggestionIssue = { number: 12, title: 't', labels: [{ name: 'agent-suggestion' }], user: alice };

function comment(body: string, extra: Record<string, unknown> = {}) {
  return parseEvent('issue_comment', { action: 'created', issue: suggestionIssue, comment: { id: 1, body, user: alice }, sender: alice, ...extra });
}

describe('what a run was started for', () => {
  it('reports on schedule and dispatch', () => {
    expect(triggerFrom(parseEvent('schedule', {}), names)).toEqual({ kind: 'report' });
    expect(triggerFrom(parseEvent('workflow_dispatch', {}), names)).toEqual({ kind: 'report' });
  });

  it('takes a new comment with a command, and skips one without, an edit, a bot, or a pull request', () => {
    expect(triggerFrom(comment('/approve'), names)).toMatchObject({ kind: 'comment', issue: 12, comment: { id: 1, body: '/approve' } });
    expect(triggerFrom(comment('thanks!'), names)).toMatchObject({ kind: 'skip', reason: 'the comment holds no /approve or /reject command' });
    expect(triggerFrom(comment('/approve', { action: 'edited' }), names)).toMatchObject({ kind: 'skip' });
    const byBot = parseEvent('issue_comment', {
      action: 'created',
      issue: suggestionIssue,
      comment: { id: 1, body: '/approve', user: { login: 'x[bot]', id: 9, type: 'Bot' } },
    });
    expect(triggerFrom(byBot, names)).toMatchObject({ kind: 'skip', reason: 'the comment is by a bot (x[bot])' });
    const onPull = parseEvent('issue_comment', {
      action: 'created',
      issue: { ...suggestionIssue, pull_request: { url: 'u' } },
      comment: { id: 1, body: '/approve', user: alice },
    });
    expect(triggerFrom(onPull, names)).toMatchObject({ kind: 'skip' });
  });

  it('takes a roadmap label or a close on a suggestion, with the sender', () => {
    const labeled = parseEvent('issues', { action: 'labeled', issue: suggestionIssue, label: { name: 'roadmap' }, sender: alice });
    expect(triggerFrom(labeled, names)).toEqual({ kind: 'issue-change', issue: 12, sender: alice });
    const other = parseEvent('issues', { action: 'labeled', issue: suggestionIssue, label: { name: 'bug' }, sender: alice });
    expect(triggerFrom(other, names)).toMatchObject({ kind: 'skip' });
    const notSuggestion = parseEvent('issues', { action: 'closed', issue: { ...suggestionIssue, labels: [] }, sender: alice });
    expect(triggerFrom(notSuggestion, names)).toMatchObject({ kind: 'skip', reason: '#12 is not an agent suggestion' });
  });

  it('names an unsupported event', () => {
    expect(triggerFrom(parseEvent('push', { ref: 'refs/heads/main' }), names)).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('the push event is not supported'),
    });
  });
});

describe('the clock', () => {
  it('is the wall clock unless pinned for a test; a bad pin is a configuration error', () => {
    expect(clockFrom({}).pinned).toBe(false);
    expect(clockFrom({ AGENTIC_WORKFLOW_NOW: '2026-11-25T10:00:00Z' })).toEqual({ now: new Date('2026-11-25T10:00:00Z'), pinned: true });
    expect(() => clockFrom({ AGENTIC_WORKFLOW_NOW: 'tuesday' })).toThrow(/AGENTIC_WORKFLOW_NOW is "tuesday"; expected an ISO 8601 time/);
  });
});
