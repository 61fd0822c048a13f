/**
 * Moving an issue to its next state with its explanation: the sticky comment first (a waiting state always
 * says what it waits for), then the label (the commit point), then the claim comments are released. The
 * marker keeps the spend on this issue across runs.
 */
import type { GitHub } from '../../core/github.js';
import type { BotIdentity } from '../../core/identity.js';
import { transitionIssue, type WorkState } from '../../core/issue-state.js';
import type { LabelNames } from '../../core/labels.js';
import type { RepoRef } from '../../core/repo.js';
import { upsertStickyComment } from '../../core/sticky-comment.js';
import { releaseClaims } from '../claim.js';
import type { IssueThread } from '../issue-thread.js';
import { IMPLEMENT_MARKER_KIND } from '../../core/markers/kinds.js';
import type { ImplementMarker } from '../../core/markers/schemas.js';

export interface IssueWriteDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  log: (message: string) => void;
}

export interface SettleRequest {
  to: WorkState;
  body: string;
  marker: ImplementMarker;
  /** Waiting on a human: take the bot off the assignees so the board shows whose turn it is. */
  unassign: boolean;
}

/** Pure: the marker after this run: previous fields, the new ones, and the spend added up. */
export function nextMarker(previous: ImplementMarker | null, patch: ImplementMarker, spentUsd: number): ImplementMarker {
  const costUsd = Math.round(((previous?.costUsd ?? 0) + spentUsd) * 1e6) / 1e6;
  return { ...(previous ?? {}), ...patch, costUsd };
}

export async function settleIssue(deps: IssueWriteDeps, thread: IssueThread, request: SettleRequest): Promise<void> {
  const { gh, repo, bot } = deps;
  const number = thread.issue.number;
  // Replies count only in later comments; this run's own sticky comment is the bot's, which never counts.
  const maxSeen = Math.max(0, ...thread.comments.map((comment) => comment.id));
  await upsertStickyComment(
    gh,
    repo,
    number,
    IMPLEMENT_MARKER_KIND,
    bot.id,
    request.body,
    { ...request.marker, sinceCommentId: maxSeen },
    { existing: thread.sticky },
  );
  await transitionIssue(gh, repo, number, request.to, deps.labels, { currentLabels: thread.issue.labels });
  await releaseClaims(gh, repo, thread.claims);
  if (request.unassign && thread.issue.assignees.some((login) => login.toLowerCase() === bot.login.toLowerCase())) {
    await gh.rest.issues.removeAssignees({ owner: repo.owner, repo: repo.repo, issue_number: number, assignees: [bot.login] }).catch((error: unknown) => {
      deps.log(`could not unassign ${bot.login} from #${number}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
