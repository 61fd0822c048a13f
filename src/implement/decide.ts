/**
 * What a run may do with one issue, as a pure function of the thread and of which commenters may write.
 * The labels say where the issue is; the marker and the comments after the bot last stopped say whether a
 * human has answered, approved, rejected or asked for a retry. Only writers count (DESIGN section 5); bots,
 * including this one, never do.
 */
import { parseCommand } from '../core/commands.js';
import { isStaleClaim } from '../core/claims.js';
import type { LabelNames } from '../core/labels.js';
import { currentState } from '../core/issue-state.js';
import type { ImplementationPlan } from './plan-schema.js';
import { planHash } from './plan-schema.js';
import { notCandidateBecause, type PickRules } from './pick.js';
import type { ClaimComment, IssueThread, ThreadComment } from './issue-thread.js';

/** A comment with its author's standing, resolved by the caller through the API. */
export interface JudgedComment extends ThreadComment {
  authorCanWrite: boolean;
  authorIsBot: boolean;
}

export type IssueDecision =
  { kind: 'claim'; reason: string; reclaim: boolean } | { kind: 'reject-spec'; reason: string; by: string } | { kind: 'skip'; reason: string };

export type WorkMode =
  { kind: 'fresh' } | { kind: 'answers'; answers: JudgedComment[] } | { kind: 'approved-spec'; plan: ImplementationPlan; approvedBy: string };

/**
 * Whether anyone's standing needs looking up: only while the bot waits for an answer, an approval or a
 * retry. A fresh issue with fifty commenters costs no permission reads.
 */
export function awaitsHumans(thread: IssueThread, labels: LabelNames): boolean {
  const state = currentState(thread.issue.labels, labels).state;
  if (state === 'needs-clarification' || state === 'spec-review' || state === 'failed') return true;
  return state === 'in-progress' && (thread.marker?.stage === 'questions' || thread.marker?.stage === 'spec');
}

/** Comments after the bot last stopped, the ones that may answer it. */
export function commentsSince(thread: IssueThread): ThreadComment[] {
  const since = thread.marker?.sinceCommentId ?? 0;
  return thread.comments.filter((comment) => comment.id > since);
}

/** Comments whose authors may steer the bot: writers, not bots. */
export function fromWriters(comments: readonly JudgedComment[]): JudgedComment[] {
  return comments.filter((comment) => comment.authorCanWrite && !comment.authorIsBot);
}

function firstCommand(comments: readonly JudgedComment[], names: readonly string[]) {
  for (const comment of fromWriters(comments)) {
    const command = parseCommand(comment.body);
    if (command && names.includes(command.name)) return { command, comment };
  }
  return null;
}

export interface DecideOptions {
  rules: PickRules;
  labels: LabelNames;
  now: Date;
  staleHours: number;
  runId: number | undefined;
  /** Whether each claim's run is still going (undefined: unknown), by comment id. */
  claimRunActive: ReadonlyMap<number, boolean | undefined>;
}

/** Claims that still hold: not stale, or made by this very run (a re-run of the same workflow run). */
export function liveClaims(claims: readonly ClaimComment[], options: Pick<DecideOptions, 'now' | 'staleHours' | 'runId' | 'claimRunActive'>): ClaimComment[] {
  return claims.filter(
    (claim) =>
      (options.runId !== undefined && claim.data.runId === options.runId) ||
      !isStaleClaim({ claimedAt: claim.data.claimedAt, runId: claim.data.runId }, options.now, options.staleHours, options.claimRunActive.get(claim.commentId)),
  );
}

/** Whether this run may claim the issue now, and why (or why not). `judged` are the comments since the bot stopped. */
export function decideIssue(thread: IssueThread, judged: readonly JudgedComment[], options: DecideOptions): IssueDecision {
  const { issue } = thread;
  if (issue.isPullRequest) return { kind: 'skip', reason: `#${issue.number} is a pull request, not an issue` };
  if (issue.state !== 'open') return { kind: 'skip', reason: `#${issue.number} is closed` };
  const state = currentState(issue.labels, options.labels).state;
  switch (state) {
    case null: {
      const problem = notCandidateBecause(issue, options.rules);
      return problem
        ? { kind: 'skip', reason: `#${issue.number} is not ready for the agent: ${problem}` }
        : { kind: 'claim', reason: 'approved roadmap issue', reclaim: false };
    }
    case 'needs-clarification':
      return fromWriters(judged).length > 0
        ? { kind: 'claim', reason: 'a maintainer answered the questions', reclaim: false }
        : { kind: 'skip', reason: `#${issue.number} is waiting for answers from someone with write access` };
    case 'spec-review': {
      const found = firstCommand(judged, ['approve-spec', 'reject-spec']);
      if (found?.command.name === 'reject-spec') return { kind: 'reject-spec', reason: found.command.reason, by: found.comment.user?.login ?? 'unknown' };
      if (found?.command.name === 'approve-spec')
        return { kind: 'claim', reason: `SPEC approved by @${found.comment.user?.login ?? 'unknown'}`, reclaim: false };
      return { kind: 'skip', reason: `#${issue.number} is waiting for /approve-spec from someone with write access` };
    }
    case 'failed': {
      const found = firstCommand(judged, ['retry']);
      return found
        ? { kind: 'claim', reason: `retry requested by @${found.comment.user?.login ?? 'unknown'}`, reclaim: false }
        : { kind: 'skip', reason: `#${issue.number} failed earlier; a maintainer can comment /retry` };
    }
    case 'in-progress': {
      const live = liveClaims(thread.claims, options);
      if (live.length === 0)
        return {
          kind: 'claim',
          reason: thread.marker?.stage === 'publishing' ? 'an earlier run left its pull request unfinished' : 'the previous claim is stale',
          reclaim: true,
        };
      const own = options.runId !== undefined && live.some((claim) => claim.data.runId === options.runId);
      if (own) return { kind: 'claim', reason: 'resuming this run’s own claim', reclaim: false };
      const holder = live[0];
      return {
        kind: 'skip',
        reason: `#${issue.number} is being worked on by ${holder?.data.runUrl ?? 'another run'} since ${holder?.data.claimedAt ?? 'recently'}`,
      };
    }
    case 'pr-open':
      return { kind: 'skip', reason: `#${issue.number} already has an open pull request${thread.marker?.prNumber ? ` (#${thread.marker.prNumber})` : ''}` };
    case 'done':
      return { kind: 'skip', reason: `#${issue.number} is done` };
  }
}

/** After the claim: start over, continue with the answers, or run the SPEC a writer approved. */
export function decideWorkMode(thread: IssueThread, judged: readonly JudgedComment[]): WorkMode {
  const marker = thread.marker;
  if (marker?.stage === 'questions') {
    const answers = fromWriters(judged).filter((comment) => parseCommand(comment.body) === null);
    if (answers.length > 0) return { kind: 'answers', answers };
  }
  if (marker?.stage === 'spec' && marker.plan && marker.planHash === planHash(marker.plan)) {
    const found = firstCommand(judged, ['approve-spec']);
    if (found) return { kind: 'approved-spec', plan: marker.plan, approvedBy: found.comment.user?.login ?? 'unknown' };
  }
  return { kind: 'fresh' };
}
