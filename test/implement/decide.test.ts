import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/core/labels.js';
import { stateLabels } from '../../src/core/issue-state.js';
import { awaitsHumans, decideIssue, decideWorkMode, commentsSince, type DecideOptions, type JudgedComment } from '../../src/implement/decide.js';
import type { IssueThread } from '../../src/implement/issue-thread.js';
import { planHash } from '../../src/implement/plan-schema.js';
import { PLAN } from './scenario.js';
import type { ImplementationPlan } from '../../src/implement/plan-schema.js';

const NOW = new Date('2025-01-10T12:00:00Z');
const OPTIONS: DecideOptions = {
  rules: {
    candidateLabels: ['roadmap'],
    excludedLabels: [DEFAULT_LABELS.needsApproval, DEFAULT_LABELS.agentSuggestion, ...stateLabels(DEFAULT_LABELS)],
    priorityLabels: { high: 'priority-high', medium: 'priority-medium', low: 'priority-low' },
    botLogin: 'github-actions[bot]',
  },
  labels: DEFAULT_LABELS,
  now: NOW,
  staleHours: 6,
  runId: 500,
  claimRunActive: new Map(),
};
const plan = PLAN as ImplementationPlan;

function thread(labels: string[], extra: Partial<IssueThread> = {}): IssueThread {
  return {
    issue: { number: 7, title: 'x', body: '', state: 'open', labels: ['roadmap', ...labels], assignees: [], isPullRequest: false, createdAt: '', htmlUrl: '' },
    comments: [],
    sticky: null,
    marker: null,
    claims: [],
    ...extra,
  };
}

function comment(id: number, body: string, who: 'writer' | 'reader' | 'bot' = 'writer'): JudgedComment {
  return {
    id,
    body,
    user: { login: who, id, type: who === 'bot' ? 'Bot' : 'User' },
    createdAt: '',
    htmlUrl: '',
    authorCanWrite: who !== 'reader',
    authorIsBot: who === 'bot',
  };
}

describe('whether a run may take an issue', () => {
  it('claims a fresh roadmap issue and skips one that is not ready, saying why', () => {
    expect(decideIssue(thread([]), [], OPTIONS)).toEqual({ kind: 'claim', reason: 'approved roadmap issue', reclaim: false });
    expect(decideIssue(thread(['needs-approval']), [], OPTIONS)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('labelled needs-approval') });
    expect(decideIssue({ ...thread([]), issue: { ...thread([]).issue, state: 'closed' } }, [], OPTIONS)).toMatchObject({
      kind: 'skip',
      reason: '#7 is closed',
    });
  });

  it('resumes a clarification only on an answer from a writer; readers and bots do not count', () => {
    const waiting = thread(['agent:needs-clarification']);
    expect(decideIssue(waiting, [comment(10, 'en-US only', 'reader'), comment(11, 'sure', 'bot')], OPTIONS).kind).toBe('skip');
    expect(decideIssue(waiting, [comment(12, 'en-US only')], OPTIONS).kind).toBe('claim');
  });

  it('runs the SPEC on /approve-spec, rejects it with the reason on /reject-spec, ignores quoted or non-writer commands', () => {
    const review = thread(['agent:spec-review']);
    expect(decideIssue(review, [comment(1, '/approve-spec', 'reader'), comment(2, '> /approve-spec\n\nquoting')], OPTIONS).kind).toBe('skip');
    expect(decideIssue(review, [comment(3, '/approve-spec')], OPTIONS)).toMatchObject({ kind: 'claim', reason: 'SPEC approved by @writer' });
    expect(decideIssue(review, [comment(4, '/reject-spec not now')], OPTIONS)).toEqual({ kind: 'reject-spec', reason: 'not now', by: 'writer' });
  });

  it('retries a failed issue on /retry from a writer only', () => {
    expect(decideIssue(thread(['agent:failed']), [comment(1, '/retry', 'reader')], OPTIONS).kind).toBe('skip');
    expect(decideIssue(thread(['agent:failed']), [comment(2, '/retry')], OPTIONS).kind).toBe('claim');
  });

  it('takes over a stale claim, respects a live one and resumes its own run’s claim', () => {
    const claim = (commentId: number, claimedAt: string, runId?: number) => ({
      commentId,
      data: { token: 'abcdefgh12', claimedAt, ...(runId !== undefined ? { runId } : {}) },
    });
    const stale = thread(['agent:in-progress'], { claims: [claim(1, '2025-01-10T01:00:00Z', 9)] });
    expect(decideIssue(stale, [], OPTIONS)).toMatchObject({ kind: 'claim', reclaim: true });
    const live = thread(['agent:in-progress'], { claims: [claim(1, '2025-01-10T11:00:00Z', 9)] });
    expect(decideIssue(live, [], OPTIONS).kind).toBe('skip');
    const runStillGoing = { ...OPTIONS, claimRunActive: new Map([[1, true]]) };
    expect(decideIssue(stale, [], runStillGoing).kind).toBe('skip');
    const own = thread(['agent:in-progress'], { claims: [claim(1, '2025-01-10T11:00:00Z', 500)] });
    expect(decideIssue(own, [], OPTIONS)).toMatchObject({ kind: 'claim', reclaim: false });
    // A hand-set label with no claim behind it is a request to go again.
    expect(decideIssue(thread(['agent:in-progress']), [], OPTIONS)).toMatchObject({ kind: 'claim', reclaim: true });
  });

  it('never takes an issue with an open PR or one that is done', () => {
    expect(decideIssue(thread(['agent:pr-open']), [], OPTIONS).kind).toBe('skip');
    expect(decideIssue(thread(['agent:done']), [], OPTIONS).kind).toBe('skip');
  });
});

describe('what to do once claimed', () => {
  it('continues with the writers’ answers after questions', () => {
    const asked = thread(['agent:in-progress'], { marker: { stage: 'questions', questions: ['?'] } });
    const mode = decideWorkMode(asked, [comment(5, 'answer', 'reader'), comment(6, 'real answer'), comment(7, '/retry')]);
    expect(mode).toEqual({ kind: 'answers', answers: [expect.objectContaining({ id: 6 })] });
  });

  it('runs exactly the approved plan, and plans again when the stored plan does not match its hash', () => {
    const approved = thread(['agent:in-progress'], { marker: { stage: 'spec', plan, planHash: planHash(plan) } });
    expect(decideWorkMode(approved, [comment(8, '/approve-spec')])).toEqual({ kind: 'approved-spec', plan, approvedBy: 'writer' });
    const edited = thread(['agent:in-progress'], { marker: { stage: 'spec', plan: { ...plan, problem: 'changed' }, planHash: planHash(plan) } });
    expect(decideWorkMode(edited, [comment(8, '/approve-spec')])).toEqual({ kind: 'fresh' });
  });

  it('only comments after the bot last stopped count', () => {
    const t = thread([], { marker: { sinceCommentId: 5 }, comments: [4, 5, 6].map((id) => ({ id, body: '', user: null, createdAt: '', htmlUrl: '' })) });
    expect(commentsSince(t).map((entry) => entry.id)).toEqual([6]);
  });
});

describe('when commenters’ permissions are looked up', () => {
  it('only while the bot waits on a human', () => {
    expect(awaitsHumans(thread([]), DEFAULT_LABELS)).toBe(false);
    expect(awaitsHumans(thread(['agent:pr-open']), DEFAULT_LABELS)).toBe(false);
    expect(awaitsHumans(thread(['agent:spec-review']), DEFAULT_LABELS)).toBe(true);
    expect(awaitsHumans(thread(['agent:in-progress'], { marker: { stage: 'questions' } }), DEFAULT_LABELS)).toBe(true);
    expect(awaitsHumans(thread(['agent:in-progress'], { marker: { stage: 'failed' } }), DEFAULT_LABELS)).toBe(false);
  });
});
