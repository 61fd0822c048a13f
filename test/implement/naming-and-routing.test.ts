import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/core/event.js';
import { branchFor, issueOfBranch, slugify } from '../../src/implement/branch.js';
import { routeEvent } from '../../src/implement/route-event.js';
import { webhookExample } from '../harness/runner.js';

describe('branch names', () => {
  it('slugs titles to safe characters, folding accents and cutting at a word', () => {
    expect(slugify('Show thousands separators in prices')).toBe('show-thousands-separators-in-prices');
    expect(slugify('Café: "résumé" ../../etc/passwd; rm -rf /')).toBe('cafe-resume-etc-passwd-rm-rf');
    expect(slugify('🚀🚀')).toBe('issue');
    const long = slugify('Make the checkout page remember the last shipping address across sessions and devices');
    expect(long.length).toBeLessThanOrEqual(48);
    expect(long).toBe('make-the-checkout-page-remember-the-last');
    expect(branchFor(12, 'Fix: bug')).toBe('automated/12-fix-bug');
  });

  it('reads the issue number back from an automated branch only', () => {
    expect(issueOfBranch('automated/12-fix-bug')).toBe(12);
    expect(issueOfBranch('feature/12-fix-bug')).toBeNull();
    expect(issueOfBranch('automated/x-fix')).toBeNull();
  });
});

describe('which work an event asks for', () => {
  const repo = 'acme/widgets';

  it('picks on schedule and dispatch, takes the issue input over anything', () => {
    expect(routeEvent(parseEvent('schedule', { schedule: '0 * * * *' }), undefined, repo)).toEqual({ kind: 'pick' });
    expect(routeEvent(parseEvent('workflow_dispatch', {}), 5, repo)).toMatchObject({ kind: 'issue', issueNumber: 5 });
  });

  it('takes the issue of an issues event and of a human comment, ignores bots and PR comments', () => {
    const labeled = webhookExample('issues', 'labeled');
    expect(routeEvent(parseEvent('issues', labeled), undefined, repo)).toMatchObject({
      kind: 'issue',
      issueNumber: (labeled.issue as { number: number }).number,
    });
    const comment = webhookExample('issue_comment', 'created');
    Object.assign(comment.issue as object, { pull_request: undefined });
    Object.assign(comment.comment as object, { user: { login: 'alice', id: 5, type: 'User' } });
    expect(routeEvent(parseEvent('issue_comment', comment), undefined, repo).kind).toBe('issue');
    Object.assign(comment.comment as object, { user: { login: 'ci[bot]', id: 6, type: 'Bot' } });
    expect(routeEvent(parseEvent('issue_comment', comment), undefined, repo)).toMatchObject({ kind: 'ignore', reason: expect.stringContaining('by a bot') });
    Object.assign(comment.issue as object, { pull_request: { url: 'x' } });
    expect(routeEvent(parseEvent('issue_comment', comment), undefined, repo).kind).toBe('ignore');
  });

  it('follows up changes requested on an automated branch of this repository only', () => {
    const review = webhookExample('pull_request_review', 'submitted');
    const pull = review.pull_request as { head: Record<string, unknown> };
    Object.assign(review.review as object, { state: 'changes_requested' });
    pull.head = { ...pull.head, ref: 'automated/3-x', repo: { full_name: repo } };
    Object.assign(review.pull_request as object, { state: 'open' });
    expect(routeEvent(parseEvent('pull_request_review', review), undefined, repo)).toMatchObject({ kind: 'follow-up', headRef: 'automated/3-x' });
    Object.assign(review.review as object, { state: 'approved' });
    expect(routeEvent(parseEvent('pull_request_review', review), undefined, repo)).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('approved'),
    });
    Object.assign(review.review as object, { state: 'changes_requested' });
    pull.head = { ...pull.head, repo: { full_name: 'fork/widgets' } };
    expect(routeEvent(parseEvent('pull_request_review', review), undefined, repo)).toMatchObject({ kind: 'ignore', reason: expect.stringContaining('fork') });
    pull.head = { ...pull.head, ref: 'feature/x', repo: { full_name: repo } };
    expect(routeEvent(parseEvent('pull_request_review', review), undefined, repo).kind).toBe('ignore');
  });

  it('refuses other events by name', () => {
    expect(routeEvent(parseEvent('push', { ref: 'refs/heads/main' }), undefined, repo)).toEqual({
      kind: 'ignore',
      reason: 'implement does not handle the push event',
    });
  });
});
