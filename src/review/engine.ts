/**
 * The review engine: one pull request, one reviewer profile. Reads the PR as data, plans the diff budget,
 * runs the deterministic hook and the model pass, decides, and publishes — or stops without a write when
 * this head was already reviewed with the same settings.
 */
import { errorMessage, TransientError } from '../core/errors.js';
import { describeAnswer, describeGitHubError } from '../core/github-errors.js';
import { outbound } from '../core/outbound-gate.js';
import { analyse } from './analysis.js';
import { replyOnce } from '../core/reply-once.js';
import { botAppSlug, checkSummary, completeCheckRun, recordOnCheckRun, startCheckRun, type CheckRunRef } from './check-run.js';
import { promptDigest, readRecordedPass, recordText, type RecordBinding } from './recorded-pass.js';
import { indexFileDiff, parsePatch, type FileDiffIndex } from './diff.js';
import { secretsInPatches } from './diff-secrets.js';
import { describeGitHubFailure, describePassFailure } from './failure.js';
import { reviewFindings } from './findings.js';
import { runModelPass, type ModelPassResult } from './model-pass.js';
import { planReview, type ReviewPlan } from './plan-review.js';
import { readPostedState, readReviewState } from './posted-state.js';
import type { ReviewerProfile } from './profile.js';
import { readPullRequest, type ReviewPullRequest } from './pull-request.js';
import { capNotice, countRecentReviews, decideCap } from './review-cap.js';
import { previewPublication, publish, type PublishProgress, type Published } from './publish.js';
import { shortSha } from './render-text.js';
import type { ReviewState } from './review-state.js';
import { settingsKey, type ReviewSettings } from './settings.js';
import { listSuggestions } from './suggestion-issues.js';
import type { DeterministicPass, ReviewEnvironment, ReviewFigures, ReviewHooks, ReviewOutcome } from './types.js';

/** An outcome for a run that reviewed nothing (refused, skipped, unchanged, failed before posting). */
export function quiet(pr: ReviewPullRequest | undefined, conclusion: ReviewOutcome['conclusion'], message: string, summary: string): ReviewOutcome {
  return {
    conclusion,
    message,
    summary,
    pullNumber: pr?.number,
    headSha: pr?.headSha,
    reviewed: false,
    shouldBlock: false,
    complete: false,
    findings: [],
    openFindings: [],
    issuesCreated: 0,
    reviewId: null,
    checkRunId: null,
    newDependencies: [],
  };
}

function alreadyReviewed(profile: ReviewerProfile, pr: ReviewPullRequest, state: ReviewState, stickyUrl: string | undefined): ReviewOutcome {
  const message = `${profile.title}: #${pr.number} at ${shortSha(pr.headSha)} was already reviewed with these settings; nothing new to post.`;
  const link = stickyUrl ? ` See [the summary comment](${stickyUrl}).` : '';
  return {
    ...quiet(pr, state.conclusion, message, `## ${profile.title} of #${pr.number}\n\n${message}${link}\n`),
    shouldBlock: state.shouldBlock,
    complete: state.complete,
    openFindings: state.findings,
    reviewId: state.reviewId,
  };
}

function figuresOf(plan: ReviewPlan): ReviewFigures {
  return {
    reviewableFiles: plan.selection.reviewable.length,
    coveredFiles: plan.budget.covered.length,
    skippedFiles: plan.selection.skipped.length + plan.budget.deletionOnly.length,
    leftOutFiles: plan.budget.leftOut.length + plan.unlisted,
    chunks: plan.budget.chunks.length,
    chunkTokens: plan.budget.chunks.map((chunk) => chunk.estimatedTokens),
    tokensPerChunk: plan.budget.tokensPerChunk,
  };
}

function planNotes(plan: ReviewPlan, pass: ModelPassResult, deterministic: DeterministicPass): string[] {
  const notes: string[] = [];
  if (plan.budget.chunks.length > 0 && !plan.budget.contextIncluded)
    notes.push('The pull request description and linked issue were left out to fit the diff into the budget.');
  if (plan.budget.deletionOnlyHunksDropped) notes.push('Hunks that only delete lines were left out to fit the budget.');
  if (plan.unlisted > 0)
    notes.push(`GitHub listed only ${plan.selection.reviewable.length + plan.selection.skipped.length} of the changed files; ${plan.unlisted} were not seen.`);
  for (const finding of pass.outsideChunk) notes.push(`Dropped “${finding.title}” (${finding.file}): the model was not shown that file in that call.`);
  notes.push(...(deterministic.notes ?? []));
  return notes;
}

/**
 * Reviews pull request `pullNumber` for `profile`. Never throws for a model failure (the check run and the
 * outcome say what happened); GitHub errors while publishing mark the check run failed and propagate.
 */
export async function reviewPullRequest(
  env: ReviewEnvironment,
  profile: ReviewerProfile,
  settings: ReviewSettings,
  pullNumber: number,
  hooks: ReviewHooks = {},
): Promise<ReviewOutcome> {
  const { gh, repo, bot, log } = env;
  const pr = await readPullRequest(gh, repo, pullNumber);
  // A secret the change adds must not come back in anything the review posts, whichever reviewer runs and
  // however the model quotes it.
  outbound.add(secretsInPatches(pr.files));
  const heading = `## ${profile.title} of #${pr.number}`;
  if (pr.state === 'closed') return quiet(pr, 'neutral', `#${pr.number} is closed; not reviewed.`, `${heading}\n\nNot reviewed: the pull request is closed.\n`);
  if (pr.draft && !settings.reviewDrafts) {
    return quiet(
      pr,
      'neutral',
      `#${pr.number} is a draft; not reviewed (set review-drafts: true to review drafts).`,
      `${heading}\n\nNot reviewed: the pull request is a draft. Set \`review-drafts: true\` to review drafts.\n`,
    );
  }
  // Reviewing without a model is not the same review: adding a key later reviews the head again.
  const key = settingsKey(profile.name, env.modelSkipReason ? `${env.modelName} (no model pass)` : env.modelName, settings);
  const known = await readReviewState(gh, repo, pr.number, profile.name, bot);
  if (known.previous && known.previous.headSha === pr.headSha && known.previous.settingsKey === key)
    return alreadyReviewed(profile, pr, known.previous, known.sticky?.htmlUrl);
  const capped = await capReached(env, profile, settings, pr);
  if (capped) return capped;

  // The deterministic pass first: it sets up the profile's redaction, which the plan (what the model is sent)
  // and the diffs findings are placed on must already use.
  const deterministic: DeterministicPass = hooks.deterministic ? await hooks.deterministic(pr) : { findings: [] };
  const newDependencies = deterministic.newDependencies ?? [];
  const shown = redactPatches(pr, profile.redact);
  const plan = await planReview({ gh, repo, profile, settings, pr: shown, log, scannerContext: deterministic.promptContext });
  const model = plan.budget.chunks.length > 0 && !env.modelSkipReason ? env.model() : undefined;
  // A rerun after a failed write finishes from the model's answer an earlier run of this review recorded.
  const binding: RecordBinding | undefined =
    model && env.recordKey && !env.dryRun
      ? { reviewer: profile.name, headSha: pr.headSha, settingsKey: key, prompt: promptDigest(env.modelName, plan.request, plan.budget.chunks) }
      : undefined;
  const recorded =
    binding && env.recordKey
      ? await readRecordedPass(gh, repo, { checkName: profile.checkName, bot, key: env.recordKey, binding, schema: plan.request.schema, log })
      : undefined;
  const check = env.dryRun
    ? null
    : await startCheckRun(gh, repo, {
        name: profile.checkName,
        headSha: pr.headSha,
        detailsUrl: env.runUrl,
        runRef: env.runRef,
        botLogin: bot.login,
        title: `${profile.title} in progress`,
        text: recorded?.text,
      }).catch((error: unknown) => explainGitHubError(error, `${profile.title} of #${pr.number}: the check run could not be created`));

  let pass: ModelPassResult = { findings: [], outsideChunk: [], calls: 0 };
  let modelFailure: string | undefined;
  try {
    if (recorded) {
      pass = recorded.pass;
      log(
        `${profile.title}: the model's answer for ${shortSha(pr.headSha)} was recorded on check run ${recorded.checkRunId}; finishing from it without calling the model.`,
      );
    } else if (model) pass = await runModelPass(model, plan.request, plan.budget.chunks, log);
  } catch (error) {
    const failure = describePassFailure(error);
    // A reviewer with a deterministic pass still publishes what it found (a leaked secret must block even when
    // the model is down); the review is then incomplete and says why.
    if (hooks.deterministic) modelFailure = failure.cause;
    else if (check) {
      await completeCheckRun(gh, repo, check, {
        conclusion: failure.conclusion,
        title: failure.conclusion === 'failure' ? 'Review failed' : 'Review not completed',
        summary: checkSummary(`${failure.reason}\n\nNothing was posted on the pull request.`, {
          headSha: pr.headSha,
          shouldBlock: false,
          complete: false,
          newDependencies,
        }),
      });
    }
    if (!modelFailure) {
      const outcome = quiet(
        pr,
        failure.conclusion,
        `${profile.title} of #${pr.number}: ${failure.reason}`,
        `${heading}\n\n**Not reviewed.** ${failure.reason}\n\nNothing was posted on the pull request.\n`,
      );
      return { ...outcome, checkRunId: check?.id ?? null, usage: model?.usage, figures: figuresOf(plan) };
    }
  }

  if (!recorded && model && check && binding && env.recordKey && !modelFailure)
    await keepRecord(env, profile, check, recordText(env.recordKey, binding, pass, model.usage.costUsd));

  // Deterministic findings may point into files the model does not review (lockfiles, vendored code).
  const { findings, dropped } = reviewFindings([...deterministic.findings, ...pass.findings], withAllPatches(plan.diffs, shown), {
    minConfidence: settings.minConfidence,
    // Through the gate too, so a suggestion that quotes a secret is dropped rather than posted with a hole in it.
    redact: (text) => outbound.redact(profile.redact ? profile.redact(text) : text),
  });
  const progress: PublishProgress = { step: 'the review could not be prepared', posted: [] };
  try {
    const [posted, existingSuggestions] = await Promise.all([
      readPostedState(gh, repo, pr.number, profile.name, bot, known),
      listSuggestions(gh, repo, env.labels.agentSuggestion, bot),
    ]);
    const analysis = analyse({
      profile,
      settings,
      pr,
      botId: bot.id,
      findings,
      dropped,
      posted,
      existingSuggestions,
      skipped: [...plan.selection.skipped, ...plan.budget.deletionOnly.map((path) => ({ path, reason: 'deleted' as const }))],
      leftOut: plan.budget.leftOut,
      unlisted: plan.unlisted,
      incomplete: [
        ...(env.modelSkipReason && plan.budget.chunks.length > 0 ? [`the model pass was skipped (${env.modelSkipReason})`] : []),
        ...(modelFailure ? [`the model pass failed (${modelFailure}); only the deterministic findings are shown`] : []),
        ...(deterministic.complete === false ? ['the deterministic pass could not check everything'] : []),
      ],
      reviewableFiles: plan.selection.reviewable.length,
      coveredFiles: plan.budget.covered.length,
      notes: [
        ...planNotes(plan, pass, deterministic),
        ...(recorded
          ? [
              `The model's answer was recorded by an earlier run of this review on this head (check run ${recorded.checkRunId}); this run did not ask the model again.`,
            ]
          : []),
      ],
    });
    const usage = recorded ? undefined : model?.usage;
    const context = {
      env,
      profile,
      settings,
      settingsKey: key,
      analysis,
      posted,
      check,
      // The recording run paid for the answer and never committed its cost: this review carries it.
      modelCalls: recorded ? recorded.pass.calls : (usage?.calls ?? 0),
      costUsd: recorded ? recorded.costUsd : (usage?.costUsd ?? 0),
      newDependencies,
      progress,
    };
    const published: Published = env.dryRun ? previewPublication(context) : await publish(context);
    return outcomeOf(profile, analysis.pr, published, { checkRunId: check?.id ?? null, usage, figures: figuresOf(plan), newDependencies, dryRun: env.dryRun });
  } catch (error) {
    const failure = describeGitHubFailure(error);
    if (failure?.kind === 'rate-limited') {
      if (check) await failCheck(env, check, pr.headSha, failure.reason, newDependencies, 'neutral');
      return {
        ...quiet(pr, 'neutral', `${profile.title} of #${pr.number}: ${failure.reason}`, `${heading}\n\n**Not finished.** ${failure.reason}\n`),
        checkRunId: check?.id ?? null,
        figures: figuresOf(plan),
      };
    }
    if (failure?.kind === 'interrupted') {
      const reason = interruptedReason(progress, failure.answer, check?.text !== undefined);
      // Neutral, not failing: nothing is wrong with the pull request, and the rerun's check run replaces this one.
      if (check) await failCheck(env, check, pr.headSha, reason, newDependencies, 'neutral');
      return {
        ...quiet(pr, 'failure', `${profile.title} of #${pr.number}: ${reason}`, `${heading}\n\n**Not finished:** ${reason}\n`),
        checkRunId: check?.id ?? null,
        figures: figuresOf(plan),
      };
    }
    if (check)
      await failCheck(
        env,
        check,
        pr.headSha,
        `Posting the review failed: ${isGitHubError(error) ? describeAnswer(error) : errorMessage(error)}`,
        newDependencies,
        'failure',
      );
    throw failure?.kind === 'refused' ? failure.error : error;
  }
}

/** The review caps: when one is reached, no check run, no model call, and one notice on the pull request saying when reviews resume. */
async function capReached(
  env: ReviewEnvironment,
  profile: ReviewerProfile,
  settings: ReviewSettings,
  pr: ReviewPullRequest,
): Promise<ReviewOutcome | undefined> {
  const now = (env.now ?? Date.now)();
  const starts = await countRecentReviews(env.gh, env.repo, pr, { checkName: profile.checkName, appSlug: botAppSlug(env.bot.login), now, caps: settings.caps });
  const decision = decideCap(starts.pull, starts.repository, settings.caps, now);
  if (decision.allowed) return undefined;
  const notice = capNotice(profile.title, decision);
  // Both reviewers may stop on the same head at once; the notice is keyed by the head so only one stays.
  if (!env.dryRun) await replyOnce(env.gh, env.repo, env.bot, { issue: pr.number, kind: 'review-cap', key: `${pr.number}-${pr.headSha}`, body: notice });
  return quiet(
    pr,
    'neutral',
    `${profile.title} of #${pr.number} did not run: ${decision.reason}; reviews resume at ${decision.resumesAt.toISOString()}.`,
    `## ${profile.title} of #${pr.number}\n\n${notice}\n`,
  );
}

/**
 * A refused write is the workflow's permissions (or a fork's read-only token), not a bug: say so plainly. GitHub
 * failing on every try is said as what failed and what GitHub answered, so the job can be re-run.
 */
function explainGitHubError(error: unknown, what: string): never {
  const failure = describeGitHubFailure(error);
  if (failure?.kind === 'refused') throw failure.error;
  if (failure?.kind === 'interrupted') throw new TransientError(`${what}: ${failure.answer}; nothing was reviewed or posted`);
  throw error;
}

/** Pure: what failed, what GitHub answered, what already exists, and that a rerun finishes the review. */
export function interruptedReason(progress: PublishProgress, answer: string, recorded = false): string {
  const posted = progress.posted.length > 0 ? `Already posted: ${progress.posted.join('; ')}.` : 'Nothing was posted on the pull request.';
  const model = recorded ? " The model's answer is recorded on this check run: the rerun posts it without asking the model again." : '';
  return `${progress.step}: ${answer}. ${posted}${model} Re-run the job: what was posted is recognised and not posted twice, and the rerun's check run replaces this one.`;
}

/** Records the model's answer on the run's check run; a failure to record costs only a model call on a rerun. */
async function keepRecord(env: ReviewEnvironment, profile: ReviewerProfile, check: CheckRunRef, text: string | undefined): Promise<void> {
  if (text === undefined) {
    env.log(`${profile.title}: the model's answer is too large to record on the check run; a rerun would ask the model again.`);
    return;
  }
  try {
    await recordOnCheckRun(env.gh, env.repo, check, `${profile.title} in progress`, text);
  } catch (error) {
    env.log(
      `${profile.title}: the model's answer could not be recorded on the check run (${isGitHubError(error) ? describeAnswer(error) : errorMessage(error)}); a rerun would ask the model again.`,
    );
  }
}

/** The PR with every patch passed through the reviewer's redaction (ciso-review: secrets masked). */
function redactPatches(pr: ReviewPullRequest, redact: ((text: string) => string) | undefined): ReviewPullRequest {
  if (!redact) return pr;
  return { ...pr, files: pr.files.map((file) => (file.patch === undefined ? file : { ...file, patch: redact(file.patch) })) };
}

/** The reviewed files' diffs plus those of every other file that has a patch, for placing findings. */
function withAllPatches(diffs: ReadonlyMap<string, FileDiffIndex>, pr: ReviewPullRequest): Map<string, FileDiffIndex> {
  const all = new Map(diffs);
  for (const file of pr.files) {
    if (file.patch !== undefined && !all.has(file.filename)) all.set(file.filename, indexFileDiff(file.filename, parsePatch(file.patch)));
  }
  return all;
}

/** An error that came from a GitHub call (it carries an HTTP status), as opposed to a bug. */
function isGitHubError(error: unknown): boolean {
  return describeGitHubError(error).status !== undefined;
}

async function failCheck(
  env: ReviewEnvironment,
  check: CheckRunRef,
  headSha: string,
  reason: string,
  newDependencies: string[],
  conclusion: 'failure' | 'neutral',
): Promise<void> {
  try {
    await completeCheckRun(env.gh, env.repo, check, {
      conclusion,
      title: conclusion === 'failure' ? 'Review failed' : 'Review not finished',
      summary: checkSummary(reason, { headSha, shouldBlock: false, complete: false, newDependencies }),
    });
  } catch (error) {
    env.log(`Could not complete the check run as ${conclusion}: ${isGitHubError(error) ? describeAnswer(error) : errorMessage(error)}`);
  }
}

function outcomeOf(
  profile: ReviewerProfile,
  pr: ReviewPullRequest,
  published: Published,
  extra: Pick<ReviewOutcome, 'checkRunId' | 'usage' | 'figures' | 'newDependencies'> & { dryRun: boolean },
): ReviewOutcome {
  const { report } = published;
  const total = report.findings.length;
  const created = published.issuesCreated.length;
  const what = `${total} finding${total === 1 ? '' : 's'}${report.blocking ? ', blocking' : ''}${report.complete ? '' : ', incomplete'}; ${created} suggestion issue${created === 1 ? '' : 's'} created`;
  const conclusion: ReviewOutcome['conclusion'] = report.blocking ? 'failure' : report.complete ? 'success' : 'neutral';
  const prefix = extra.dryRun ? 'Dry run — ' : '';
  return {
    conclusion,
    message: `${prefix}${profile.title} of #${pr.number} at ${shortSha(pr.headSha)}: ${what}.`,
    summary: extra.dryRun ? published.summary : `${published.summary}\n`,
    pullNumber: pr.number,
    headSha: pr.headSha,
    reviewed: true,
    shouldBlock: report.blocking,
    complete: report.complete,
    findings: report.findings,
    openFindings: published.state.findings,
    issuesCreated: created,
    reviewId: published.reviewId,
    checkRunId: extra.checkRunId,
    usage: extra.usage,
    figures: extra.figures,
    newDependencies: extra.newDependencies,
  };
}
