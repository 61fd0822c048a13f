/**
 * The review's decisions, as plain data computed from what was read and what the model said: the
 * findings, what is new and resolved, the verdict, which inline comments and suggestion issues to post.
 * Pure; the publisher carries it out (or, in a dry run, prints it).
 */
import type { LeftOutFile } from './budget.js';
import type { DroppedFinding, ReviewedFinding } from './findings.js';
import type { PostedState } from './posted-state.js';
import type { ReviewerProfile } from './profile.js';
import type { ReviewPullRequest } from './pull-request.js';
import { leftUnreviewed, SKIP_REASON_TEXT, type SkippedFile } from './pull-files.js';
import type { ReviewReport } from './report.js';
import { compareFindings, type FindingChanges } from './review-state.js';
import type { ReviewSettings } from './settings.js';
import { planSuggestions, type ExistingSuggestion, type SuggestionAction } from './suggestion-plan.js';
import { checkConclusion, decideReview, shouldBlock, type ReviewDecision } from './verdict.js';
import type { ReviewConclusion } from './types.js';

export interface ReviewAnalysis {
  pr: ReviewPullRequest;
  findings: ReviewedFinding[];
  dropped: DroppedFinding[];
  changes: FindingChanges;
  suggestions: SuggestionAction[];
  /** Finding fingerprint → the suggestion issue that rejected it. */
  rejected: Map<string, number>;
  blocking: boolean;
  complete: boolean;
  conclusion: ReviewConclusion;
  /** Inline comments to post: placed, not posted by this reviewer before, not rejected. */
  toPost: ReviewedFinding[];
  decision: ReviewDecision;
  skipped: SkippedFile[];
  /** Skipped for a reason other than the policy (or having nothing to review): the review is incomplete. */
  unreviewed: SkippedFile[];
  leftOut: LeftOutFile[];
  reviewableFiles: number;
  coveredFiles: number;
  notes: string[];
}

export interface AnalysisInput {
  profile: Pick<ReviewerProfile, 'name'>;
  settings: ReviewSettings;
  pr: ReviewPullRequest;
  botId: number;
  findings: ReviewedFinding[];
  dropped: DroppedFinding[];
  posted: PostedState;
  existingSuggestions: readonly ExistingSuggestion[];
  skipped: SkippedFile[];
  leftOut: LeftOutFile[];
  /** Changed files GitHub did not list at all (over its 3,000-file cap): the review cannot be complete. */
  unlisted: number;
  /** Other reasons the review is not complete (model pass skipped, a scanner could not finish). */
  incomplete: string[];
  reviewableFiles: number;
  coveredFiles: number;
  notes: string[];
}

export function analyse(input: AnalysisInput): ReviewAnalysis {
  const { settings, pr, findings, posted } = input;
  // Without a full look (model pass skipped, a scanner unfinished) nothing earlier counts as resolved; with
  // files left out, nothing earlier in those files does.
  const leftOut = new Set(input.leftOut.map((file) => file.path));
  const unseen = input.incomplete.length > 0 || input.unlisted > 0 ? () => true : (finding: { file: string }) => leftOut.has(finding.file);
  const changes = compareFindings(findings, posted.previous, pr.headSha, unseen);
  const suggestions = planSuggestions(findings, input.existingSuggestions, {
    reviewer: input.profile.name,
    pullNumber: pr.number,
    minSeverity: settings.suggestionMinSeverity,
    includePrSpecific: settings.suggestionsForPrSpecific,
  });
  const rejected = new Map(suggestions.flatMap((action) => (action.kind === 'rejected' ? [[action.finding.fingerprint, action.issue.number] as const] : [])));
  const blocking = shouldBlock(findings, settings.blockSeverity);
  const unreviewed = input.skipped.filter(leftUnreviewed);
  const complete = input.leftOut.length === 0 && input.unlisted === 0 && input.incomplete.length === 0 && unreviewed.length === 0;
  const toPost = findings.filter(
    (finding) => finding.placement === 'inline' && !posted.postedFingerprints.has(finding.fingerprint) && !rejected.has(finding.fingerprint),
  );
  const decision = decideReview({
    blocking,
    complete,
    findings: findings.length,
    newComments: toPost.length,
    approveWhenClean: settings.approveWhenClean,
    ownPullRequest: pr.author?.id === input.botId,
    ownChangesRequested: posted.ownChangeRequests.length > 0,
    otherChangesRequested: posted.otherChangesRequested,
  });
  const notes = [...input.incomplete.map((reason) => `Incomplete: ${reason}.`), ...input.notes];
  if (unreviewed.length > 0) {
    notes.unshift(
      `Incomplete: ${unreviewed.length} changed file${unreviewed.length === 1 ? ' was' : 's were'} not reviewed (${unreviewed.map((file) => `\`${file.path}\`: ${SKIP_REASON_TEXT[file.reason]}`).join('; ')}). A person must review ${unreviewed.length === 1 ? 'it' : 'them'}, or the policy on the default branch must exclude ${unreviewed.length === 1 ? 'it' : 'them'} with \`skip-globs\`.`,
    );
  }
  if (changes.carried.length > 0)
    notes.push(`${changes.carried.length} earlier finding(s) in what this review could not check stay open (not marked resolved).`);
  if (decision.note) notes.push(decision.note);
  return {
    pr,
    findings,
    dropped: input.dropped,
    changes,
    suggestions,
    rejected,
    blocking,
    complete,
    conclusion: checkConclusion(blocking, complete),
    toPost,
    decision,
    skipped: input.skipped,
    unreviewed,
    leftOut: input.leftOut,
    reviewableFiles: input.reviewableFiles,
    coveredFiles: input.coveredFiles,
    notes,
  };
}

/** Pure: the report every summary is rendered from, once the suggestion issues are known. */
export function toReport(
  analysis: ReviewAnalysis,
  extra: {
    reviewer: { name: string; title: string };
    settings: ReviewSettings;
    issues: ReadonlyMap<string, number>;
    modelCalls: number;
    costUsd: number;
    previousCostUsd: number;
    model: string;
    runUrl?: string | undefined;
  },
): ReviewReport {
  return {
    reviewer: extra.reviewer,
    pullNumber: analysis.pr.number,
    headSha: analysis.pr.headSha,
    findings: analysis.findings,
    fresh: analysis.changes.fresh,
    issues: extra.issues,
    rejected: analysis.rejected,
    resolved: analysis.changes.resolved,
    skipped: analysis.skipped,
    unreviewed: analysis.unreviewed,
    leftOut: analysis.leftOut,
    reviewableFiles: analysis.reviewableFiles,
    coveredFiles: analysis.coveredFiles,
    modelCalls: extra.modelCalls,
    blocking: analysis.blocking,
    blockSeverity: extra.settings.blockSeverity,
    complete: analysis.complete,
    conclusion: analysis.conclusion,
    costUsd: extra.costUsd,
    totalCostUsd: extra.previousCostUsd + extra.costUsd,
    model: extra.model,
    dropped: analysis.dropped,
    notes: analysis.notes,
    runUrl: extra.runUrl,
  };
}
