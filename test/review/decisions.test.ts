import { describe, expect, it } from 'vitest';
import type { ReviewedFinding } from '../../src/review/findings.js';
import { compareFindings, nextState, type ReviewState } from '../../src/review/review-state.js';
import { isEligible, planSuggestions, type ExistingSuggestion } from '../../src/review/suggestion-plan.js';
import { checkConclusion, decideReview, shouldBlock, type ReviewDecisionInput } from '../../src/review/verdict.js';

function reviewed(fingerprint: string, overrides: Partial<ReviewedFinding> = {}): ReviewedFinding {
  return {
    origin: 'model',
    file: 'src/a.ts',
    line: 3,
    severity: 'medium',
    category: 'quality',
    title: `finding ${fingerprint}`,
    body: 'why',
    fingerprint,
    location: `loc-${fingerprint}`,
    placement: 'inline',
    repaired: false,
    suggestionApplies: false,
    ...overrides,
  };
}

function suggestion(
  number: number,
  fingerprint: string,
  overrides: Partial<ExistingSuggestion> = {},
  marker: Partial<ExistingSuggestion['marker']> = {},
): ExistingSuggestion {
  return {
    number,
    state: 'open',
    stateReason: null,
    body: '',
    marker: { fingerprint, source: 'cto-review', severity: 'medium', category: 'quality', prs: [1], ...marker },
    ...overrides,
  };
}

const POLICY = { reviewer: 'cto-review' as const, pullNumber: 9, minSeverity: 'medium' as const, includePrSpecific: false };

describe('planSuggestions', () => {
  it('creates issues for eligible findings only: severity threshold, PR-specific ones excluded unless configured', () => {
    const findings = [reviewed('a'), reviewed('b', { severity: 'low' }), reviewed('c', { prSpecific: true })];
    expect(planSuggestions(findings, [], POLICY).map((action) => [action.kind, action.finding.fingerprint])).toEqual([['create', 'a']]);
    expect(planSuggestions(findings, [], { ...POLICY, includePrSpecific: true }).map((action) => action.finding.fingerprint)).toEqual(['a', 'c']);
    expect(isEligible(reviewed('x', { severity: 'critical' }), { ...POLICY, minSeverity: 'none' })).toBe(false);
  });

  it('notes an open suggestion once per PR, never re-raises a rejected one, and re-raises one closed as completed', () => {
    const existing = [
      suggestion(20, 'open-elsewhere'),
      suggestion(21, 'open-here', {}, { prs: [9] }),
      suggestion(22, 'rejected', { state: 'closed', stateReason: 'not_planned' }),
      suggestion(23, 'done', { state: 'closed', stateReason: 'completed' }),
    ];
    const actions = planSuggestions([reviewed('open-elsewhere'), reviewed('open-here'), reviewed('rejected'), reviewed('done')], existing, POLICY);
    expect(actions.map((action) => [action.kind, 'issue' in action ? action.issue.number : null])).toEqual([
      ['note', 20],
      ['known', 21],
      ['rejected', 22],
      ['create', null],
    ]);
  });

  it('matches the other reviewer’s suggestion by location, but not its own with another category', () => {
    const other = suggestion(30, 'ciso-fp', {}, { source: 'ciso-review', location: 'loc-shared' });
    const own = suggestion(31, 'cto-other-category', {}, { source: 'cto-review', location: 'loc-shared' });
    const actions = planSuggestions([reviewed('mine', { location: 'loc-shared' })], [own, other], POLICY);
    expect(actions.map((action) => [action.kind, 'issue' in action ? action.issue.number : null])).toEqual([['note', 30]]);
  });

  it('a rejection wins over an open duplicate', () => {
    const actions = planSuggestions([reviewed('x')], [suggestion(40, 'x'), suggestion(41, 'x', { state: 'closed', stateReason: 'duplicate' })], POLICY);
    expect(actions.map((action) => action.kind)).toEqual(['rejected']);
  });
});

describe('verdict', () => {
  const base: ReviewDecisionInput = {
    blocking: false,
    complete: true,
    findings: 1,
    newComments: 1,
    approveWhenClean: false,
    ownPullRequest: false,
    ownChangesRequested: false,
    otherChangesRequested: false,
  };

  it('blocks iff a finding reaches the threshold; the check fails when blocking and is neutral when incomplete', () => {
    expect(shouldBlock([reviewed('a', { severity: 'high' })], 'critical')).toBe(false);
    expect(shouldBlock([reviewed('a', { severity: 'critical' })], 'critical')).toBe(true);
    expect(shouldBlock([reviewed('a', { severity: 'high' })], 'high')).toBe(true);
    expect(shouldBlock([reviewed('a', { severity: 'critical' })], 'none')).toBe(false);
    expect([checkConclusion(true, true), checkConclusion(false, false), checkConclusion(false, true)]).toEqual(['failure', 'neutral', 'success']);
  });

  it('requests changes when blocking, comments otherwise, and posts nothing when there is nothing new', () => {
    expect(decideReview({ ...base, blocking: true }).event).toBe('REQUEST_CHANGES');
    expect(decideReview(base).event).toBe('COMMENT');
    expect(decideReview({ ...base, newComments: 0 }).event).toBeNull();
    expect(decideReview({ ...base, blocking: true, ownChangesRequested: true, newComments: 0 }).event).toBeNull();
    expect(decideReview({ ...base, ownChangesRequested: true, newComments: 0 })).toEqual({ event: null, dismissOwnChangeRequest: true });
  });

  it('never approves unless asked, complete and clean, not on its own PR and not over the other reviewer’s change request', () => {
    const clean = { ...base, findings: 0, newComments: 0 };
    expect(decideReview(clean).event).toBeNull();
    expect(decideReview({ ...clean, approveWhenClean: true }).event).toBe('APPROVE');
    expect(decideReview({ ...clean, approveWhenClean: true, complete: false }).event).toBeNull();
    expect(decideReview({ ...clean, approveWhenClean: true, ownPullRequest: true }).event).toBeNull();
    expect(decideReview({ ...clean, approveWhenClean: true, otherChangesRequested: true }).event).toBeNull();
  });

  it('on its own PR it cannot request changes: a COMMENT with the new comments, and a note', () => {
    expect(decideReview({ ...base, blocking: true, ownPullRequest: true })).toMatchObject({ event: 'COMMENT', note: expect.stringContaining('failing check') });
    expect(decideReview({ ...base, blocking: true, ownPullRequest: true, newComments: 0 }).event).toBeNull();
  });
});

describe('review state', () => {
  const previous: ReviewState = {
    headSha: 'old',
    settingsKey: 'k',
    complete: true,
    shouldBlock: false,
    conclusion: 'success',
    reviewId: 5,
    reviews: 1,
    costUsd: 0.01,
    findings: [
      { fp: 'kept', severity: 'low', category: 'quality', file: 'a', line: 1, title: 'kept' },
      { fp: 'fixed', severity: 'low', category: 'quality', file: 'a', line: 2, title: 'fixed' },
    ],
    resolved: [{ fp: 'back', severity: 'low', category: 'quality', file: 'a', line: 3, title: 'back', resolvedAt: 'older' }],
    leftOut: [],
  };

  it('tells new findings from old ones and lists what disappeared as resolved (until it comes back)', () => {
    const changes = compareFindings([reviewed('kept'), reviewed('new'), reviewed('back')], previous, 'head2');
    expect([...changes.fresh].sort()).toEqual(['back', 'new']);
    expect(changes.resolved.map((finding) => [finding.fp, finding.resolvedAt])).toEqual([['fixed', 'head2']]);
    expect(compareFindings([], null, 'h')).toEqual({ fresh: new Set(), resolved: [], carried: [] });
  });

  it('does not call a finding resolved where this review did not look', () => {
    const changes = compareFindings([reviewed('kept')], previous, 'head2', (finding) => finding.fp === 'fixed');
    expect(changes.resolved.map((finding) => finding.fp)).toEqual(['back']);
    expect(changes.carried.map((finding) => finding.fp)).toEqual(['fixed']);
  });

  it('adds up cost over reviews and keeps the last review id when a review posts none', () => {
    const state = nextState({
      previous,
      headSha: 'head2',
      settingsKey: 'k',
      complete: true,
      shouldBlock: false,
      conclusion: 'success',
      reviewId: null,
      costUsd: 0.02,
      findings: [reviewed('kept')],
      issues: new Map([['kept', 12]]),
      resolved: [],
      carried: [previous.findings[1]!],
      leftOut: [],
    });
    expect(state).toMatchObject({ headSha: 'head2', reviews: 2, costUsd: 0.03, reviewId: 5 });
    expect(state.findings).toEqual([
      { fp: 'kept', loc: 'loc-kept', severity: 'medium', category: 'quality', file: 'src/a.ts', line: 3, title: 'finding kept', issue: 12 },
      previous.findings[1],
    ]);
  });
});
