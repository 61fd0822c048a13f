/**
 * The part of a reviewer action after its inputs are valid and its adapters are built, shared by cto-review and
 * ciso-review: settings (the policy's review sections tightened by the inputs), which PR the event names and
 * whether its sender may ask, who the bot is, and the engine.
 */
import type { ModelChoice } from '../core/config.js';
import type { GitHub } from '../core/github.js';
import type { LabelNames } from '../core/labels.js';
import type { ModelClient } from '../core/llm/index.js';
import type { Logger } from '../core/logger.js';
import type { Policy } from '../core/policy.js';
import type { RepoRef } from '../core/repo.js';
import type { RunContext } from '../core/runtime.js';
import { checkAuthority } from '../core/authority.js';
import { isBot, resolveBotIdentity } from '../core/identity.js';
import { replyOnce } from '../core/reply-once.js';
import type { z } from 'zod';
import { quiet, reviewPullRequest } from './engine.js';
import type { ReviewerProfile } from './profile.js';
import { recordKey } from './recorded-pass.js';
import type { ReviewInputs } from './review-inputs.js';
import { readReviewPolicy, resolveReviewSettings, type ReviewSettings } from './settings.js';
import { resolveTarget } from './target.js';
import type { ReviewHooks, ReviewOutcome } from './types.js';

export interface ReviewerRunOptions<E extends z.ZodRawShape> {
  /** Builds the hooks once the settings (and the reviewer's own policy keys) are known. */
  hooks?: (context: { settings: ReviewSettings; extra: z.infer<z.ZodObject<E>>; gh: GitHub; repo: RepoRef }) => ReviewHooks;
  /** Keys the reviewer accepts in its own policy section besides the shared review keys. */
  policyKeys?: E;
  /** No model pass this run, and why (scanner-only mode); the review is then incomplete. */
  modelSkipReason?: string | undefined;
}

/** What a reviewer run is asked to do: the inputs, the policy it read, and the common run settings. */
export interface ReviewerRequest {
  inputs: ReviewInputs;
  policy: Policy;
  /** Where the policy was read from (named in its errors). */
  configPath: string;
  /** The primary model: named in the summary; a reviewer may run without its key. */
  primaryModel: ModelChoice;
  dryRun: boolean;
}

/** The outside world, built by the action entry. */
export interface ReviewerAdapters {
  gh: GitHub;
  context: RunContext;
  labels: LabelNames;
  logger: Logger;
  /** A model client for one review run, at the profile's temperature and the settings' per-call cap. */
  model: (options: { temperature: number; maxInputTokensPerCall: number }) => ModelClient;
}

function refused(profile: ReviewerProfile, reason: string): ReviewOutcome {
  return quiet(undefined, 'neutral', `${profile.title} did not run: ${reason}.`, `## ${profile.title}\n\nNot run: ${reason}.\n`);
}

export async function runReviewer<E extends z.ZodRawShape = Record<never, never>>(
  request: ReviewerRequest,
  adapters: ReviewerAdapters,
  profile: ReviewerProfile,
  options: ReviewerRunOptions<E> = {},
): Promise<ReviewOutcome> {
  const { inputs, policy } = request;
  const { context, gh, labels } = adapters;
  const log = (message: string) => adapters.logger.info(message);
  const { shared, own, extra } = readReviewPolicy(policy, profile.name, request.configPath, options.policyKeys);
  const settings = resolveReviewSettings(shared, own, inputs, profile.defaultMinConfidence);
  const target = resolveTarget(context.event, inputs.pullRequestNumber);
  if (target.kind === 'refused') return refused(profile, target.reason);
  const bot = await resolveBotIdentity(gh, policy.bot?.login);
  // The bot never answers itself; everyone else needs write access, whichever path the event took.
  if (target.kind === 'command' && isBot(target.commenter, bot)) return refused(profile, 'the /review comment is the bot’s own');
  const authority = await checkAuthority(gh, context.repo, context.event, context.actor, bot);
  if (!authority.allowed) {
    if (authority.comment && !request.dryRun) {
      const body = `@${authority.login ?? 'there'}, thanks for asking. Only people with write access to this repository can start a review by the agents, so nothing was run. A maintainer can comment \`/review\` if a review is wanted.`;
      await replyOnce(gh, context.repo, bot, { issue: authority.comment.issue, kind: 'refusal', key: `comment-${authority.comment.id}`, body });
    }
    return refused(profile, authority.reason);
  }
  log(`${profile.title}: reviewing #${target.number} (${target.trigger}).`);
  const modelName = `${request.primaryModel.provider}/${request.primaryModel.model}`;
  return reviewPullRequest(
    {
      gh,
      repo: context.repo,
      serverUrl: context.serverUrl,
      runUrl: context.runUrl,
      runRef: context.runId !== undefined ? { runId: context.runId, attempt: context.runAttempt ?? 1 } : undefined,
      bot,
      labels,
      model: () => adapters.model({ temperature: profile.temperature, maxInputTokensPerCall: settings.maxInputTokensPerCall }),
      modelName,
      modelSkipReason: options.modelSkipReason,
      recordKey: request.primaryModel.apiKey ? recordKey(request.primaryModel.apiKey) : undefined,
      dryRun: request.dryRun,
      log,
    },
    profile,
    settings,
    target.number,
    options.hooks ? options.hooks({ settings, extra, gh, repo: context.repo }) : {},
  );
}
