/**
 * Which writes record a decision. Pure: every function here takes the snapshot and what was asked, and
 * returns the writes with a one-line account for the job summary; nothing is sent from here.
 *
 * Labels are the record. An approval is `roadmap` + `priority-*` without `needs-approval`; a rejection is
 * "closed as not planned" without `needs-approval`. A suggestion already in that state needs nothing, which
 * is what makes a rerun (or a resumed comment) write nothing twice.
 */
import type { Command } from '../core/commands.js';
import { priorityLabel, type LabelNames, type Priority, type Severity } from '../core/labels.js';
import { approvalComment, rejectionComment } from './messages.js';
import type { RecordedApproval } from './markers.js';
import { hasLabel, suggestionStatus, type Snapshot, type Suggestion } from './snapshot.js';
import type { Write } from './writes.js';

export type DecisionKind = 'approve' | 'reject' | 'reply';

export interface Decision {
  kind: DecisionKind;
  issue: number;
  /** One line for the job summary. */
  summary: string;
  writes: Write[];
  /** For the report's ledger, once the writes are done. */
  approval?: RecordedApproval;
}

/** Outcome of one command: a decision to carry out, nothing to do (said why), or a refusal to explain. */
export type CommandResult = { decision: Decision } | { unchanged: string } | { refused: string };

const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];

/** Critical and high findings are high priority (they block or should block a merge); a suggestion of unknown severity is medium. */
export function priorityFor(severity: Severity | null): Priority {
  if (severity === 'critical' || severity === 'high') return 'high';
  return severity ?? 'medium';
}

function priorityLabels(names: LabelNames): string[] {
  return PRIORITIES.map((level) => priorityLabel(names, level));
}

function currentPriority(suggestion: Suggestion, names: LabelNames): Priority | null {
  return PRIORITIES.find((level) => hasLabel(suggestion.labels, priorityLabel(names, level))) ?? null;
}

export interface ApprovalRequest {
  by: string | null;
  via: 'command' | 'label';
  /** Asked for explicitly (`/approve low`); otherwise a priority label already there, else from severity. */
  priority: Priority | undefined;
  now: Date;
}

export function planApproval(suggestion: Suggestion, request: ApprovalRequest, names: LabelNames): CommandResult {
  const ref = `#${suggestion.number}`;
  if (!suggestion.open) return { refused: `${ref} is closed; reopen it before approving it.` };
  const approved = hasLabel(suggestion.labels, names.roadmap);
  const waiting = hasLabel(suggestion.labels, names.needsApproval);
  const existing = currentPriority(suggestion, names);
  if (approved && !waiting && existing !== null && (request.priority === undefined || request.priority === existing)) {
    return { unchanged: `${ref} is already approved (priority ${existing}).` };
  }
  const priority = request.priority ?? existing ?? priorityFor(suggestion.severity);
  const wanted = priorityLabel(names, priority);
  const add = [names.roadmap, wanted].filter((label) => !hasLabel(suggestion.labels, label));
  const remove = [names.needsApproval, ...priorityLabels(names).filter((label) => label !== wanted)].filter((label) => hasLabel(suggestion.labels, label));
  const comment = approvalComment({
    by: request.by,
    via: request.via,
    at: request.now,
    priority,
    priorityLabel: wanted,
    roadmapLabel: names.roadmap,
    fingerprint: suggestion.fingerprint,
    content: suggestion.content,
  });
  const writes: Write[] = [
    // Adding comes first: a run that stops half-way leaves roadmap + needs-approval, which the next run
    // recognises as an approval to finish, never a suggestion that silently lost its approval.
    ...(add.length > 0 ? [{ op: 'add-labels' as const, issue: suggestion.number, labels: add }] : []),
    ...remove.map((label) => ({ op: 'remove-label' as const, issue: suggestion.number, label })),
    { op: 'comment', issue: suggestion.number, body: comment },
  ];
  const who = request.by ? `@${request.by}` : 'by hand';
  return {
    decision: {
      kind: 'approve',
      issue: suggestion.number,
      summary: `${ref} approved ${request.via === 'label' ? `(roadmap label added ${who})` : `by ${who}`}, priority ${priority}`,
      writes,
      approval: { issue: suggestion.number, at: request.now.toISOString(), by: request.by },
    },
  };
}

export interface RejectionRequest {
  by: string | null;
  via: 'command' | 'close';
  reason: string | null;
  now: Date;
}

export function planRejection(suggestion: Suggestion, request: RejectionRequest, names: LabelNames): CommandResult {
  const ref = `#${suggestion.number}`;
  const status = suggestionStatus(suggestion, names);
  const closedAs = suggestion.stateReason === 'duplicate' ? 'a duplicate' : 'not planned';
  const comment = rejectionComment({
    by: request.by,
    via: request.via,
    at: request.now,
    reason: request.reason,
    fingerprint: suggestion.fingerprint,
    closedAs,
  });
  if (request.via === 'close') {
    // Closed by hand: the close is the decision; recording it takes needs-approval off and says so.
    if (status !== 'rejected' || !hasLabel(suggestion.labels, names.needsApproval)) return { unchanged: `${ref} needs no record.` };
    return {
      decision: {
        kind: 'reject',
        issue: suggestion.number,
        summary: `${ref} rejected (closed as ${closedAs} ${request.by ? `by @${request.by}` : 'by hand'})`,
        writes: [
          { op: 'remove-label', issue: suggestion.number, label: names.needsApproval },
          { op: 'comment', issue: suggestion.number, body: comment },
        ],
      },
    };
  }
  if (status === 'rejected') return { unchanged: `${ref} is already rejected.` };
  if (!suggestion.open) return { refused: `${ref} is already closed.` };
  const dropped = new Set([names.needsApproval, names.roadmap, ...priorityLabels(names)].map((label) => label.toLowerCase()));
  return {
    decision: {
      kind: 'reject',
      issue: suggestion.number,
      summary: `${ref} rejected by @${request.by ?? 'unknown'}`,
      // The reason goes first: if the run stops between the two, the suggestion is still open and waiting,
      // rather than closed with its reason lost.
      writes: [
        { op: 'comment', issue: suggestion.number, body: comment },
        { op: 'close', issue: suggestion.number, labels: suggestion.labels.filter((label) => !dropped.has(label.toLowerCase())) },
      ],
    },
  };
}

/** Pure: what one approve or reject command asks of its target, given who asked. */
export function planCommand(
  command: Extract<Command, { name: 'approve' } | { name: 'reject' }>,
  suggestion: Suggestion,
  by: string,
  now: Date,
  names: LabelNames,
): CommandResult {
  if (command.name === 'approve') return planApproval(suggestion, { by, via: 'command', priority: command.priority, now }, names);
  return planRejection(suggestion, { by, via: 'command', reason: command.reason, now }, names);
}

export interface HandAttribution {
  /** The issue of the `issues` event, and who caused it (the event's sender). */
  issue: number;
  login: string;
}

/**
 * Pure: decisions people made with labels or the close button that are not recorded yet. A `roadmap` label
 * on an open suggestion that still waits (or has no priority) is an approval to finish; a suggestion closed as
 * not planned that still carries `needs-approval` is a rejection to record. Who did it is known only when the
 * run was started by that very change (`attribution`); a scheduled run says "by hand".
 */
export function planHandDecisions(snapshot: Snapshot, names: LabelNames, now: Date, attribution?: HandAttribution): Decision[] {
  const decisions: Decision[] = [];
  for (const suggestion of [...snapshot.suggestions].sort((a, b) => a.number - b.number)) {
    const status = suggestionStatus(suggestion, names);
    const by = attribution?.issue === suggestion.number ? attribution.login : null;
    let result: CommandResult | null = null;
    if (status === 'approved' && suggestion.open && (hasLabel(suggestion.labels, names.needsApproval) || currentPriority(suggestion, names) === null)) {
      result = planApproval(suggestion, { by, via: 'label', priority: undefined, now }, names);
    } else if (status === 'rejected' && hasLabel(suggestion.labels, names.needsApproval)) {
      result = planRejection(suggestion, { by, via: 'close', reason: null, now }, names);
    }
    if (result && 'decision' in result) decisions.push(result.decision);
  }
  return decisions;
}

/**
 * Pure: the writes a decision needs once labels the repository lacks are created first (with their colour
 * and description). `seen` holds the labels known to exist; it is not changed here.
 */
export function withLabelCreation(writes: readonly Write[], seen: ReadonlySet<string>): Write[] {
  const creating = new Set<string>();
  const out: Write[] = [];
  for (const write of writes) {
    if (write.op === 'add-labels') {
      for (const name of write.labels) {
        const lower = name.toLowerCase();
        if (seen.has(lower) || creating.has(lower)) continue;
        creating.add(lower);
        out.push({ op: 'create-label', name });
      }
    }
    out.push(write);
  }
  return out;
}

/** Pure: the snapshot as it stands after a decision's writes, so the report shows what this run did. */
export function applyDecision(snapshot: Snapshot, decision: Decision, now: Date): Snapshot {
  const suggestions = snapshot.suggestions.map((suggestion) => {
    let next = suggestion;
    for (const write of decision.writes) {
      if (!('issue' in write) || write.issue !== suggestion.number) continue;
      if (write.op === 'add-labels') next = { ...next, labels: [...next.labels, ...write.labels.filter((label) => !hasLabel(next.labels, label))] };
      if (write.op === 'remove-label') next = { ...next, labels: next.labels.filter((label) => label.toLowerCase() !== write.label.toLowerCase()) };
      if (write.op === 'close') next = { ...next, labels: write.labels, open: false, stateReason: 'not_planned', closedAt: now.toISOString() };
    }
    return next;
  });
  const seenLabels = new Set(snapshot.seenLabels);
  for (const write of decision.writes) if (write.op === 'create-label') seenLabels.add(write.name.toLowerCase());
  return { ...snapshot, suggestions, seenLabels };
}
