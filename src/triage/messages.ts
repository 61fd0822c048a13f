/**
 * What the bot writes on issues when it records a decision or refuses one. Visible text first, the hidden
 * marker last. Pure; nothing here holds a time finer than the minute or a run link, so reruns render the same.
 */
import type { ApprovedContent } from '../core/approval.js';
import type { Priority } from '../core/labels.js';
import { DECISION_MARKER_KIND, REPLY_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import type { DecisionMarker } from './markers.js';
import { quoteBlock } from '../core/untrusted-markdown.js';

export function minuteOf(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function code(text: string): string {
  return `\`${text}\``;
}

export interface ApprovalText {
  by: string | null;
  via: 'command' | 'label';
  at: Date;
  priority: Priority;
  priorityLabel: string;
  roadmapLabel: string;
  fingerprint: string | null;
  /** Hashes of the title and body approved: implement refuses to start once either changes. */
  content: ApprovedContent;
}

export function approvalComment(input: ApprovalText): string {
  const label = code(input.roadmapLabel);
  const how =
    input.via === 'command'
      ? `approved by @${input.by ?? 'unknown'}`
      : input.by
        ? `@${input.by} added the ${label} label`
        : `the ${label} label was added by hand`;
  const marker: DecisionMarker = {
    decision: 'approved',
    by: input.by,
    at: input.at.toISOString(),
    via: input.via,
    priority: input.priority,
    ...(input.fingerprint ? { fingerprint: input.fingerprint } : {}),
    content: input.content,
  };
  return [
    `✅ **Approved** — ${how}; recorded ${minuteOf(input.at)}.`,
    '',
    `Priority: ${code(input.priorityLabel)}. This suggestion is now on the roadmap, and the implement agent may pick it up. The agent works on this title and description as they are now; if either changes, the suggestion goes back to needs-approval.`,
    '',
    writeMarker(DECISION_MARKER_KIND, { ...marker }),
  ].join('\n');
}

export interface RejectionText {
  by: string | null;
  via: 'command' | 'close';
  at: Date;
  reason: string | null;
  fingerprint: string | null;
  /** How a hand close was made: not planned, or as a duplicate (the review agents treat both as rejected). */
  closedAs?: 'not planned' | 'a duplicate';
}

export function rejectionComment(input: RejectionText): string {
  const who = input.by ? `@${input.by}` : 'hand';
  const lines =
    input.via === 'close'
      ? [`❌ **Rejected** — closed as ${input.closedAs ?? 'not planned'} by ${who}; recorded ${minuteOf(input.at)}. No reason was given.`]
      : [`❌ **Rejected** by ${who}, ${minuteOf(input.at)}:`, '', quoteBlock(input.reason ?? '')];
  const marker: DecisionMarker = {
    decision: 'rejected',
    by: input.by,
    at: input.at.toISOString(),
    via: input.via,
    ...(input.fingerprint ? { fingerprint: input.fingerprint } : {}),
  };
  return [
    ...lines,
    '',
    `${input.via === 'close' ? 'The review agents' : 'Closed as not planned. The review agents'} treat this finding as rejected and will not raise it again.`,
    '',
    writeMarker(DECISION_MARKER_KIND, { ...marker }),
  ].join('\n');
}

export const REASON_REQUIRED =
  'A rejection needs a reason: it records the decision for the team and tells the review agents why this finding is not wanted. ' +
  'Write it after the command, for example `/reject out of scope for this quarter` (on the triage report: `/reject #12 out of scope for this quarter`).';

/** One reply to a person who may decide but whose command could not be carried out: every problem, one per line. */
export function refusalComment(login: string, problems: readonly string[]): string {
  return [`@${login} nothing was changed for these commands:`, '', ...problems.map((problem) => `- ${problem}`)].join('\n');
}

/** The one polite reply a person without write access gets on an issue; the marker remembers whom it answered. */
/** The one reply to someone whose hand approval did not count: the label came off. */
export function labelRefusedComment(login: string, userId: number, roadmapLabel: string): string {
  return [
    `@${login} thank you. Only people with write access to this repository can approve agent suggestions, so the ${code(roadmapLabel)} label you added was taken off.`,
    'A maintainer decides in the weekly triage; you are welcome to add your view here.',
    '',
    writeMarker(REPLY_MARKER_KIND, { user: userId }),
  ].join('\n');
}

export function notAllowedComment(login: string, userId: number): string {
  return [
    `@${login} thank you. Only people with write access to this repository can approve or reject agent suggestions, so this comment changed nothing.`,
    'A maintainer decides in the weekly triage; you are welcome to add your view here.',
    '',
    writeMarker(REPLY_MARKER_KIND, { user: userId }),
  ].join('\n');
}
