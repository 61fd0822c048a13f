import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS as names } from '../../src/core/labels.js';
import {
  applyDecision,
  planApproval,
  planCommand,
  planHandDecisions,
  planRejection,
  priorityFor,
  withLabelCreation,
  type Decision,
} from '../../src/triage/decide.js';
import { snapshotOf, suggestion } from './fixtures.js';

const now = new Date('2026-11-25T10:00:00Z');

function decisionOf(result: ReturnType<typeof planApproval>): Decision {
  if (!('decision' in result)) throw new Error(`expected a decision, got ${JSON.stringify(result)}`);
  return result.decision;
}

describe('approving', () => {
  it('derives the priority from the severity: critical and high → high, unknown → medium', () => {
    expect(priorityFor('critical')).toBe('high');
    expect(priorityFor('high')).toBe('high');
    expect(priorityFor('medium')).toBe('medium');
    expect(priorityFor('low')).toBe('low');
    expect(priorityFor(null)).toBe('medium');
  });

  it('adds roadmap and the priority, removes needs-approval, then says who and when', () => {
    const s = suggestion({ number: 12, severity: 'critical' });
    const decision = decisionOf(planApproval(s, { by: 'alice', via: 'command', priority: undefined, now }, names));
    expect(decision.writes.map((w) => w.op)).toEqual(['add-labels', 'remove-label', 'comment']);
    expect(decision.writes[0]).toEqual({ op: 'add-labels', issue: 12, labels: ['roadmap', 'priority-high'] });
    expect(decision.writes[1]).toEqual({ op: 'remove-label', issue: 12, label: 'needs-approval' });
    const comment = decision.writes[2];
    expect(comment?.op === 'comment' && comment.body).toMatch(/Approved\*\* — approved by @alice; recorded 2026-11-25 10:00 UTC/);
    expect(decision.approval).toEqual({ issue: 12, at: now.toISOString(), by: 'alice' });
  });

  it('takes an explicit priority and replaces a different one already set', () => {
    const s = suggestion({ number: 3, labels: ['agent-suggestion', 'needs-approval', 'priority-high'] });
    const decision = decisionOf(planApproval(s, { by: 'alice', via: 'command', priority: 'low', now }, names));
    expect(decision.writes.slice(0, 3)).toEqual([
      { op: 'add-labels', issue: 3, labels: ['roadmap', 'priority-low'] },
      { op: 'remove-label', issue: 3, label: 'needs-approval' },
      { op: 'remove-label', issue: 3, label: 'priority-high' },
    ]);
  });

  it('changes nothing on an approved suggestion (a rerun writes nothing twice) and refuses a closed one', () => {
    const approved = suggestion({ number: 4, labels: ['agent-suggestion', 'roadmap', 'priority-medium'] });
    expect(planApproval(approved, { by: 'alice', via: 'command', priority: undefined, now }, names)).toEqual({
      unchanged: '#4 is already approved (priority medium).',
    });
    const closed = suggestion({ number: 5, open: false, stateReason: 'completed' });
    expect(planApproval(closed, { by: 'alice', via: 'command', priority: undefined, now }, names)).toEqual({
      refused: '#5 is closed; reopen it before approving it.',
    });
  });
});

describe('rejecting', () => {
  it('comments the quoted reason first, then closes as not planned without the triage labels', () => {
    const s = suggestion({ number: 7, labels: ['agent-suggestion', 'needs-approval', 'severity-low', 'security'] });
    const result = planCommand({ name: 'reject', reason: 'we accept this risk' }, s, 'mia', now, names);
    const decision = decisionOf(result);
    expect(decision.writes.map((w) => w.op)).toEqual(['comment', 'close']);
    const [comment, close] = decision.writes;
    expect(comment?.op === 'comment' && comment.body).toContain('> we accept this risk');
    expect(comment?.op === 'comment' && comment.body).toContain('"fingerprint":"fp-7"');
    expect(close).toEqual({ op: 'close', issue: 7, labels: ['agent-suggestion', 'severity-low', 'security'] });
  });

  it('changes nothing on a rejected suggestion and refuses one closed otherwise', () => {
    const rejected = suggestion({ number: 8, open: false, stateReason: 'not_planned', labels: ['agent-suggestion'] });
    expect(planRejection(rejected, { by: 'mia', via: 'command', reason: 'x', now }, names)).toEqual({ unchanged: '#8 is already rejected.' });
    const done = suggestion({ number: 9, open: false, stateReason: 'completed' });
    expect(planRejection(done, { by: 'mia', via: 'command', reason: 'x', now }, names)).toEqual({ refused: '#9 is already closed.' });
  });
});

describe('decisions made by hand', () => {
  const snapshot = snapshotOf({
    suggestions: [
      suggestion({ number: 1 }),
      suggestion({ number: 2, severity: 'high', labels: ['agent-suggestion', 'needs-approval', 'roadmap'] }),
      suggestion({ number: 3, labels: ['agent-suggestion', 'roadmap', 'priority-low'] }),
      suggestion({ number: 4, open: false, stateReason: 'not_planned', labels: ['agent-suggestion', 'needs-approval'] }),
      suggestion({ number: 5, open: false, stateReason: 'not_planned', labels: ['agent-suggestion'] }),
      suggestion({ number: 6, labels: ['agent-suggestion', 'roadmap'] }),
    ],
  });

  it('finishes a hand-added roadmap label and records a hand close; recorded ones are left alone', () => {
    const decisions = planHandDecisions(snapshot, names, now);
    expect(decisions.map((d) => [d.issue, d.kind])).toEqual([
      [2, 'approve'],
      [4, 'reject'],
      [6, 'approve'],
    ]);
    expect(decisions[0]?.writes.slice(0, 2)).toEqual([
      { op: 'add-labels', issue: 2, labels: ['priority-high'] },
      { op: 'remove-label', issue: 2, label: 'needs-approval' },
    ]);
    expect(decisions[1]?.writes.map((w) => w.op)).toEqual(['remove-label', 'comment']);
    expect(decisions[0]?.summary).toBe('#2 approved (roadmap label added by hand), priority high');
  });

  it('names the person when the run was started by their change', () => {
    const [first] = planHandDecisions(snapshot, names, now, { issue: 2, login: 'mia' });
    const comment = first?.writes.find((w) => w.op === 'comment');
    expect(comment?.op === 'comment' && comment.body).toContain('@mia added the `roadmap` label');
  });
});

describe('label creation and the snapshot after a decision', () => {
  it('creates labels the repository lacks before adding them', () => {
    const writes = withLabelCreation([{ op: 'add-labels', issue: 1, labels: ['roadmap', 'priority-low'] }], new Set(['roadmap']));
    expect(writes).toEqual([
      { op: 'create-label', name: 'priority-low' },
      { op: 'add-labels', issue: 1, labels: ['roadmap', 'priority-low'] },
    ]);
  });

  it('applies the writes so the report shows the decision', () => {
    const snapshot = snapshotOf({ suggestions: [suggestion({ number: 1 })] });
    const decision = decisionOf(planRejection(suggestion({ number: 1 }), { by: 'mia', via: 'command', reason: 'no', now }, names));
    const after = applyDecision(snapshot, decision, now);
    expect(after.suggestions[0]).toMatchObject({ open: false, stateReason: 'not_planned', closedAt: now.toISOString() });
    expect(after.suggestions[0]?.labels).not.toContain('needs-approval');
  });
});
