/**
 * What implement keeps between runs in its hidden markers. The sticky comment (kind `implement`) on the
 * issue holds the loop state a label cannot: spend so far, the questions asked, the SPEC awaiting approval,
 * the PR opened. Claim comments (kind `implement-claim`) hold one run's claim while it works.
 */
import { z } from 'zod';
import { costMarkerFieldsSchema } from '../core/contracts.js';
import { testReportSchema, usageSchema } from './bundle/bundle-schema.js';
import { implementationPlanSchema } from './plan-schema.js';

export const IMPLEMENT_MARKER_KIND = 'implement';
export const CLAIM_MARKER_KIND = 'implement-claim';

export const STAGES = ['working', 'questions', 'spec', 'publishing', 'pr-open', 'failed'] as const;
export type Stage = (typeof STAGES)[number];

const gitSha = z.string().regex(/^[0-9a-f]{40}$/);

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

export const claimMarkerSchema = z.object({
  token: z.string().min(8),
  runId: z.number().int().optional(),
  runUrl: z.string().optional(),
  claimedAt: z.string(),
});

export type ClaimMarker = z.infer<typeof claimMarkerSchema>;
