/**
 * The review engine's public API, shared by cto-review and ciso-review.
 *
 * A reviewer is a `ReviewerProfile` (name, check name, issue prefix and labels, temperature, prompt,
 * finding schema, confidence filter, redaction) run by the same engine:
 *
 * ```ts
 * // in the action entry (zod-free): parse REVIEW_INPUT_SPEC with parseInputs, then toReviewInputs(...);
 * // the entry builds the adapters (GitHub client, labels, logger, model factory) and reads the policy
 * const result = await runReviewer({ inputs, policy, configPath, primaryModel, dryRun }, adapters, CISO_PROFILE, {
 *   policyKeys: { 'registry-check': z.boolean().optional() },        // own keys in the `ciso-review` section
 *   hooks: ({ settings, extra }) => ({
 *     // After the PR is read (files with patches, as data) and before the model pass; its findings are
 *     // placed, fingerprinted, posted and counted for the verdict exactly like the model's.
 *     deterministic: async (pr) => ({ findings, newDependencies, notes }),
 *   }),
 * });
 * // result.findings: this run's ReviewedFindings (file, line, severity, category, title, body, fingerprint,
 * // placement, ruleId/origin) for SARIF; result.shouldBlock, result.issuesCreated, result.reviewId,
 * // result.conclusion/message/summary for the ActionOutcome.
 * ```
 *
 * A profile for ciso-review would set: name 'ciso-review', title 'Security review', checkName
 * CHECK_NAMES.cisoReview, issueTitlePrefix '[Security]', issueLabels ['sourceCisoReview', 'security'],
 * temperature CISO_REVIEW_TEMPERATURE, findingSchema modelFindingSchema(CISO_CATEGORIES, { confidence: true }),
 * defaultMinConfidence (e.g. 0.5), redact (mask secrets in everything posted).
 *
 * What the engine guarantees to both: the PR is read through the API (never checked out); every reviewable
 * file is reviewed within max-review-calls × max-input-tokens-per-call or listed as not reviewed (and the
 * check is then neutral); findings are placed on diff lines or shown in the summary only; a rerun on the
 * same head with the same settings writes nothing; suggestion issues are de-duplicated by fingerprint
 * across PRs and by location across the two reviewers; `should-block` is deterministic from severities.
 * Lower-level pieces (reviewPullRequest with a hand-built ReviewEnvironment, the pure functions) are
 * exported for tests and for reuse.
 */
export { runReviewer, type ReviewerRunOptions } from './run-reviewer.js';
export { reviewPullRequest } from './engine.js';
export type { DeterministicPass, ReviewConclusion, ReviewEnvironment, ReviewFigures, ReviewHooks, ReviewOutcome } from './types.js';
export type { ReviewerName, ReviewerProfile } from './profile.js';
export { CTO_CATEGORIES, modelFindingSchema, reviewReplySchema, type Finding, type FindingSchemaOptions, type ModelFinding } from './finding-schema.js';
export type { ReviewedFinding } from './findings.js';
export { SEVERITIES, THRESHOLDS, reaches, severityRank, stricterThreshold, type Severity, type Threshold } from './severity.js';
export { REVIEW_INPUT_SPEC, toReviewInputs, type ReviewInputs } from './review-inputs.js';
export { REVIEW_DEFAULTS, readReviewPolicy, resolveReviewSettings, reviewSectionShape, type ReviewSettings } from './settings.js';
export type { PullFile } from './pull-files.js';
export type { ReviewPullRequest } from './pull-request.js';
export type { StoredFinding } from './review-state.js';
export { findingFingerprint, locationKey, normaliseCode } from './fingerprint.js';
