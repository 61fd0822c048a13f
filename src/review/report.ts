/** What one review found and did, as plain data: the input of every summary the engine renders. */
import type { LeftOutFile } from './budget.js';
import type { DroppedFinding, ReviewedFinding } from './findings.js';
import type { SkippedFile } from './pull-files.js';
import type { ResolvedFinding } from './review-state.js';
import type { Threshold } from './severity.js';
import type { ReviewConclusion } from './types.js';

export interface ReviewReport {
  reviewer: { name: string; title: string };
  pullNumber: number;
  headSha: string;
  findings: ReviewedFinding[];
  /** Fingerprints not open in the previous review. */
  fresh: ReadonlySet<string>;
  /** Suggestion issue of each finding that has one. */
  issues: ReadonlyMap<string, number>;
  /** Findings whose suggestion was rejected in triage: not posted inline and not raised again. */
  rejected: ReadonlyMap<string, number>;
  resolved: readonly ResolvedFinding[];
  skipped: readonly SkippedFile[];
  /** The skipped files that leave the review incomplete (see pull-files.ts). */
  unreviewed: readonly SkippedFile[];
  leftOut: readonly LeftOutFile[];
  reviewableFiles: number;
  coveredFiles: number;
  modelCalls: number;
  blocking: boolean;
  blockSeverity: Threshold;
  complete: boolean;
  conclusion: ReviewConclusion;
  costUsd: number;
  totalCostUsd: number;
  model: string;
  dropped: readonly DroppedFinding[];
  notes: readonly string[];
  runUrl?: string | undefined;
}
