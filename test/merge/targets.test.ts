import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { parseEvent } from '../../src/core/event.js';
import { linkedIssues } from '../../src/merge/linked-issues.js';
import { targetsFor } from '../../src/merge/targets.js';
import { formatMarker } from '../../src/core/marker.js';
import { webhookExample } from '../harness/runner.js';

describe('targetsFor', () => {
  it('takes the input first, whatever the event', () => {
    expect(targetsFor(parseEvent('push', { ref: 'refs/heads/main' }), 12)).toEqual({ kind: 'pulls', numbers: [12], source: 'input pull-request-number' });
  });

  it('reads pull_request and pull_request_review events', () => {
    const labeled = webhookExample('pull_request', 'labeled');
    const number = (labeled.pull_request as { number: number }).number;
    expect(targetsFor(parseEvent('pull_request', labeled), undefined)).toEqual({ kind: 'pulls', numbers: [number], source: 'pull_request.labeled' });
    const closed = webhookExample('pull_request', 'closed');
    expect(targetsFor(parseEvent('pull_request', closed), undefined)).toMatchObject({ kind: 'skip' });
    const review = webhookExample('pull_request_review', 'submitted');
    expect(targetsFor(parseEvent('pull_request_review', review), undefined)).toMatchObject({ kind: 'pulls', source: 'pull_request_review.submitted' });
  });

  it('turns completed check and workflow events into their commit, with the pull requests they list', () => {
    const suite = webhookExample('check_suite', 'completed');
    const target = targetsFor(parseEvent('check_suite', suite), undefined);
    const sha = (suite.check_suite as { head_sha: string }).head_sha;
    expect(target).toMatchObject({ kind: 'commit', sha, source: 'check_suite.completed' });
    const run = webhookExample('check_run', 'created');
    expect(targetsFor(parseEvent('check_run', run), undefined)).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/only a completed check_run/) });
    const workflowRun = webhookExample('workflow_run', 'completed');
    expect(targetsFor(parseEvent('workflow_run', workflowRun), undefined)).toMatchObject({ kind: 'commit' });
  });

  it('skips pending statuses and looks up the commit of the others', () => {
    const status = webhookExample('status');
    expect(targetsFor(parseEvent('status', { ...status, state: 'pending' }), undefined)).toMatchObject({ kind: 'skip' });
    expect(targetsFor(parseEvent('status', { ...status, state: 'success' }), undefined)).toMatchObject({ kind: 'commit', sha: status.sha, numbers: [] });
  });

  it('needs the input on workflow_dispatch and names unsupported events', () => {
    expect(() => targetsFor(parseEvent('workflow_dispatch', {}), undefined)).toThrow(ConfigurationError);
    expect(targetsFor(parseEvent('issues', webhookExample('issues', 'opened')), undefined)).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(/does not run on the issues event/),
    });
    expect(targetsFor(parseEvent('merge_group', {}), undefined)).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/merge_group/) });
  });
});

describe('linkedIssues', () => {
  it('prefers the implement-PR marker', () => {
    const body = `Fixes #4\n\n${formatMarker('implement-pr', { issue: 9, costUsd: 0.1, openedAt: '2025-01-01T00:00:00Z' })}`;
    expect(linkedIssues(body)).toEqual([9]);
  });

  it('falls back to closing keywords in visible text', () => {
    expect(linkedIssues('Fixes #4, resolves #5 and closes: #4')).toEqual([4, 5]);
    expect(linkedIssues('<!-- fixes #6 --> Refs #7')).toEqual([]);
  });
});
