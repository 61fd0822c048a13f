/**
 * Which findings become suggestion issues (issues, not just comments, so the product owner can
 * triage them), decided against the suggestions that already exist. Pure.
 *
 * - A finding at or above the minimum severity, and not specific to the PR's own lines unless configured,
 *   is eligible.
 * - The same fingerprint already has an issue (or, from the other reviewer, the same location): no new one.
 *   If it is open and does not know this PR yet, it gets a "seen again in #N" note and the PR is added to
 *   its marker; if it was rejected in triage (closed as not planned or duplicate), it is never raised again.
 * - Otherwise a new issue.
 */
import type { SuggestionMarker } from '../core/contracts.js';
import type { ReviewedFinding } from './findings.js';
import type { ReviewerName } from './profile.js';
import { reaches, type Threshold } from './severity.js';

export interface ExistingSuggestion {
  number: number;
  state: 'open' | 'closed';
  stateReason: string | null;
  body: string;
  /** The suggestion marker's data (without its version field). */
  marker: Omit<SuggestionMarker, 'v'>;
}

export type SuggestionAction =
  | { kind: 'create'; finding: ReviewedFinding }
  | { kind: 'note'; finding: ReviewedFinding; issue: ExistingSuggestion }
  | { kind: 'known'; finding: ReviewedFinding; issue: ExistingSuggestion }
  | { kind: 'rejected'; finding: ReviewedFinding; issue: ExistingSuggestion };

export interface SuggestionPolicy {
  reviewer: ReviewerName;
  pullNumber: number;
  minSeverity: Threshold;
  includePrSpecific: boolean;
}

const REJECTED_REASONS = new Set(['not_planned', 'duplicate']);

export function isRejected(issue: ExistingSuggestion): boolean {
  return issue.state === 'closed' && REJECTED_REASONS.has(issue.stateReason ?? '');
}

export function isEligible(finding: ReviewedFinding, policy: SuggestionPolicy): boolean {
  return reaches(finding.severity, policy.minSeverity) && (policy.includePrSpecific || finding.prSpecific !== true);
}

/** The existing suggestions that stand for this finding: same fingerprint, or the other reviewer's at the same location. */
export function matchingSuggestions(finding: ReviewedFinding, existing: readonly ExistingSuggestion[], reviewer: ReviewerName): ExistingSuggestion[] {
  return existing.filter(
    (issue) =>
      issue.marker.fingerprint === finding.fingerprint ||
      (issue.marker.source !== reviewer && issue.marker.location !== undefined && issue.marker.location === finding.location),
  );
}

/** Pure: one action per finding that is eligible or already has an issue. */
export function planSuggestions(findings: readonly ReviewedFinding[], existing: readonly ExistingSuggestion[], policy: SuggestionPolicy): SuggestionAction[] {
  const actions: SuggestionAction[] = [];
  for (const finding of findings) {
    const matches = matchingSuggestions(finding, existing, policy.reviewer);
    const rejected = matches.find(isRejected);
    if (rejected) {
      actions.push({ kind: 'rejected', finding, issue: rejected });
      continue;
    }
    // A suggestion closed as completed that shows up again is a regression: it gets a new issue.
    const open = matches.filter((issue) => issue.state === 'open').sort((a, b) => a.number - b.number)[0];
    if (open) {
      actions.push({ kind: open.marker.prs.includes(policy.pullNumber) ? 'known' : 'note', finding, issue: open });
      continue;
    }
    if (isEligible(finding, policy)) actions.push({ kind: 'create', finding });
  }
  return actions;
}
