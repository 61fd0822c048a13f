/**
 * The numbers that show whether the loop works (merge and acceptance rates, cost, time to merge), for the
 * report's week and for all time, from labels, pull requests and the implement-PR marker. Pure; every figure
 * is defined here once:
 *
 * - merge rate: merged ÷ (merged + closed unmerged) automated PRs (target > 70%);
 * - acceptance rate: approved ÷ (approved + rejected) suggestions (target > 50%);
 * - false-positive share: of the suggestions raised in the window, the share rejected (target < 20%);
 * - cost per implementation: the mean `costUsd` of implement's PRs opened in the window (target < $1);
 * - median claim → PR: `openedAt − claimedAt` from the marker (one clock, implement's), PRs opened in the window;
 * - median PR → merge: GitHub's `merged_at − created_at`, PRs merged in the window.
 *
 * Approvals in the week come from the report's ledger (labels do not say when they were added); all-time
 * approvals are the suggestions carrying the roadmap label.
 */
import type { LabelNames } from '../core/labels.js';
import type { RecordedApproval } from './markers.js';
import { inPeriod, type Period } from './period.js';
import { suggestionStatus, type Snapshot, type SuggestionStatus } from './snapshot.js';

export interface WindowMetrics {
  prsOpened: number;
  prsMerged: number;
  prsClosedUnmerged: number;
  mergeRate: number | null;
  approved: number;
  rejected: number;
  acceptanceRate: number | null;
  raised: number;
  falsePositiveShare: number | null;
  /** PRs whose marker carried a cost, and their mean. */
  costedImplementations: number;
  costPerImplementation: number | null;
  medianClaimToPrMs: number | null;
  medianPrToMergeMs: number | null;
}

export interface Metrics {
  week: WindowMetrics;
  allTime: WindowMetrics;
  /** Suggestions by where they stand now. */
  outcomes: Record<SuggestionStatus, number>;
  /** Roadmap issues in agent:failed now. */
  failedNow: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function elapsed(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isNaN(ms) || ms < 0 ? null : ms;
}

function windowMetrics(snapshot: Snapshot, names: LabelNames, within: (timestamp: string | null) => boolean, approvedCount: number): WindowMetrics {
  const opened = snapshot.pulls.filter((pull) => within(pull.createdAt));
  const merged = snapshot.pulls.filter((pull) => pull.mergedAt !== null && within(pull.mergedAt));
  const closedUnmerged = snapshot.pulls.filter((pull) => !pull.open && pull.mergedAt === null && within(pull.closedAt));
  const rejected = snapshot.suggestions.filter((s) => suggestionStatus(s, names) === 'rejected' && within(s.closedAt)).length;
  const raised = snapshot.suggestions.filter((s) => within(s.createdAt));
  const raisedRejected = raised.filter((s) => suggestionStatus(s, names) === 'rejected').length;
  const costs = opened.flatMap((pull) => (pull.marker ? [pull.marker.costUsd] : []));
  const claimToPr = opened.flatMap((pull) => {
    const ms = elapsed(pull.marker?.claimedAt, pull.marker?.openedAt);
    return ms === null ? [] : [ms];
  });
  const prToMerge = merged.flatMap((pull) => {
    const ms = elapsed(pull.createdAt, pull.mergedAt);
    return ms === null ? [] : [ms];
  });
  return {
    prsOpened: opened.length,
    prsMerged: merged.length,
    prsClosedUnmerged: closedUnmerged.length,
    mergeRate: ratio(merged.length, merged.length + closedUnmerged.length),
    approved: approvedCount,
    rejected,
    acceptanceRate: ratio(approvedCount, approvedCount + rejected),
    raised: raised.length,
    falsePositiveShare: ratio(raisedRejected, raised.length),
    costedImplementations: costs.length,
    costPerImplementation: costs.length === 0 ? null : costs.reduce((sum, cost) => sum + cost, 0) / costs.length,
    medianClaimToPrMs: median(claimToPr),
    medianPrToMergeMs: median(prToMerge),
  };
}

export function computeMetrics(snapshot: Snapshot, names: LabelNames, period: Period, ledger: readonly RecordedApproval[]): Metrics {
  const outcomes: Record<SuggestionStatus, number> = { pending: 0, approved: 0, rejected: 0, other: 0 };
  for (const suggestion of snapshot.suggestions) outcomes[suggestionStatus(suggestion, names)]++;
  const approvedThisWeek = new Set(ledger.filter((entry) => inPeriod(entry.at, period)).map((entry) => entry.issue)).size;
  return {
    week: windowMetrics(snapshot, names, (timestamp) => inPeriod(timestamp, period), approvedThisWeek),
    allTime: windowMetrics(snapshot, names, (timestamp) => timestamp !== null, outcomes.approved),
    outcomes,
    failedNow: snapshot.roadmap.filter((issue) => issue.state === 'failed').length,
  };
}
