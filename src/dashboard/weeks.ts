/**
 * The dashboard's trends: one row per ISO week (the triage report's period), oldest first, computed from the
 * same snapshot the weekly report reads. Pure. A figure with no data in a week is null (drawn as a gap), never 0.
 */
import type { LabelNames } from '../core/labels.js';
import { median } from '../triage/metrics.js';
import { inPeriod, isoWeekPeriod, type Period } from '../triage/period.js';
import { suggestionStatus, type Snapshot } from '../triage/snapshot.js';

export interface WeekRow {
  week: string;
  /** Issues an implement run claimed (from the claim time in each PR's marker). */
  picked: number;
  opened: number;
  merged: number;
  closedUnmerged: number;
  /** merged ÷ (merged + closed unmerged) of the PRs that ended this week. */
  mergeRate: number | null;
  raised: number;
  approved: number;
  rejected: number;
  /** approved ÷ (approved + rejected) of the decisions this week. */
  acceptanceRate: number | null;
  /** Of the suggestions raised this week, the share rejected since. */
  falsePositiveShare: number | null;
  medianClaimToPrHours: number | null;
  medianPrToMergeHours: number | null;
  /** Model spend of the PRs opened this week, and its mean per implementation. */
  spendUsd: number;
  costPerImplementation: number | null;
  /** Suggestions raised this week per source (cto-review, ciso-review, discovery analysts…). */
  raisedBySource: Record<string, number>;
}

const WEEK_MS = 7 * 86_400_000;
const HOUR_MS = 3_600_000;

/** The `count` ISO weeks ending with the one holding `now`, oldest first. */
export function recentWeeks(now: Date, count: number): Period[] {
  const weeks: Period[] = [];
  for (let back = count - 1; back >= 0; back--) weeks.push(isoWeekPeriod(new Date(now.getTime() - back * WEEK_MS)));
  return weeks;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function hoursBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isNaN(ms) || ms < 0 ? null : ms / HOUR_MS;
}

function present<T>(values: ReadonlyArray<T | null>): T[] {
  return values.filter((value): value is T => value !== null);
}

/**
 * Approval times: the triage report's ledger records when each approval was made (labels do not say). Every
 * report's ledger is read, so weeks before the current one keep their approvals.
 */
function approvalTimes(snapshot: Snapshot): Map<number, string> {
  const times = new Map<number, string>();
  for (const report of snapshot.reports) for (const entry of report.marker?.approvals ?? []) if (!times.has(entry.issue)) times.set(entry.issue, entry.at);
  return times;
}

export function weeklyTrends(snapshot: Snapshot, names: LabelNames, now: Date, count: number): WeekRow[] {
  const approvedAt = approvalTimes(snapshot);
  return recentWeeks(now, count).map((period) => {
    const within = (timestamp: string | null | undefined): boolean => inPeriod(timestamp, period);
    const opened = snapshot.pulls.filter((pull) => within(pull.createdAt));
    const merged = snapshot.pulls.filter((pull) => pull.mergedAt !== null && within(pull.mergedAt));
    const closedUnmerged = snapshot.pulls.filter((pull) => !pull.open && pull.mergedAt === null && within(pull.closedAt));
    const raised = snapshot.suggestions.filter((s) => within(s.createdAt));
    const rejected = snapshot.suggestions.filter((s) => suggestionStatus(s, names) === 'rejected' && within(s.closedAt)).length;
    const approved = snapshot.suggestions.filter((s) => within(approvedAt.get(s.number))).length;
    const costs = opened.flatMap((pull) => (pull.marker ? [pull.marker.costUsd] : []));
    const spend = costs.reduce((sum, cost) => sum + cost, 0);
    const raisedBySource: Record<string, number> = {};
    for (const suggestion of raised) raisedBySource[suggestion.source] = (raisedBySource[suggestion.source] ?? 0) + 1;
    return {
      week: period.id,
      picked: snapshot.pulls.filter((pull) => within(pull.marker?.claimedAt)).length,
      opened: opened.length,
      merged: merged.length,
      closedUnmerged: closedUnmerged.length,
      mergeRate: ratio(merged.length, merged.length + closedUnmerged.length),
      raised: raised.length,
      approved,
      rejected,
      acceptanceRate: ratio(approved, approved + rejected),
      falsePositiveShare: ratio(raised.filter((s) => suggestionStatus(s, names) === 'rejected').length, raised.length),
      medianClaimToPrHours: median(present(opened.map((pull) => hoursBetween(pull.marker?.claimedAt, pull.marker?.openedAt)))),
      medianPrToMergeHours: median(present(merged.map((pull) => hoursBetween(pull.createdAt, pull.mergedAt)))),
      spendUsd: spend,
      costPerImplementation: costs.length === 0 ? null : spend / costs.length,
      raisedBySource,
    };
  });
}
