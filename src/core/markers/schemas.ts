/**
 * The zod schema of every hidden marker, as the data reads after the version is checked and removed
 * (core/marker.ts). Writers and readers of a kind use the same schema through the registry (registry.ts).
 */
import { z } from 'zod';
import { SEVERITIES } from '../labels.js';
import { implementationPlanSchema } from './plan.js';

export const SUGGESTION_SOURCES = ['cto-review', 'ciso-review', 'discovery'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

/**
 * Kind `suggestion`, in the body of every suggestion issue a review or discover creates. The issue is authored
 * by the bot, so the marker is trusted only when the issue's author is the bot. A suggestion closed as
 * `not_planned` is a rejection: its fingerprint is never raised again.
 */
export const suggestionMarkerSchema = z.object({
  // parseMarker checks and strips the version; optional here so these schemas validate marker data as parsed.
  v: z.literal(1).optional(),
  fingerprint: z.string().min(1),
  source: z.enum(SUGGESTION_SOURCES),
  severity: z.enum(SEVERITIES),
  category: z.string(),
  /** Pull requests the finding was seen on, first one first. */
  prs: z.array(z.number().int()),
  file: z.string().optional(),
  /**
   * Hash of path + normalised code, without the category: the two reviewers name the same problem with
   * different categories, so a suggestion from one is matched to the other's finding by location.
   */
  location: z.string().optional(),
});
export type SuggestionMarker = z.infer<typeof suggestionMarkerSchema>;

/**
 * Kind `implement-pr`, in the body of a PR opened by implement: which issue it closes and what it cost.
 * auto-merge uses `issue` to close the loop; triage sums `costUsd`.
 */
export const implementPrMarkerSchema = z.object({
  v: z.literal(1).optional(),
  issue: z.number().int(),
  costUsd: z.number().nonnegative(),
  openedAt: z.string(),
  claimedAt: z.string().optional(),
});
export type ImplementPrMarker = z.infer<typeof implementPrMarkerSchema>;

/**
 * Fields of the sticky-comment markers (kinds `implement`, `cto-review`, `ciso-review`) that other actions
 * read: triage takes costs and times from them. Each action may store more.
 */
export const costMarkerFieldsSchema = z.object({
  costUsd: z.number().nonnegative().optional(),
  claimedAt: z.string().optional(),
  prOpenedAt: z.string().optional(),
});

/**
 * Kind `review-check`, at the end of the `output.summary` of the agentic/cto-review and agentic/ciso-review
 * check runs. auto-merge reads it from the check run on the current head: the check's conclusion says whether
 * the review blocks; this says what it saw. A check run not created by the bot is ignored.
 */
export const reviewCheckMarkerSchema = z.object({
  v: z.literal(1).optional(),
  headSha: z.string(),
  shouldBlock: z.boolean(),
  /** Every reviewable file was reviewed (false when the diff budget left files out or the model pass was skipped). */
  complete: z.boolean(),
  /** Packages the PR adds or changes (ciso-review); a merge then needs a human when policy says so. */
  newDependencies: z.array(z.string()).default([]),
});
export type ReviewCheckMarker = z.infer<typeof reviewCheckMarkerSchema>;

export const STAGES = ['working', 'questions', 'spec', 'publishing', 'pr-open', 'failed'] as const;
export type Stage = (typeof STAGES)[number];

const gitSha = z.string().regex(/^[0-9a-f]{40}$/);

/** The test run implement reports: the command, whether it ran and passed, its output, and the agent's iterations. */
export const testReportSchema = z.object({
  command: z.string().optional(),
  ran: z.boolean(),
  passed: z.boolean(),
  exitCode: z.number().int().nullable(),
  output: z.string(),
  iterations: z.number().int().nonnegative(),
  unisolated: z.string().optional(),
});
export type TestReport = z.infer<typeof testReportSchema>;

/** Model spend of a run. */
export const usageSchema = z.object({
  costUsd: z.number().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type UsageSummary = z.infer<typeof usageSchema>;

/**
 * What a run is publishing, recorded before the branch moves (stage `publishing`): the bot's commit and the
 * pull request's text. Every write after it can be repeated from this record alone, so a run that a GitHub
 * outage stops half-way is finished by the next one without the model.
 */
export const pendingPublishSchema = z.object({
  branch: z.string().min(1),
  baseSha: gitSha,
  /** The bot's commit the branch is to point at (it exists in the repository even while no branch names it). */
  commit: gitSha,
  summary: z.string(),
  planNotes: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), action: z.string() })),
  test: testReportSchema.omit({ exitCode: true }),
  refusals: z.array(z.object({ tool: z.string(), path: z.string(), reason: z.string() })),
  usage: usageSchema,
  approvedBy: z.string().optional(),
  claimedAt: z.string().optional(),
  /** A bug fix: its root cause, reproduction and places, as the pull request shows them. */
  bugSections: z.string().optional(),
  /** Opened as a draft (a bug fix without a reproduction). */
  draft: z.boolean().optional(),
  /** When the change was recorded: the pull request's opening time, so a repeated write renders the same body. */
  recordedAt: z.string(),
});
export type PendingPublish = z.infer<typeof pendingPublishSchema>;

/**
 * Kind `implement`, in implement's sticky comment on the issue: the loop state a label cannot hold (spend so
 * far, the questions asked, the SPEC awaiting approval, the PR opened).
 */
export const implementMarkerSchema = costMarkerFieldsSchema.extend({
  stage: z.enum(STAGES).optional(),
  runId: z.number().int().optional(),
  runUrl: z.string().optional(),
  /** Model spend on this issue over every run, in USD (max-cost-usd-per-issue is checked against it). */
  costUsd: z.number().nonnegative().optional(),
  questions: z.array(z.string()).optional(),
  askedAt: z.string().optional(),
  plan: implementationPlanSchema.optional(),
  planHash: z.string().optional(),
  specPostedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  prNumber: z.number().int().optional(),
  branch: z.string().optional(),
  failure: z.object({ category: z.string(), reason: z.string() }).optional(),
  /** Stage `publishing`: what is being published (see pendingPublishSchema). */
  pending: pendingPublishSchema.optional(),
  /**
   * The newest comment id when the bot last stopped to wait for a human (questions, SPEC, failure). Replies and
   * commands count only in later comments; ids, unlike clocks, cannot disagree between the runner and GitHub.
   */
  sinceCommentId: z.number().int().optional(),
  /** Reviews and review comments on the agent's PR already answered with a fix commit (review follow-up). */
  handledReviews: z.array(z.number().int()).optional(),
  handledComments: z.array(z.number().int()).optional(),
});
export type ImplementMarker = z.infer<typeof implementMarkerSchema>;

/** Kind `implement-claim`: one run's claim on an issue while it works. */
export const claimMarkerSchema = z.object({
  token: z.string().min(8),
  runId: z.number().int().optional(),
  runUrl: z.string().optional(),
  claimedAt: z.string(),
});
export type ClaimMarker = z.infer<typeof claimMarkerSchema>;

const storedFindingSchema = z.object({
  fp: z.string(),
  loc: z.string().optional(),
  severity: z.enum(SEVERITIES),
  category: z.string(),
  file: z.string(),
  /** Null when the finding was summary-only. */
  line: z.number().int().nullable(),
  title: z.string(),
  issue: z.number().int().optional(),
  /** The scanner rule of a deterministic finding (SARIF on a rerun needs it). */
  rule: z.string().optional(),
});
export type StoredFinding = z.infer<typeof storedFindingSchema>;

const resolvedFindingSchema = storedFindingSchema.extend({ resolvedAt: z.string() });
export type ResolvedFinding = z.infer<typeof resolvedFindingSchema>;

/**
 * Kinds `cto-review` and `ciso-review` (the reviewer's name), in the reviewer's sticky summary on the PR: the
 * head last reviewed and with which settings, and the findings open at that head. Written last: the commit point.
 */
export const reviewStateSchema = costMarkerFieldsSchema.extend({
  headSha: z.string(),
  settingsKey: z.string(),
  complete: z.boolean(),
  shouldBlock: z.boolean(),
  conclusion: z.enum(['success', 'neutral', 'failure']),
  reviewId: z.number().int().nullable(),
  /** Reviews made on this PR so far; `costUsd` is their total. */
  reviews: z.number().int().min(0),
  costUsd: z.number().nonnegative(),
  findings: z.array(storedFindingSchema),
  resolved: z.array(resolvedFindingSchema),
  leftOut: z.array(z.string()),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

/** Kind `review`, in a review the bot submits: which reviewer, at which head. */
export const reviewMarkerSchema = z.object({ reviewer: z.string(), head: z.string() });
/**
 * Kind `review-record`, in the output text of a reviewer's check run: the model's answer for one head, bound to
 * the reviewer, the head, the settings and the exact prompt, and sealed with a key only the review holds. The
 * findings are checked against the reviewer's own finding schema when read.
 */
export const reviewRecordSchema = z.object({
  v: z.literal(1).optional(),
  reviewer: z.string(),
  head: gitSha,
  settings: z.string(),
  /** SHA-256 of what the model was sent (system prompt, every chunk's message, model and call settings). */
  prompt: z.string().regex(/^[0-9a-f]{64}$/),
  calls: z.number().int().min(0),
  costUsd: z.number().min(0),
  findings: z.array(z.record(z.string(), z.unknown())),
  outside: z.array(z.object({ file: z.string(), title: z.string() })),
  /** HMAC-SHA-256 of the fields above. */
  seal: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;
/** Kind `review-finding`, in an inline comment: which reviewer, which finding. */
export const findingMarkerSchema = z.object({ reviewer: z.string(), fp: z.string() });
/** Kind `suggestion-seen`, in the note on a suggestion issue that a PR shows the finding again. */
export const seenMarkerSchema = z.object({ pr: z.number().int(), reviewer: z.string() });
/** Kinds `refusal` and `review-cap`: a reply that exists at most once per key. */
export const replyKeyMarkerSchema = z.object({ key: z.string() }).passthrough();

const gateRowSchema = z.object({ name: z.string(), status: z.enum(['pass', 'fail', 'wait']), reason: z.string() });
/**
 * Kind `auto-merge`: on a pull request, the gate table's head, status and gates; on the linked issue after a
 * merge, which pull request closed it with which commit.
 */
export const autoMergeMarkerSchema = z.union([
  z.object({ headSha: z.string(), status: z.string(), gates: z.array(gateRowSchema).optional() }),
  z.object({ pr: z.number().int(), sha: z.string() }),
]);

/**
 * Kind `triage-report`, in the weekly report issue: the period it covers, the approvals recorded during it
 * (labels do not say when a suggestion was approved), and comments whose commands a run could not finish
 * within its write budget, for the next run to resume.
 */
export const reportMarkerSchema = z.object({
  period: z.string(),
  approvals: z.array(z.object({ issue: z.number().int(), at: z.string(), by: z.string().nullable() })).default([]),
  /** A comment with commands left over when the write budget ran out: `skip` of them were already handled. */
  resume: z.array(z.object({ issue: z.number().int(), comment: z.number().int(), skip: z.number().int().nonnegative() })).default([]),
});
export type ReportMarker = z.infer<typeof reportMarkerSchema>;

/**
 * What an approval freezes: SHA-256 hashes of the issue's title and body as they were approved (core/approval.ts
 * computes them). implement compares them with the issue before it starts, so the task cannot be rewritten after a
 * maintainer approved it.
 */
export const approvedContentSchema = z.object({ title: z.string().regex(/^[0-9a-f]{64}$/), body: z.string().regex(/^[0-9a-f]{64}$/) });
export type ApprovedContent = z.infer<typeof approvedContentSchema>;

/**
 * Kind `approval`, in implement's comment on an issue approved with a label that no triage decision recorded (an
 * issue a person filed): who added the label, when the bot saw it, and the content it froze.
 */
export const approvalMarkerSchema = z.object({ by: z.string().min(1), at: z.string(), content: approvedContentSchema });
export type ApprovalMarker = z.infer<typeof approvalMarkerSchema>;

/** Kind `triage`, in the bot's decision comment on a suggestion: who decided what and when. */
export const decisionMarkerSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  /** Login of the person who decided; null when it was done by hand and the run could not tell who. */
  by: z.string().nullable(),
  at: z.string(),
  via: z.enum(['command', 'label', 'close']),
  priority: z.string().optional(),
  fingerprint: z.string().optional(),
  /** An approval: the title and body it approved (absent in decisions recorded before approvals froze the text). */
  content: approvedContentSchema.optional(),
});
export type DecisionMarker = z.infer<typeof decisionMarkerSchema>;

/** Kind `triage-reply`, in the one reply to someone who may not decide: whom it answered. */
export const replyMarkerSchema = z.object({ user: z.number().int() });

/**
 * Kind `nightly-report`, in the body of the nightly report issue: the UTC day it reports on and the end of its
 * window (the day's first run), so a rerun reports the same window and the next day starts where it ended.
 */
export const nightlyMarkerSchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), end: z.string().datetime().optional() });
export type NightlyMarker = z.infer<typeof nightlyMarkerSchema>;

/** Kind `discover-cursor`: the newest failed run the log miner read in full before a night was cut short, and Sentry's listing cursor. */
export const cursorMarkerSchema = z.object({
  logMinerAfter: z.number().int().positive().optional(),
  // Sentry's cursors are `<value>:<offset>:<is_prev>`.
  sentryCursor: z
    .string()
    .regex(/^[\w.-]+:\d+:[01]$/)
    .optional(),
});

/** Kind `janitor`, in the janitor's pull request: the week, the commit tested on, and the updates kept and reverted. */
export const janitorMarkerSchema = z.object({ week: z.string(), base: z.string(), kept: z.array(z.string()), reverted: z.array(z.string()) });
