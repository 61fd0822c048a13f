/**
 * Carries out a review's decisions on GitHub, in an order that a crash at any point leaves recognisable:
 * suggestion issues (found again by fingerprint), the PR review (its inline comments carry fingerprints),
 * the check run, and last the sticky summary whose marker records the head as reviewed — the commit point.
 * A dry run renders the same texts and writes nothing.
 */
import { upsertStickyComment } from '../core/sticky-comment.js';
import { toReport, type ReviewAnalysis } from './analysis.js';
import { checkSummary, closeStaleCheckRuns, completeCheckRun, type CheckRunRef } from './check-run.js';
import { describeAnswer } from '../core/github-errors.js';
import type { BotReview, PostedState } from './posted-state.js';
import { dismissReview, postReview, type InlineComment } from './pr-review.js';
import type { ReviewerProfile } from './profile.js';
import { inlineCommentBody, reviewBody, suggestionTitle } from './render-comments.js';
import { checkAnnotations, checkTitle, renderSummary } from './render-summary.js';
import { codeBlock, where } from './render-text.js';
import type { ReviewReport } from './report.js';
import { nextState, type ReviewState } from './review-state.js';
import type { ReviewSettings } from './settings.js';
import type { ReviewEvent } from './verdict.js';
import { reaches } from './severity.js';
import { applySuggestions, suggestionLabels } from './suggestion-issues.js';
import type { ReviewEnvironment } from './types.js';

/**
 * How far a publish got, for a failure that must say what exists: the step under way (as the end of "… could
 * not …") and what was already posted on the pull request or as issues.
 */
export interface PublishProgress {
  step: string;
  posted: string[];
}

export interface PublishContext {
  env: ReviewEnvironment;
  profile: ReviewerProfile;
  settings: ReviewSettings;
  settingsKey: string;
  analysis: ReviewAnalysis;
  posted: PostedState;
  check: CheckRunRef | null;
  modelCalls: number;
  costUsd: number;
  newDependencies: string[];
  /** Updated as each step starts and ends; the engine reads it when a step fails. */
  progress?: PublishProgress;
}

export interface Published {
  reviewId: number | null;
  issuesCreated: number[];
  issuesNoted: number[];
  report: ReviewReport;
  state: ReviewState;
  /** Markdown of what was (or, in a dry run, would have been) posted, for the job summary. */
  summary: string;
}

function redactor(profile: ReviewerProfile): (text: string) => string {
  return profile.redact ?? ((text) => text);
}

function inlineComments(context: PublishContext): InlineComment[] {
  const redact = redactor(context.profile);
  return context.analysis.toPost.map((finding) => ({
    path: finding.file,
    line: finding.line,
    startLine: finding.startLine,
    body: redact(inlineCommentBody(context.profile, finding)),
  }));
}

function reportFor(context: PublishContext, issues: ReadonlyMap<string, number>): ReviewReport {
  return toReport(context.analysis, {
    reviewer: { name: context.profile.name, title: context.profile.title },
    settings: context.settings,
    issues,
    modelCalls: context.modelCalls,
    costUsd: context.costUsd,
    previousCostUsd: context.posted.previous?.costUsd ?? 0,
    model: context.env.modelName,
    runUrl: context.env.runUrl,
  });
}

function stateFor(context: PublishContext, issues: ReadonlyMap<string, number>, reviewId: number | null): ReviewState {
  const { analysis } = context;
  return nextState({
    previous: context.posted.previous,
    headSha: analysis.pr.headSha,
    settingsKey: context.settingsKey,
    complete: analysis.complete,
    shouldBlock: analysis.blocking,
    conclusion: analysis.conclusion,
    reviewId,
    costUsd: context.costUsd,
    findings: analysis.findings,
    issues,
    resolved: analysis.changes.resolved,
    carried: analysis.changes.carried,
    leftOut: analysis.leftOut.map((file) => file.path),
  });
}

function blockReason(context: PublishContext): string {
  const count = context.analysis.findings.filter((finding) => reaches(finding.severity, context.settings.blockSeverity)).length;
  return `${count} finding${count === 1 ? '' : 's'} at or above ${context.settings.blockSeverity}`;
}

function reviewText(context: PublishContext, note?: string): string {
  return redactor(context.profile)(
    reviewBody(context.profile, {
      headSha: context.analysis.pr.headSha,
      newComments: context.analysis.toPost.length,
      findings: context.analysis.findings.length,
      blocking: context.analysis.blocking,
      blockReason: blockReason(context),
      detailsUrl: context.check?.htmlUrl,
      note,
    }),
  );
}

export async function publish(context: PublishContext): Promise<Published> {
  const { env, profile, analysis } = context;
  const { gh, repo } = env;
  const redact = redactor(profile);
  const progress = context.progress ?? { step: '', posted: [] };
  progress.step = 'the suggestion issues could not be filed';
  const suggestions = await applySuggestions(
    { gh, repo, serverUrl: env.serverUrl, bot: env.bot, labels: env.labels, profile, pullNumber: analysis.pr.number, headSha: analysis.pr.headSha, redact },
    analysis.suggestions,
  );
  if (suggestions.created.length > 0) progress.posted.push(`suggestion issue${suggestions.created.length === 1 ? '' : 's'} ${numbers(suggestions.created)}`);

  let reviewId: number | null = null;
  const { decision } = analysis;
  // A rerun after a later step failed finds the verdict an earlier run gave on this head and does not give it twice.
  const given = decision.event && analysis.toPost.length === 0 ? givenReview(context, decision.event) : undefined;
  if (given) {
    reviewId = given.id;
    progress.posted.push(`the review (${decision.event}), by an earlier run`);
  } else if (decision.event) {
    progress.step = 'the review could not be posted';
    const posted = await postReview(
      gh,
      repo,
      env.bot,
      {
        reviewer: profile.name,
        pullNumber: analysis.pr.number,
        headSha: analysis.pr.headSha,
        event: decision.event,
        body: reviewText(context, decision.note),
        comments: inlineComments(context),
      },
      'GitHub could not place the inline comments on this head; every finding is in the summary comment.',
    );
    reviewId = posted.id;
    progress.posted.push(`the review (${decision.event}) with ${posted.inline ? analysis.toPost.length : 0} inline comment(s)`);
    if (!posted.inline) analysis.notes.push('GitHub refused the inline comments (the head moved while reviewing); the findings are listed here only.');
  }
  if (decision.dismissOwnChangeRequest) {
    progress.step = 'the earlier request for changes could not be dismissed';
    for (const id of context.posted.ownChangeRequests) {
      await dismissReview(
        gh,
        repo,
        analysis.pr.number,
        id,
        `${profile.title}: nothing at or above ${context.settings.blockSeverity} remains at ${analysis.pr.headSha.slice(0, 7)}.`,
      );
    }
  }

  const report = reportFor(context, suggestions.issues);
  const body = redact(renderSummary(report));
  if (context.check) {
    progress.step = 'the check run could not be completed';
    await completeCheckRun(gh, repo, context.check, {
      conclusion: analysis.conclusion,
      title: redact(checkTitle(report)),
      summary: checkSummary(body, {
        headSha: analysis.pr.headSha,
        shouldBlock: analysis.blocking,
        complete: analysis.complete,
        newDependencies: context.newDependencies,
      }),
      annotations: checkAnnotations(report).map((annotation) => ({ ...annotation, title: redact(annotation.title), message: redact(annotation.message) })),
    });
    await closeStale(context, context.check);
  }
  const state = stateFor(context, suggestions.issues, reviewId);
  progress.step = 'the summary comment could not be written';
  const sticky = await upsertStickyComment(gh, repo, analysis.pr.number, profile.name, env.bot.id, body, state, { existing: context.posted.sticky });
  const posted = [
    reviewId !== null ? `- review ${decision.event} with ${analysis.toPost.length} inline comment(s)` : '- no review (nothing new to say)',
    ...(suggestions.created.length > 0 ? [`- suggestion issues created: ${suggestions.created.map((number) => `#${number}`).join(', ')}`] : []),
    ...(suggestions.noted.length > 0 ? [`- "seen again" noted on: ${suggestions.noted.map((number) => `#${number}`).join(', ')}`] : []),
    ...(context.check ? [`- check run \`${profile.checkName}\`: ${analysis.conclusion}`] : []),
    `- [summary comment](${sticky.comment.htmlUrl})${sticky.written ? '' : ' (unchanged)'}`,
  ];
  return {
    reviewId,
    issuesCreated: suggestions.created,
    issuesNoted: suggestions.noted,
    report,
    state,
    summary: `${body}\n\n**Posted**\n\n${posted.join('\n')}`,
  };
}

/**
 * An earlier run's check run that never completed (its completion failed on every try) would keep branch
 * protection waiting: now that this run's check is complete, close it as superseded. Failing to is only logged;
 * the next run on the head tries again.
 */
async function closeStale(context: PublishContext, check: CheckRunRef): Promise<void> {
  const { env, profile, analysis } = context;
  try {
    const closed = await closeStaleCheckRuns(env.gh, env.repo, {
      name: profile.checkName,
      headSha: analysis.pr.headSha,
      botLogin: env.bot.login,
      keep: check.id,
      replacedBy: `[A later run of the review](${check.htmlUrl}) replaced it${env.runUrl ? ` ([workflow run](${env.runUrl}))` : ''}.`,
    });
    if (closed > 0) env.log(`${profile.title}: closed ${closed} unfinished check run(s) of an earlier run on this head as superseded.`);
  } catch (error) {
    env.log(`${profile.title}: unfinished check runs of an earlier run could not be closed (${describeAnswer(error)}); the next run on this head tries again.`);
  }
}

const REVIEW_STATES: Record<ReviewEvent, string> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

/** This reviewer's review with the same verdict on this head, if an earlier run already gave it. */
function givenReview(context: PublishContext, event: ReviewEvent): BotReview | undefined {
  const head = context.analysis.pr.headSha;
  return context.posted.ownReviews.find((review) => review.head === head && review.state === REVIEW_STATES[event]);
}

function numbers(list: readonly number[]): string {
  return list.map((number) => `#${number}`).join(', ');
}

/** Dry run: the same texts, nothing written; the job summary shows what would have been posted. */
export function previewPublication(context: PublishContext): Published {
  const { profile, analysis, env } = context;
  const redact = redactor(profile);
  const issues = new Map<string, number>();
  for (const action of analysis.suggestions) if (action.kind === 'note' || action.kind === 'known') issues.set(action.finding.fingerprint, action.issue.number);
  const report = reportFor(context, issues);
  const body = redact(renderSummary(report));
  const sections = ['## Dry run: nothing was written', '### Summary comment', body];
  if (analysis.decision.event) {
    sections.push(`### Review (${analysis.decision.event})`, reviewText(context, analysis.decision.note));
    for (const comment of inlineComments(context)) sections.push(`#### Inline comment on \`${comment.path}:${comment.line}\``, comment.body);
  } else {
    sections.push('### Review', 'No review would be posted (nothing new to say).');
  }
  const creates = analysis.suggestions.filter((action) => action.kind === 'create');
  const notes = analysis.suggestions.filter((action) => action.kind === 'note');
  if (creates.length + notes.length > 0) {
    sections.push(
      '### Suggestion issues',
      [
        ...creates.map(
          (action) =>
            `- would create **${redact(suggestionTitle(profile, action.finding))}** with labels ${suggestionLabels(profile, env.labels, action.finding)
              .map((label) => `\`${label}\``)
              .join(', ')}`,
        ),
        ...notes.map((action) => `- would note on #${action.issue.number} that it was seen again in #${analysis.pr.number} (\`${where(action.finding)}\`)`),
      ].join('\n'),
    );
  }
  sections.push(`### Check run \`${profile.checkName}\``, `${analysis.conclusion}: ${redact(checkTitle(report))}`);
  const annotations = checkAnnotations(report);
  if (annotations.length > 0)
    sections.push(
      codeBlock(annotations.map((annotation) => `${annotation.annotation_level} ${annotation.path}:${annotation.start_line} ${annotation.title}`).join('\n')),
    );
  return { reviewId: null, issuesCreated: [], issuesNoted: [], report, state: stateFor(context, issues, null), summary: sections.join('\n\n') };
}
