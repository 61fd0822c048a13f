import { describe, expect, it } from 'vitest';
import { isStaleClaim } from '../../src/core/claims.js';
import {
  ALLOWED_TRANSITIONS,
  WORK_STATES,
  currentState,
  isAllowedTransition,
  planTransition,
  stateLabel,
  stateLabels,
  type WorkState,
} from '../../src/core/issue-state.js';
import { DEFAULT_LABELS, resolveLabelNames } from '../../src/core/labels.js';

const names = DEFAULT_LABELS;

describe('currentState', () => {
  it('reads no state from an issue without agent labels', () => {
    expect(currentState(['roadmap', 'priority-high'], names)).toEqual({ state: null, present: [], conflict: false });
  });

  it('reads the one state label, ignoring case', () => {
    expect(currentState(['roadmap', 'Agent:PR-Open'], names)).toEqual({ state: 'pr-open', present: ['pr-open'], conflict: false });
  });

  it('reports every state when several are present and picks the same one whatever the order', () => {
    const a = currentState(['agent:in-progress', 'agent:pr-open'], names);
    const b = currentState(['agent:pr-open', 'agent:in-progress'], names);
    expect(a).toEqual({ state: 'pr-open', present: ['pr-open', 'in-progress'], conflict: true });
    expect(b).toEqual(a);
    // a finished or waiting state always beats a working one
    expect(currentState(['agent:in-progress', 'agent:failed'], names).state).toBe('failed');
    expect(currentState(['agent:in-progress', 'agent:spec-review'], names).state).toBe('spec-review');
    expect(currentState(['agent:pr-open', 'agent:done'], names).state).toBe('done');
  });

  it('uses configured names', () => {
    const custom = resolveLabelNames({ agentInProgress: 'wip' });
    expect(currentState(['wip'], custom).state).toBe('in-progress');
    expect(currentState(['agent:in-progress'], custom).state).toBeNull();
    expect(stateLabels(custom)).toContain('wip');
    expect(stateLabels(custom)).toHaveLength(WORK_STATES.length);
  });
});

describe('transition table', () => {
  const allowed: Array<[WorkState | null, WorkState]> = [
    [null, 'in-progress'],
    ['in-progress', 'needs-clarification'],
    ['in-progress', 'spec-review'],
    ['in-progress', 'pr-open'],
    ['in-progress', 'failed'],
    ['needs-clarification', 'in-progress'],
    ['spec-review', 'in-progress'],
    ['spec-review', 'failed'],
    ['pr-open', 'done'],
    ['pr-open', 'in-progress'],
    ['pr-open', 'failed'],
    ['failed', 'in-progress'],
  ];

  it('allows exactly the listed moves (plus staying put)', () => {
    for (const from of [null, ...WORK_STATES] as Array<WorkState | null>) {
      for (const to of WORK_STATES) {
        const expected = from === to || allowed.some(([f, t]) => f === from && t === to);
        expect(isAllowedTransition(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
    expect(ALLOWED_TRANSITIONS.done).toEqual([]);
  });
});

describe('planTransition', () => {
  it('claims an unclaimed issue by adding the state and removing nothing', () => {
    expect(planTransition(['roadmap'], 'in-progress', names)).toEqual({ ok: true, from: null, to: 'in-progress', add: ['agent:in-progress'], remove: [] });
  });

  it('adds the new state and removes the old one', () => {
    expect(planTransition(['roadmap', 'agent:in-progress'], 'pr-open', names)).toEqual({
      ok: true,
      from: 'in-progress',
      to: 'pr-open',
      add: ['agent:pr-open'],
      remove: ['agent:in-progress'],
    });
  });

  it('refuses a move the table does not allow, naming both states', () => {
    expect(planTransition(['agent:done'], 'in-progress', names)).toEqual({
      ok: false,
      from: 'done',
      to: 'in-progress',
      reason: 'cannot move an issue from done to in-progress',
    });
    expect(planTransition([], 'pr-open', names)).toMatchObject({ ok: false, from: null, to: 'pr-open', reason: expect.stringMatching(/no state to pr-open/) });
    expect(planTransition(['agent:needs-clarification'], 'pr-open', names).ok).toBe(false);
  });

  it('repairs the state left by a crash between adding and removing: rerunning the same move only removes', () => {
    // in-progress -> pr-open crashed after the add
    const plan = planTransition(['agent:in-progress', 'agent:pr-open'], 'pr-open', names);
    expect(plan).toEqual({ ok: true, from: 'pr-open', to: 'pr-open', add: [], remove: ['agent:in-progress'] });
  });

  it('removes every other state label when several are present', () => {
    const plan = planTransition(['agent:failed', 'agent:in-progress', 'agent:spec-review'], 'in-progress', names);
    expect(plan).toMatchObject({ ok: true, from: 'failed', add: [], remove: ['agent:failed', 'agent:spec-review'] });
  });

  it('makes no write to re-assert a clean state', () => {
    expect(planTransition(['agent:pr-open'], 'pr-open', names)).toMatchObject({ ok: true, add: [], remove: [] });
  });

  it('uses configured label names', () => {
    const custom = resolveLabelNames({ agentInProgress: 'wip', agentPrOpen: 'has-pr' });
    expect(planTransition(['WIP'], 'pr-open', custom)).toMatchObject({ ok: true, add: ['has-pr'], remove: ['wip'] });
    expect(stateLabel('pr-open', custom)).toBe('has-pr');
  });
});

describe('isStaleClaim', () => {
  const now = new Date('2025-01-10T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

  it('keeps a fresh claim whatever its run', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(1), runId: 5 }, now, 6, false)).toBe(false);
    expect(isStaleClaim({ claimedAt: hoursAgo(1), runId: undefined }, now, 6, undefined)).toBe(false);
  });

  it('reclaims an old claim whose run is gone or unknown', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(7), runId: 5 }, now, 6, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(6), runId: 5 }, now, 6, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(7), runId: undefined }, now, 6, undefined)).toBe(true);
  });

  it('never reclaims while the run is still going', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(30), runId: 5 }, now, 6, true)).toBe(false);
    expect(isStaleClaim({ claimedAt: undefined, runId: 5 }, now, 6, true)).toBe(false);
  });

  it('honours the configured age', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(2), runId: 5 }, now, 1, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(2), runId: 5 }, now, 24, false)).toBe(false);
  });

  it('treats a claim without a readable time as old, and one from the future as fresh', () => {
    expect(isStaleClaim({ claimedAt: undefined, runId: undefined }, now, 6, undefined)).toBe(true);
    expect(isStaleClaim({ claimedAt: 'yesterday-ish', runId: 5 }, now, 6, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(-3), runId: 5 }, now, 6, false)).toBe(false);
  });
});
