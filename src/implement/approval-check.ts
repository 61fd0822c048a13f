/**
 * Whether the approval an issue is picked on holds. A label approval counts only when the issue's events show that
 * people who may command the bot set the labels (core/authority.ts labelAuthority); otherwise the label comes off
 * with one comment saying why. An approval froze the title and body (hashes in the bot's record: triage's decision
 * on a suggestion, or implement's own record of a label approval it saw first); when either changed, the issue goes
 * back to needs-approval with one comment that says which. Before any record, a change after the label is told by
 * a `renamed` event (the title) or by `lastEditedAt` (the body).
 */
import { changedSinceApproval, contentHashes, partsText, type ApprovedContent, type ContentPart } from '../core/approval.js';
import { labelAuthority, type ApprovalLabels, type LabelAuthority } from '../core/authority.js';
import type { GitHub } from '../core/github.js';
import { gitHubStatus } from '../core/github-errors.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import { readIssueEvents, renamedAfter } from '../core/issue-events.js';
import { currentState, stateLabels } from '../core/issue-state.js';
import type { LabelNames } from '../core/labels.js';
import { APPROVAL_MARKER_KIND, APPROVAL_REFUSED_MARKER_KIND, DECISION_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker, writeMarker } from '../core/markers/registry.js';
import type { RepoRef } from '../core/repo.js';
import { replyOnce } from '../core/reply-once.js';
import { editedSince, lastEditedAtSeen, readLastEditedAt, type SeenAtPick } from './body-edits.js';
import type { IssueThread } from './issue-thread.js';

export interface ApprovalRecord {
  /** Who approved (null: a triage decision that could not tell). */
  by: string | null;
  /** When the bot wrote the record (the comment's creation time, GitHub's clock). */
  recordedAt: string;
  content: ApprovedContent;
}

/** Pure: the newest approval record (with frozen content) among the bot's comments on the thread, or null. */
export function approvalRecordOf(thread: IssueThread, bot: BotIdentity): ApprovalRecord | null {
  let found: ApprovalRecord | null = null;
  for (const comment of thread.comments) {
    if (!isBot(comment.user, bot)) continue;
    const own = readMarker(APPROVAL_MARKER_KIND, comment.body);
    const decision = own ? null : readMarker(DECISION_MARKER_KIND, comment.body);
    const record = own ?? (decision?.decision === 'approved' && decision.content ? { by: decision.by, content: decision.content } : null);
    if (record && (!found || comment.createdAt >= found.recordedAt)) found = { by: record.by, recordedAt: comment.createdAt, content: record.content };
  }
  return found;
}

/** Pure: who the newest triage approval on the thread names (decisions recorded before approvals froze the text included). */
export function decidedBy(thread: IssueThread, bot: BotIdentity): string | null {
  let by: string | null = null;
  for (const comment of thread.comments) {
    const decision = isBot(comment.user, bot) ? readMarker(DECISION_MARKER_KIND, comment.body) : null;
    if (decision?.decision === 'approved') by = decision.by;
  }
  return by;
}

export type ApprovalVerdict =
  /** `recordNow`: no record froze this approval yet; the run records the text it is about to work on. */
  | { kind: 'holds'; recordNow: boolean; by: string | null }
  | { kind: 'not-writer'; authority: Extract<LabelAuthority, { allowed: false }> }
  | { kind: 'changed'; parts: ContentPart[]; by: string | null };

export interface ApprovalDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  /** The labels that approve an issue for the agent (implement's candidate labels). */
  candidateLabels: readonly string[];
}

function approvalLabels(deps: ApprovalDeps): ApprovalLabels {
  return { added: deps.candidateLabels, removed: [deps.labels.needsApproval] };
}

/**
 * The approval behind one issue the run decided to take. An issue without a work state is picked on its labels:
 * the events are read (one request per 100 events) to learn who set them, and a record older than the labels
 * belongs to an earlier approval. An issue already in the loop was checked when it was first picked, so only
 * its recorded content is compared; one picked before approvals were recorded has none and holds. `seen` is what
 * the pick's search read of the issue (its `lastEditedAt`); without it, or when the issue changed since, the
 * body's last edit is read here (one request) when no record settles the question.
 */
export async function checkApproval(deps: ApprovalDeps, thread: IssueThread, seen?: SeenAtPick): Promise<ApprovalVerdict> {
  const record = approvalRecordOf(thread, deps.bot);
  const compare = (current: ApprovalRecord): ApprovalVerdict => {
    const parts = changedSinceApproval(current.content, thread.issue.title, thread.issue.body);
    return parts.length > 0 ? { kind: 'changed', parts, by: current.by } : { kind: 'holds', recordNow: false, by: current.by };
  };
  if (currentState(thread.issue.labels, deps.labels).state !== null) return record ? compare(record) : { kind: 'holds', recordNow: false, by: null };
  const events = await readIssueEvents(deps.gh, deps.repo, thread.issue.number);
  const authority = await labelAuthority(deps.gh, deps.repo, events, approvalLabels(deps), deps.bot);
  if (!authority.allowed) return { kind: 'not-writer', authority };
  if (record && record.recordedAt >= authority.at) return compare(record);
  // Not recorded yet (an issue a person filed, or one approved before approvals were recorded): a rename since the
  // approval is in the events; a body edit is not, but its time is (lastEditedAt). The first run to see the
  // approval records the text, so a later edit is told by the hashes. The bot's own label is triage's record of a
  // person's decision: name that person.
  const approver = isBot(authority.by.id === undefined ? null : { id: authority.by.id, type: authority.by.type }, deps.bot)
    ? decidedBy(thread, deps.bot)
    : authority.by.login;
  if (renamedAfter(events, authority.eventId)) return { kind: 'changed', parts: ['title'], by: approver };
  const known = lastEditedAtSeen(seen, thread.issue.updatedAt);
  const lastEditedAt = known === undefined ? await readLastEditedAt(deps.gh, deps.repo, thread.issue.number) : known;
  if (editedSince(lastEditedAt, authority.at)) return { kind: 'changed', parts: ['body'], by: approver };
  return { kind: 'holds', recordNow: true, by: approver };
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** The record implement writes when it is the first to see a label approval: who approved, and what. */
export function approvalRecordBody(thread: IssueThread, by: string | null, at: Date): string {
  const who = by ? `@${by} approved it` : 'it was approved';
  return [
    `🔒 Approved for the agent: ${who}. The agent works on this title and description as they are now; if either changes, the issue goes back to needs-approval.`,
    '',
    writeMarker(APPROVAL_MARKER_KIND, { by: by ?? 'unknown', at: at.toISOString(), content: contentHashes(thread.issue.title, thread.issue.body) }),
  ].join('\n');
}

export async function recordApproval(deps: ApprovalDeps, thread: IssueThread, by: string | null, at: Date): Promise<void> {
  const { owner, repo } = deps.repo;
  await deps.gh.rest.issues.createComment({ owner, repo, issue_number: thread.issue.number, body: approvalRecordBody(thread, by, at) });
}

async function removeLabel(deps: ApprovalDeps, issue: number, name: string): Promise<void> {
  await deps.gh.rest.issues.removeLabel({ owner: deps.repo.owner, repo: deps.repo.repo, issue_number: issue, name }).catch((error: unknown) => {
    if (gitHubStatus(error) !== 404) throw error;
  });
}

/**
 * An approval set by someone who may not approve: an approval label comes off (a released `needs-approval` goes
 * back on), with one comment per person saying why; the same person is not told twice.
 */
export async function refuseLabel(deps: ApprovalDeps, thread: IssueThread, authority: Extract<LabelAuthority, { allowed: false }>): Promise<void> {
  const { owner, repo } = deps.repo;
  const number = thread.issue.number;
  const approving = deps.candidateLabels.some((name) => name.toLowerCase() === authority.label.toLowerCase());
  if (approving) await removeLabel(deps, number, authority.label);
  else await deps.gh.rest.issues.addLabels({ owner, repo, issue_number: number, labels: [authority.label] });
  const undone = approving ? `so ${code(authority.label)} was taken off` : `so ${code(authority.label)} was put back`;
  await replyOnce(deps.gh, deps.repo, deps.bot, {
    issue: number,
    kind: APPROVAL_REFUSED_MARKER_KIND,
    key: `label-${authority.by?.login.toLowerCase() ?? 'unknown'}`,
    body: [
      `The agent did not start: only people with write access to this repository can approve work for it (${authority.reason}), ${undone}.`,
      '',
      `A maintainer can approve this issue by adding ${deps.candidateLabels.map(code).join(', ')}.`,
    ].join('\n'),
  });
}

/** The one line the summary and the comment share: which part changed after whose approval. */
export function changedReason(verdict: Extract<ApprovalVerdict, { kind: 'changed' }>): string {
  return `the issue's ${partsText(verdict.parts)} changed after ${verdict.by ? `@${verdict.by} approved it` : 'it was approved'}`;
}

/** Back to needs-approval: the approval labels and any state label come off, with one comment that says why. */
export async function moveBackToApproval(deps: ApprovalDeps, thread: IssueThread, verdict: Extract<ApprovalVerdict, { kind: 'changed' }>): Promise<void> {
  const dropped = new Set([...deps.candidateLabels, ...stateLabels(deps.labels)].map((label) => label.toLowerCase()));
  const labels = [...thread.issue.labels.filter((label) => !dropped.has(label.toLowerCase())), deps.labels.needsApproval];
  const { owner, repo } = deps.repo;
  await deps.gh.rest.issues.setLabels({ owner, repo, issue_number: thread.issue.number, labels });
  await deps.gh.rest.issues.createComment({
    owner,
    repo,
    issue_number: thread.issue.number,
    body: [
      `⏸️ Not started: ${changedReason(verdict)}. The agent works only on the task as it was approved, so this issue is back in ${code(deps.labels.needsApproval)}.`,
      '',
      `To approve the new text, a maintainer removes ${code(deps.labels.needsApproval)} and adds ${deps.candidateLabels.map(code).join(', ')} again (on an agent suggestion: comment \`/approve\`).`,
    ].join('\n'),
  });
}
