import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/core/labels.js';
import { stateLabels } from '../../src/core/issue-state.js';
import {
  candidateQuery,
  decidePicks,
  notCandidateBecause,
  rankCandidates,
  type BandResult,
  type IssueSummary,
  type PickRules,
} from '../../src/implement/pick.js';

const RULES: PickRules = {
  candidateLabels: ['roadmap'],
  excludedLabels: [DEFAULT_LABELS.needsApproval, DEFAULT_LABELS.agentSuggestion, ...stateLabels(DEFAULT_LABELS)],
  priorityLabels: { high: 'priority-high', medium: 'priority-medium', low: 'priority-low' },
  botLogin: 'github-actions[bot]',
};

let next = 1;
function issue(labels: string[], createdAt: string, extra: Partial<IssueSummary> = {}): IssueSummary {
  return { number: next++, title: 't', labels: ['roadmap', ...labels], assignees: [], createdAt, state: 'open', isPullRequest: false, ...extra };
}

describe('which issues are candidates', () => {
  it('names why an issue is not one', () => {
    expect(notCandidateBecause(issue([], '2024-01-01T00:00:00Z', { isPullRequest: true }), RULES)).toBe('it is a pull request');
    expect(notCandidateBecause(issue([], '2024-01-01T00:00:00Z', { state: 'closed' }), RULES)).toBe('it is closed');
    expect(notCandidateBecause({ ...issue([], '2024-01-01T00:00:00Z'), labels: ['bug'] }, RULES)).toBe('it lacks the label roadmap');
    expect(notCandidateBecause(issue(['Needs-Approval'], '2024-01-01T00:00:00Z'), RULES)).toBe('it is labelled needs-approval');
    expect(notCandidateBecause(issue(['agent:failed'], '2024-01-01T00:00:00Z'), RULES)).toBe('it is labelled agent:failed');
    expect(notCandidateBecause(issue([], '2024-01-01T00:00:00Z', { assignees: ['alice'] }), RULES)).toBe('it is assigned to alice');
  });

  it('does not count the bot itself as an assignee', () => {
    expect(notCandidateBecause(issue([], '2024-01-01T00:00:00Z', { assignees: ['github-actions[bot]'] }), RULES)).toBeNull();
  });

  it('orders by priority, then age, then number', () => {
    const none = issue([], '2024-01-01T00:00:00Z');
    const low = issue(['priority-low'], '2024-01-02T00:00:00Z');
    const mediumNew = issue(['priority-medium'], '2024-03-01T00:00:00Z');
    const mediumOld = issue(['priority-medium'], '2024-02-01T00:00:00Z');
    const high = issue(['priority-high', 'priority-low'], '2024-05-01T00:00:00Z');
    const tieA = issue(['priority-low'], '2024-01-02T00:00:00Z');
    expect(rankCandidates([none, low, mediumNew, tieA, mediumOld, high], RULES).map((entry) => entry.number)).toEqual(
      [high, mediumOld, mediumNew, low, tieA, none].map((entry) => entry.number),
    );
  });
});

describe('the search plan', () => {
  it('quotes labels and excludes every state in the query', () => {
    const q = candidateQuery('acme/widgets', RULES, 'medium-or-low');
    expect(q).toContain('repo:acme/widgets is:issue is:open no:assignee label:"roadmap"');
    expect(q).toContain('-label:"agent:in-progress"');
    expect(q).toContain('label:"priority-medium","priority-low" -label:"priority-high"');
    expect(candidateQuery('acme/widgets', RULES, 'none')).toContain('-label:"priority-high" -label:"priority-medium" -label:"priority-low"');
  });

  const page = (band: BandResult['band'], items: IssueSummary[], totalCount = items.length): BandResult => ({ band, items, totalCount });

  it('stops after the high band when it has a candidate', () => {
    const high = issue(['priority-high'], '2024-01-01T00:00:00Z');
    expect(decidePicks([], RULES, 1).next).toBe('high');
    expect(decidePicks([page('high', [high])], RULES, 1)).toEqual({ picks: [high], next: null });
  });

  it('takes the first medium issue of a medium-or-low page, which is the oldest medium one', () => {
    const lows = Array.from({ length: 50 }, (_, i) => issue(['priority-low'], `2024-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`));
    const medium = issue(['priority-medium'], '2024-02-01T00:00:00Z');
    expect(decidePicks([page('high', [])], RULES, 1).next).toBe('medium-or-low');
    expect(decidePicks([page('high', []), page('medium-or-low', [...lows, medium], 900)], RULES, 1)).toEqual({ picks: [medium], next: null });
  });

  it('asks the medium band only when a full page holds no medium issue, and then still prefers low over none', () => {
    const lows = Array.from({ length: 100 }, () => issue(['priority-low'], '2024-01-01T00:00:00Z'));
    const first = decidePicks([page('high', []), page('medium-or-low', lows, 130)], RULES, 1);
    expect(first.next).toBe('medium');
    const noMedium = decidePicks([page('high', []), page('medium-or-low', lows, 130), page('medium', [])], RULES, 1);
    expect(noMedium).toEqual({ picks: [lows[0]], next: null });
    const medium = issue(['priority-medium'], '2025-01-01T00:00:00Z');
    expect(decidePicks([page('high', []), page('medium-or-low', lows, 130), page('medium', [medium])], RULES, 1).picks).toEqual([medium]);
  });

  it('falls back to unprioritised work only when there is no medium or low issue, in at most three searches', () => {
    const plain = issue([], '2023-01-01T00:00:00Z');
    expect(decidePicks([page('high', []), page('medium-or-low', [])], RULES, 1).next).toBe('none');
    const done = decidePicks([page('high', []), page('medium-or-low', []), page('none', [plain], 400)], RULES, 1);
    expect(done).toEqual({ picks: [plain], next: null });
  });

  it('re-checks every search result, since the index can lag a label change', () => {
    const claimed = issue(['priority-high', 'agent:in-progress'], '2024-01-01T00:00:00Z');
    expect(decidePicks([page('high', [claimed])], RULES, 1)).toEqual({ picks: [], next: 'medium-or-low' });
  });

  it('fills several picks across bands for max-parallel', () => {
    const high = issue(['priority-high'], '2024-06-01T00:00:00Z');
    const low = issue(['priority-low'], '2024-01-01T00:00:00Z');
    const plain = issue([], '2023-01-01T00:00:00Z');
    const result = decidePicks([page('high', [high]), page('medium-or-low', [low]), page('none', [plain])], RULES, 3);
    expect(result).toEqual({ picks: [high, low, plain], next: null });
  });
});
