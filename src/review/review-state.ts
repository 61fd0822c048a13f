/**
 * The reviewer's memory on a pull request: the hidden marker of its sticky summary comment (kind = the
 * reviewer's name; schema in the marker registry, core/markers/). It records the head last reviewed and with which settings (a rerun on the same head
 * with the same settings does nothing), and the findings open at that head (what disappears on the next
 * push is shown as resolved). Written last in a review: it is the commit point.
 */
import type { ResolvedFinding, ReviewState, StoredFinding } from '../core/markers/schemas.js';
import type { ReviewedFinding } from './findings.js';

export type { ResolvedFinding, ReviewState, StoredFinding } from '../core/markers/schemas.js';

// Keeps the marker well under GitHub's 65,536-character comment limit.
const MAX_STORED = 150;
const MAX_RESOLVED = 30;

export function storeFinding(finding: ReviewedFinding, issue: number | undefined): StoredFinding {
  return {
    fp: finding.fingerprint,
    loc: finding.location,
    severity: finding.severity,
    category: finding.category,
    file: finding.file,
    line: finding.placement === 'inline' ? finding.line : null,
    title: finding.title.slice(0, 120),
    ...(issue !== undefined ? { issue } : {}),
    ...(finding.ruleId !== undefined ? { rule: finding.ruleId } : {}),
  };
}

export interface FindingChanges {
  /** Fingerprints not open in the previous review of this PR. */
  fresh: Set<string>;
  /** Open in the previous review, gone now. */
  resolved: ResolvedFinding[];
  /** Open in the previous review, absent now only because this review did not look (kept open). */
  carried: StoredFinding[];
}

/**
 * Pure: what changed since the previous review of this PR. A finding is resolved only when this review
 * looked where it was: `unseen` says which earlier findings this review could not have found again (a file
 * left out of the budget, a skipped model pass).
 */
export function compareFindings(
  current: readonly ReviewedFinding[],
  previous: ReviewState | null,
  headSha: string,
  unseen: (finding: StoredFinding) => boolean = () => false,
): FindingChanges {
  const before = new Set((previous?.findings ?? []).map((finding) => finding.fp));
  const now = new Set(current.map((finding) => finding.fingerprint));
  const fresh = new Set(current.filter((finding) => !before.has(finding.fingerprint)).map((finding) => finding.fingerprint));
  const gone = (previous?.findings ?? []).filter((finding) => !now.has(finding.fp));
  const carried = gone.filter(unseen);
  const newlyResolved = gone.filter((finding) => !unseen(finding)).map((finding) => ({ ...finding, resolvedAt: headSha }));
  // Earlier resolutions stay listed unless the finding came back.
  const earlier = (previous?.resolved ?? []).filter((finding) => !now.has(finding.fp) && !newlyResolved.some((item) => item.fp === finding.fp));
  return { fresh, resolved: [...newlyResolved, ...earlier].slice(0, MAX_RESOLVED), carried };
}

export function nextState(input: {
  previous: ReviewState | null;
  headSha: string;
  settingsKey: string;
  complete: boolean;
  shouldBlock: boolean;
  conclusion: ReviewState['conclusion'];
  reviewId: number | null;
  costUsd: number;
  findings: readonly ReviewedFinding[];
  issues: ReadonlyMap<string, number>;
  resolved: ResolvedFinding[];
  /** Earlier findings this review could not check; they stay open. */
  carried: readonly StoredFinding[];
  leftOut: readonly string[];
}): ReviewState {
  return {
    headSha: input.headSha,
    settingsKey: input.settingsKey,
    complete: input.complete,
    shouldBlock: input.shouldBlock,
    conclusion: input.conclusion,
    // A review that posted nothing keeps pointing at the last review that did.
    reviewId: input.reviewId ?? input.previous?.reviewId ?? null,
    reviews: (input.previous?.reviews ?? 0) + 1,
    costUsd: Math.round(((input.previous?.costUsd ?? 0) + input.costUsd) * 1e6) / 1e6,
    findings: [...input.findings.map((finding) => storeFinding(finding, input.issues.get(finding.fingerprint))), ...input.carried].slice(0, MAX_STORED),
    resolved: input.resolved,
    leftOut: input.leftOut.slice(0, 100),
  };
}
