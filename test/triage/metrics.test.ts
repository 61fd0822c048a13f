import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS as names } from '../../src/core/labels.js';
import { computeMetrics, median } from '../../src/triage/metrics.js';
import { isoWeekPeriod } from '../../src/triage/period.js';
import type { AutomatedPull } from '../../src/triage/snapshot.js';
import { snapshotOf, suggestion } from './fixtures.js';

function pull(number: number, createdAt: string, claimedAt: string, costUsd: number, end: { mergedAt?: string; closedAt?: string } = {}): AutomatedPull {
  return {
    number,
    title: `PR ${number}`,
    url: '',
    open: !end.mergedAt && !end.closedAt,
    createdAt,
    closedAt: end.mergedAt ?? end.closedAt ?? null,
    mergedAt: end.mergedAt ?? null,
    marker: { issue: number + 100, costUsd, openedAt: createdAt, claimedAt },
  };
}

// The same hand-computed fixture the runner test uses (test/actions/triage-report-metrics.test.ts).
const period = isoWeekPeriod(new Date('2026-11-25T10:00:00Z'));
const snapshot = snapshotOf({
  pulls: [
    pull(51, '2026-11-10T09:40:00Z', '2026-11-10T09:00:00Z', 0.6, { mergedAt: '2026-11-10T13:40:00Z' }), // 40 min, 4 h
    pull(52, '2026-11-23T08:00:00Z', '2026-11-23T07:30:00Z', 0.4, { mergedAt: '2026-11-24T08:00:00Z' }), // 30 min, 24 h
    pull(53, '2026-11-24T09:00:00Z', '2026-11-24T08:00:00Z', 1.1, { closedAt: '2026-11-24T12:00:00Z' }), // 60 min
    pull(54, '2026-11-25T08:00:00Z', '2026-11-25T07:50:00Z', 0.3), // 10 min, open
    pull(55, '2026-11-02T10:00:00Z', '2026-11-02T09:00:00Z', 0.5, { mergedAt: '2026-11-03T10:00:00Z' }), // 60 min, 24 h
  ],
  suggestions: [
    suggestion({ number: 1, createdAt: '2026-11-01T00:00:00Z', labels: ['agent-suggestion', 'roadmap', 'priority-high'] }),
    suggestion({ number: 3, createdAt: '2026-11-15T00:00:00Z', labels: ['agent-suggestion', 'roadmap', 'priority-medium'] }),
    suggestion({
      number: 4,
      createdAt: '2026-11-23T12:00:00Z',
      open: false,
      stateReason: 'not_planned',
      closedAt: '2026-11-24T10:00:00Z',
      labels: ['agent-suggestion'],
    }),
    suggestion({
      number: 5,
      createdAt: '2026-11-01T00:00:00Z',
      open: false,
      stateReason: 'not_planned',
      closedAt: '2026-11-05T10:00:00Z',
      labels: ['agent-suggestion'],
    }),
    suggestion({ number: 6, createdAt: '2026-11-24T00:00:00Z' }),
    suggestion({ number: 7, createdAt: '2026-10-01T00:00:00Z' }),
    suggestion({
      number: 8,
      createdAt: '2026-11-02T00:00:00Z',
      open: false,
      stateReason: 'completed',
      closedAt: '2026-11-04T00:00:00Z',
      labels: ['agent-suggestion'],
    }),
  ],
  roadmap: [{ number: 90, title: 'x', url: '', state: 'failed', updatedAt: '2026-11-20T00:00:00Z' }],
});
const ledger = [
  { issue: 3, at: '2026-11-25T10:00:00Z', by: 'alice' },
  { issue: 1, at: '2026-11-16T10:00:00Z', by: 'alice' }, // last week: not this week's
];

describe('metrics over a hand-computed fixture', () => {
  const metrics = computeMetrics(snapshot, names, period, ledger);

  it('this week', () => {
    expect(metrics.week).toEqual({
      prsOpened: 3,
      prsMerged: 1,
      prsClosedUnmerged: 1,
      mergeRate: 0.5,
      approved: 1,
      rejected: 1,
      acceptanceRate: 0.5,
      raised: 2,
      falsePositiveShare: 0.5,
      costedImplementations: 3,
      costPerImplementation: expect.closeTo(0.6, 10),
      medianClaimToPrMs: 30 * 60_000,
      medianPrToMergeMs: 24 * 3_600_000,
    });
  });

  it('all time', () => {
    expect(metrics.allTime).toEqual({
      prsOpened: 5,
      prsMerged: 3,
      prsClosedUnmerged: 1,
      mergeRate: 0.75,
      approved: 2,
      rejected: 2,
      acceptanceRate: 0.5,
      raised: 7,
      falsePositiveShare: 2 / 7,
      costedImplementations: 5,
      costPerImplementation: expect.closeTo(0.58, 10),
      medianClaimToPrMs: 40 * 60_000,
      medianPrToMergeMs: 24 * 3_600_000,
    });
    expect(metrics.outcomes).toEqual({ pending: 2, approved: 2, rejected: 2, other: 1 });
    expect(metrics.failedNow).toBe(1);
  });

  it('median of an even count is the mean of the middle two; of nothing, null', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
