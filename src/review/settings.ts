/**
 * The settings of one review, from three places: the shared `review` section of the policy file, the
 * reviewer's own section (`cto-review` / `ciso-review`, which wins), and the action's inputs. Inputs are
 * run parameters and win for budgets; for what decides whether a PR is blocked they may only be stricter
 * than the policy, because a pull request can edit the workflow that passes them (the policy file is read
 * from the default branch).
 */
import { z } from 'zod';
import { policySection, type Policy } from '../core/policy.js';
import { REVIEW_CAP_DEFAULTS, type ReviewCaps } from './review-cap.js';
import type { ReviewInputs } from './review-inputs.js';
import type { ReviewerName } from './profile.js';
import { stricterThreshold, THRESHOLDS, type Threshold } from './severity.js';
import { shortKey } from '../core/digest.js';

export interface ReviewSettings {
  maxReviewCalls: number;
  maxInputTokensPerCall: number;
  maxOutputTokensPerCall: number;
  /** A finding at or above this blocks the PR (REQUEST_CHANGES, failing check). */
  blockSeverity: Threshold;
  /** A finding at or above this becomes a suggestion issue. */
  suggestionMinSeverity: Threshold;
  /** Also raise issues for findings that only concern the PR's own new lines. */
  suggestionsForPrSpecific: boolean;
  approveWhenClean: boolean;
  reviewDrafts: boolean;
  /** Paths the policy on the default branch excludes from review; skipping them leaves the review complete. */
  skipGlobs: string[];
  /** Paths the `skip-globs` input excludes: skipped, but the review is then incomplete (a PR can edit its workflow). */
  inputSkipGlobs: string[];
  minConfidence: number;
  /** At most this many files' surrounding code is read for context. */
  contextFiles: number;
  /** Lines of surrounding code on each side of a hunk. */
  contextRadius: number;
  /** Reviews per pull request and per repository in 24 hours; from the policy only (a PR can edit its workflow). */
  caps: ReviewCaps;
}

export const REVIEW_DEFAULTS = {
  maxReviewCalls: 3,
  maxInputTokensPerCall: 32_000,
  maxOutputTokensPerCall: 4096,
  blockSeverity: 'critical',
  suggestionMinSeverity: 'medium',
  suggestionsForPrSpecific: false,
  approveWhenClean: false,
  reviewDrafts: false,
  contextFiles: 10,
  contextRadius: 20,
  caps: REVIEW_CAP_DEFAULTS,
} as const;

/** Keys of the `review` and `<reviewer>` sections of .github/agentic.yml. */
export const reviewSectionShape = {
  'max-review-calls': z.number().int().min(1).max(50).optional(),
  'max-input-tokens-per-call': z.number().int().min(2000).max(2_000_000).optional(),
  'max-output-tokens-per-call': z.number().int().min(256).max(64_000).optional(),
  'block-severity': z.enum(THRESHOLDS).optional(),
  'suggestion-min-severity': z.enum(THRESHOLDS).optional(),
  'suggestions-for-pr-specific': z.boolean().optional(),
  'approve-when-clean': z.boolean().optional(),
  'review-drafts': z.boolean().optional(),
  'skip-globs': z.array(z.string().min(1)).optional(),
  'min-confidence': z.number().min(0).max(1).optional(),
  'context-files': z.number().int().min(0).max(100).optional(),
  'context-lines': z.number().int().min(0).max(200).optional(),
  'max-reviews-per-pr-per-day': z.number().int().min(1).max(1000).optional(),
  'max-reviews-per-day': z.number().int().min(1).max(100_000).optional(),
};

const sectionSchema = z.object(reviewSectionShape).strict();
type Section = z.infer<typeof sectionSchema>;

/**
 * Reads and merges the two policy sections. `extraKeys` lets a reviewer accept keys of its own in its
 * section (ciso-review's scanner settings); their values are returned in `extra` for it to use.
 */
export function readReviewPolicy<E extends z.ZodRawShape = Record<never, never>>(
  policy: Policy,
  reviewer: ReviewerName,
  configPath: string,
  extraKeys?: E,
): { shared: Section; own: Section; extra: z.infer<z.ZodObject<E>> } {
  const shared = policySection(policy, 'review', sectionSchema, configPath);
  const ownSchema = z.object({ ...reviewSectionShape, ...(extraKeys ?? ({} as E)) }).strict();
  const own = policySection(policy, reviewer, ownSchema, configPath) as Section & z.infer<z.ZodObject<E>>;
  const extraNames = Object.keys(extraKeys ?? {});
  const extra = Object.fromEntries(Object.entries(own).filter(([key]) => extraNames.includes(key))) as z.infer<z.ZodObject<E>>;
  return { shared, own, extra };
}

/** Pure: the effective settings. */
export function resolveReviewSettings(shared: Section, own: Section, inputs: ReviewInputs, defaultMinConfidence: number): ReviewSettings {
  const policy = <K extends keyof Section>(key: K): Section[K] => (own[key] !== undefined ? own[key] : shared[key]);
  const policyBlock = policy('block-severity') ?? REVIEW_DEFAULTS.blockSeverity;
  const policyApprove = policy('approve-when-clean');
  const policyConfidence = policy('min-confidence') ?? defaultMinConfidence;
  return {
    maxReviewCalls: inputs.maxReviewCalls ?? policy('max-review-calls') ?? REVIEW_DEFAULTS.maxReviewCalls,
    maxInputTokensPerCall: inputs.maxInputTokensPerCall ?? policy('max-input-tokens-per-call') ?? REVIEW_DEFAULTS.maxInputTokensPerCall,
    maxOutputTokensPerCall: policy('max-output-tokens-per-call') ?? REVIEW_DEFAULTS.maxOutputTokensPerCall,
    // An input can make blocking stricter, never looser.
    blockSeverity: inputs.blockSeverity ? stricterThreshold(policyBlock, inputs.blockSeverity) : policyBlock,
    suggestionMinSeverity: inputs.suggestionMinSeverity ?? policy('suggestion-min-severity') ?? REVIEW_DEFAULTS.suggestionMinSeverity,
    suggestionsForPrSpecific: policy('suggestions-for-pr-specific') ?? REVIEW_DEFAULTS.suggestionsForPrSpecific,
    // A bot approval can satisfy branch protection, so a policy that says no cannot be overridden by an input.
    approveWhenClean: policyApprove === false ? false : (inputs.approveWhenClean ?? policyApprove ?? REVIEW_DEFAULTS.approveWhenClean),
    reviewDrafts: inputs.reviewDrafts ?? policy('review-drafts') ?? REVIEW_DEFAULTS.reviewDrafts,
    skipGlobs: [...new Set([...(shared['skip-globs'] ?? []), ...(own['skip-globs'] ?? [])])],
    inputSkipGlobs: [...new Set(inputs.skipGlobs ?? [])],
    minConfidence: inputs.minConfidence !== undefined ? Math.min(policyConfidence, inputs.minConfidence) : policyConfidence,
    contextFiles: policy('context-files') ?? REVIEW_DEFAULTS.contextFiles,
    contextRadius: policy('context-lines') ?? REVIEW_DEFAULTS.contextRadius,
    caps: {
      perPullPerDay: policy('max-reviews-per-pr-per-day') ?? REVIEW_CAP_DEFAULTS.perPullPerDay,
      perRepositoryPerDay: policy('max-reviews-per-day') ?? REVIEW_CAP_DEFAULTS.perRepositoryPerDay,
    },
  };
}

/**
 * What a previous review of the same head must have used for its result to stand: a change of settings,
 * model or reviewer means the head is reviewed again.
 */
export function settingsKey(reviewer: ReviewerName, model: string, settings: ReviewSettings): string {
  // The caps decide whether a review runs, not what it finds: changing them does not review the head again.
  const { caps: _caps, ...reviewed } = settings;
  const json = JSON.stringify({ reviewer, model, ...reviewed, skipGlobs: [...settings.skipGlobs].sort(), inputSkipGlobs: [...settings.inputSkipGlobs].sort() });
  return shortKey(json);
}
