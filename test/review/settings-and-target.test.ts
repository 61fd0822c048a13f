import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { parseEvent } from '../../src/core/event.js';
import { readReviewPolicy, resolveReviewSettings, settingsKey, REVIEW_DEFAULTS } from '../../src/review/settings.js';
import { resolveTarget } from '../../src/review/target.js';
import { z } from 'zod';

describe('review settings', () => {
  it('uses the defaults of the issue: 3 calls of 32,000 tokens, block on critical, issues from medium', () => {
    const settings = resolveReviewSettings({}, {}, {}, 0);
    expect(settings).toMatchObject({
      maxReviewCalls: 3,
      maxInputTokensPerCall: 32_000,
      blockSeverity: 'critical',
      suggestionMinSeverity: 'medium',
      approveWhenClean: false,
      reviewDrafts: false,
    });
  });

  it('lets the reviewer’s section override the shared one, and inputs override both for budgets', () => {
    const settings = resolveReviewSettings(
      { 'max-review-calls': 5, 'skip-globs': ['docs/**'] },
      { 'max-review-calls': 4, 'skip-globs': ['*.md'] },
      { maxReviewCalls: 2, skipGlobs: ['x/**'] },
      0,
    );
    expect(settings.maxReviewCalls).toBe(2);
    // Only the policy excludes without consequence; the input's globs are kept apart (they leave the review incomplete).
    expect(settings.skipGlobs).toEqual(['docs/**', '*.md']);
    expect(settings.inputSkipGlobs).toEqual(['x/**']);
  });

  it('an input can only make blocking stricter than the policy', () => {
    expect(resolveReviewSettings({ 'block-severity': 'high' }, {}, { blockSeverity: 'none' }, 0).blockSeverity).toBe('high');
    expect(resolveReviewSettings({ 'block-severity': 'high' }, {}, { blockSeverity: 'critical' }, 0).blockSeverity).toBe('high');
    expect(resolveReviewSettings({ 'block-severity': 'high' }, {}, { blockSeverity: 'medium' }, 0).blockSeverity).toBe('medium');
    expect(resolveReviewSettings({ 'block-severity': 'none' }, {}, { blockSeverity: 'low' }, 0).blockSeverity).toBe('low');
  });

  it('a policy that forbids approving cannot be overridden by an input; the confidence floor can only be lowered', () => {
    expect(resolveReviewSettings({}, { 'approve-when-clean': false }, { approveWhenClean: true }, 0).approveWhenClean).toBe(false);
    expect(resolveReviewSettings({}, {}, { approveWhenClean: true }, 0).approveWhenClean).toBe(true);
    expect(resolveReviewSettings({}, { 'min-confidence': 0.7 }, { minConfidence: 0.9 }, 0.5).minConfidence).toBe(0.7);
    expect(resolveReviewSettings({}, {}, { minConfidence: 0.3 }, 0.5).minConfidence).toBe(0.3);
  });

  it('reads both policy sections strictly, naming the file and key of a mistake, and accepts a reviewer’s own keys', () => {
    const policy = { review: { 'max-review-calls': 2 }, 'cto-review': { 'block-severity': 'high' } };
    expect(readReviewPolicy(policy, 'cto-review', '.github/agentic.yml')).toMatchObject({
      shared: { 'max-review-calls': 2 },
      own: { 'block-severity': 'high' },
    });
    expect(() => readReviewPolicy({ 'cto-review': { 'block-severity': 'urgent' } }, 'cto-review', '.github/agentic.yml')).toThrow(ConfigurationError);
    expect(() => readReviewPolicy({ review: { 'max-calls': 2 } }, 'cto-review', '.github/agentic.yml')).toThrow(
      /\.github\/agentic\.yml: review is .*expected no unknown keys \(found max-calls\)/,
    );
    const withExtra = readReviewPolicy({ 'ciso-review': { 'registry-check': false, 'max-review-calls': 1 } }, 'ciso-review', 'p.yml', {
      'registry-check': z.boolean().optional(),
    });
    expect(withExtra.extra).toEqual({ 'registry-check': false });
    expect(withExtra.own['max-review-calls']).toBe(1);
  });

  it('changes the settings key when a setting or the model changes, not otherwise', () => {
    const settings = { ...REVIEW_DEFAULTS, skipGlobs: ['a', 'b'], inputSkipGlobs: [], minConfidence: 0 };
    expect(settingsKey('cto-review', 'openai/gpt-4.1', settings)).toBe(settingsKey('cto-review', 'openai/gpt-4.1', { ...settings, skipGlobs: ['b', 'a'] }));
    expect(settingsKey('cto-review', 'openai/gpt-4.1', settings)).not.toBe(settingsKey('cto-review', 'openai/gpt-4o', settings));
    expect(settingsKey('cto-review', 'openai/gpt-4.1', settings)).not.toBe(settingsKey('cto-review', 'openai/gpt-4.1', { ...settings, blockSeverity: 'high' }));
    // The caps decide whether a review runs, not what it finds.
    expect(settingsKey('cto-review', 'openai/gpt-4.1', settings)).toBe(
      settingsKey('cto-review', 'openai/gpt-4.1', { ...settings, caps: { perPullPerDay: 1, perRepositoryPerDay: 2 } }),
    );
  });
});

describe('resolveTarget', () => {
  const pr = { number: 4, head: { ref: 'x', sha: 'abc' }, base: { ref: 'main' } };

  it('reviews the pull_request actions that change what is reviewed', () => {
    for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review']) {
      expect(resolveTarget(parseEvent('pull_request', { action, pull_request: pr }), undefined)).toMatchObject({ kind: 'pull-request', number: 4 });
    }
    expect(resolveTarget(parseEvent('pull_request', { action: 'closed', pull_request: pr }), undefined)).toMatchObject({ kind: 'refused' });
  });

  it('takes the input number on any event (workflow_dispatch, workflow_call)', () => {
    expect(resolveTarget(parseEvent('workflow_dispatch', {}), 12)).toMatchObject({ kind: 'pull-request', number: 12 });
    expect(resolveTarget(parseEvent('schedule', {}), 12)).toMatchObject({ kind: 'pull-request', number: 12 });
    expect(resolveTarget(parseEvent('schedule', {}), undefined)).toEqual({
      kind: 'refused',
      reason: 'the schedule event is not supported (use pull_request, a /review comment, or pull-request-number)',
    });
  });

  it('turns a /review comment on a pull request into a command to check, and ignores other comments', () => {
    const comment = (body: string, pullRequest: object | null = { url: 'u' }) =>
      parseEvent('issue_comment', {
        action: 'created',
        issue: { number: 4, title: 't', pull_request: pullRequest },
        comment: { id: 1, body, user: { login: 'alice', id: 7, type: 'User' } },
      });
    expect(resolveTarget(comment('/review please'), undefined)).toMatchObject({ kind: 'command', number: 4, commenter: { login: 'alice', id: 7 } });
    expect(resolveTarget(comment('```\n/review\n```'), undefined)).toMatchObject({ kind: 'refused' });
    expect(resolveTarget(comment('/review', null), undefined)).toEqual({ kind: 'refused', reason: '#4 is an issue, not a pull request' });
  });
});
