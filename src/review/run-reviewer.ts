/**
 * The part of a reviewer action after its inputs are valid, shared by cto-review and ciso-review: prepare
 * (policy from the default branch), settings, which PR the event names and whether its sender may ask,
 * who the bot is, and the engine.
 */
import { modelFromConfig } from '../actions/model.js';
import { prepare } from '../actions/prepare.js';
import type { CommonConfig } from '../core/config.js';
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import { canWrite, isBot, resolveBotIdentity, userPermission } from '../core/identity.js';
import * as runner from '../core/runner-protocol.js';
import type { z } from 'zod';
import { quiet, reviewPullRequest } from './engine.js';
import type { ReviewerProfile } from './profile.js';
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
  env?: NodeJS.ProcessEnv;
}

function refused(profile: ReviewerProfile, reason: string): ReviewOutcome {
  return quiet(undefined, 'neutral', `${profile.title} did not run: ${reason}.`, `## ${profile.title}\n\nNot run: ${reason}.\n`);
}

export async function runReviewer<E extends z.ZodRawShape = Record<never, never>>(
  config: CommonConfig,
  inputs: ReviewInputs,
  profile: ReviewerProfile,
  options: ReviewerRunOptions<E> = {},
): Promise<ReviewOutcome> {
  const log = (message: string) => runner.info(message);
  const { context, gh, policy, labels } = await prepare(config, options.env, log);
  const { shared, own, extra } = readReviewPolicy(policy, profile.name, config.configPath, options.policyKeys);
  const settings = resolveReviewSettings(shared, own, inputs, profile.defaultMinConfidence);
  const target = resolveTarget(context.event, inputs.pullRequestNumber);
  if (target.kind === 'refused') return refused(profile, target.reason);
  const bot = await resolveBotIdentity(gh, policy.bot?.login);
  if (target.kind === 'command') {
    // Only writers command the bot; the bot never answers itself.
    if (isBot(target.commenter, bot)) return refused(profile, 'the /review comment is the bot’s own');
    const permission = await userPermission(gh, context.repo, target.commenter.login);
    if (!canWrite(permission)) return refused(profile, `@${target.commenter.login} has ${permission} permission; only users with write access can ask for a review`);
  }
  log(`${profile.title}: reviewing #${target.number} (${target.trigger}).`);
  const modelName = `${config.primaryModel.provider}/${config.primaryModel.model}`;
  return reviewPullRequest(
    {
      gh,
      repo: context.repo,
      serverUrl: context.serverUrl,
      runUrl: context.runUrl,
      bot,
      labels,
      model: () => modelFromConfig(config, profile.temperature, { maxInputTokensPerCall: settings.maxInputTokensPerCall, log }),
      modelName,
      modelSkipReason: options.modelSkipReason,
      dryRun: config.dryRun,
      log,
    },
    profile,
    settings,
    target.number,
    options.hooks ? options.hooks({ settings, extra, gh, repo: context.repo }) : {},
  );
}
