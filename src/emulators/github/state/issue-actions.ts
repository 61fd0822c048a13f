import { validationFailed } from '../http/api-error.js';
import type {
  IssueCommentRecord,
  IssueEventRecord,
  IssueRecord,
  IssueState,
  LabelRecord,
  ReactionContent,
  ReactionRecord,
  ReactionSubject,
  StateReason,
} from './records.js';
import type { RepositoryState } from './repository-state.js';

/** GitHub's colour for labels created implicitly by adding them to an issue. */
export const DEFAULT_LABEL_COLOR = 'ededed';

export function createLabel(state: RepositoryState, input: { name: string; color?: string; description?: string | null }): LabelRecord {
  if (state.labelByName(input.name)) {
    throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
  }
  const label: LabelRecord = {
    id: state.nextId(),
    name: input.name,
    color: (input.color ?? DEFAULT_LABEL_COLOR).replace(/^#/, '').toLowerCase(),
    description: input.description ?? null,
    default: false,
  };
  state.labels.set(label.id, label);
  return label;
}

export function ensureLabel(state: RepositoryState, name: string): LabelRecord {
  return state.labelByName(name) ?? createLabel(state, { name });
}

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: readonly string[];
  assignees?: readonly string[];
  author: string;
  createdAt?: string;
  updatedAt?: string;
  state?: IssueState;
  stateReason?: StateReason | null;
  isPullRequest?: boolean;
  /** Who added the labels it is created with (GitHub records a `labeled` event each); the author by default. */
  labeledBy?: string;
}

export function createIssue(state: RepositoryState, input: NewIssue): IssueRecord {
  const now = input.createdAt ?? state.clock.iso();
  const closed = input.state === 'closed';
  const issue: IssueRecord = {
    id: state.nextId(),
    number: state.nextNumber(),
    title: input.title,
    body: input.body ?? null,
    state: input.state ?? 'open',
    stateReason: closed ? (input.stateReason ?? 'completed') : null,
    labelIds: [],
    assignees: [...new Set(input.assignees ?? [])],
    author: input.author,
    createdAt: now,
    updatedAt: input.updatedAt ?? now,
    closedAt: closed ? now : null,
    closedBy: closed ? input.author : null,
    lastEditedAt: null,
    locked: false,
    isPullRequest: input.isPullRequest ?? false,
  };
  state.issues.set(issue.number, issue);
  for (const name of input.labels ?? [])
    if (addLabelId(issue, ensureLabel(state, name).id)) recordLabelEvent(state, issue, 'labeled', name, input.labeledBy ?? input.author, now);
  return issue;
}

function addLabelId(issue: IssueRecord, id: number): boolean {
  if (issue.labelIds.includes(id)) return false;
  issue.labelIds.push(id);
  return true;
}

function recordLabelEvent(state: RepositoryState, issue: IssueRecord, event: 'labeled' | 'unlabeled', name: string, actor: string, at?: string): void {
  const label = state.labelByName(name);
  state.issueEvents.push({
    id: state.nextId(),
    issueNumber: issue.number,
    event,
    actor,
    label: { name: label?.name ?? name, color: label?.color ?? DEFAULT_LABEL_COLOR },
    createdAt: at ?? state.clock.iso(),
  });
}

/** `actor` is who adds them: each label the issue did not carry yet gets a `labeled` event. */
export function addLabelsToIssue(state: RepositoryState, issue: IssueRecord, names: readonly string[], actor: string): void {
  for (const name of names) if (addLabelId(issue, ensureLabel(state, name).id)) recordLabelEvent(state, issue, 'labeled', name, actor);
  state.touch(issue);
}

export function replaceIssueLabels(state: RepositoryState, issue: IssueRecord, names: readonly string[], actor: string): void {
  const wanted = new Set(names.map((name) => ensureLabel(state, name).id));
  for (const label of issueLabels(state, issue)) if (!wanted.has(label.id)) recordLabelEvent(state, issue, 'unlabeled', label.name, actor);
  issue.labelIds = issue.labelIds.filter((id) => wanted.has(id));
  addLabelsToIssue(state, issue, names, actor);
}

/** Returns false when the issue did not carry the label (GitHub answers 404 then). */
export function removeLabelFromIssue(state: RepositoryState, issue: IssueRecord, name: string, actor: string): boolean {
  const label = state.labelByName(name);
  if (!label || !issue.labelIds.includes(label.id)) return false;
  issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  recordLabelEvent(state, issue, 'unlabeled', label.name, actor);
  state.touch(issue);
  return true;
}

/** A new title; GitHub records a `renamed` event with both. */
export function renameIssue(state: RepositoryState, issue: IssueRecord, title: string, actor: string): void {
  if (issue.title === title) return;
  state.issueEvents.push({
    id: state.nextId(),
    issueNumber: issue.number,
    event: 'renamed',
    actor,
    rename: { from: issue.title, to: title },
    createdAt: state.clock.iso(),
  });
  issue.title = title;
  state.touch(issue);
}

/** A new body. GitHub keeps no event for it, only the edit history, whose time GraphQL names `lastEditedAt`. */
export function editIssueBody(state: RepositoryState, issue: IssueRecord, body: string | null): void {
  if ((issue.body ?? '') === (body ?? '')) return;
  issue.body = body;
  issue.lastEditedAt = state.clock.iso();
  state.touch(issue);
}

export function eventsOf(state: RepositoryState, issueNumber: number): IssueEventRecord[] {
  return state.issueEvents.filter((event) => event.issueNumber === issueNumber);
}

export function issueLabels(state: RepositoryState, issue: IssueRecord): LabelRecord[] {
  return issue.labelIds.map((id) => state.labels.get(id)).filter((label): label is LabelRecord => label !== undefined);
}

export function setIssueState(state: RepositoryState, issue: IssueRecord, next: IssueState, reason: StateReason | null, actor: string): void {
  if (issue.state === next) {
    if (next === 'closed' && reason) issue.stateReason = reason;
    return;
  }
  issue.state = next;
  if (next === 'closed') {
    issue.closedAt = state.clock.iso();
    issue.closedBy = actor;
    issue.stateReason = reason ?? 'completed';
  } else {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = 'reopened';
  }
  state.touch(issue);
}

export function createComment(state: RepositoryState, issue: IssueRecord, body: string, author: string, createdAt?: string): IssueCommentRecord {
  const at = createdAt ?? state.clock.iso();
  const comment: IssueCommentRecord = { id: state.nextId(), issueNumber: issue.number, body, author, createdAt: at, updatedAt: at };
  state.comments.set(comment.id, comment);
  issue.updatedAt = at > issue.updatedAt ? at : issue.updatedAt;
  return comment;
}

export function commentsOf(state: RepositoryState, issueNumber: number): IssueCommentRecord[] {
  const found: IssueCommentRecord[] = [];
  for (const comment of state.comments.values()) if (comment.issueNumber === issueNumber) found.push(comment);
  return found;
}

function sameSubject(a: ReactionSubject, b: ReactionSubject): boolean {
  if (a.kind === 'issue' && b.kind === 'issue') return a.number === b.number;
  if (a.kind === 'issue-comment' && b.kind === 'issue-comment') return a.id === b.id;
  return false;
}

export function reactionsOf(state: RepositoryState, subject: ReactionSubject): ReactionRecord[] {
  return [...state.reactions.values()].filter((reaction) => sameSubject(reaction.subject, subject));
}

/** A user reacts at most once per content; repeating it returns the existing reaction. */
export function addReaction(
  state: RepositoryState,
  subject: ReactionSubject,
  content: ReactionContent,
  user: string,
): { reaction: ReactionRecord; created: boolean } {
  const existing = reactionsOf(state, subject).find((reaction) => reaction.user === user && reaction.content === content);
  if (existing) return { reaction: existing, created: false };
  const reaction: ReactionRecord = { id: state.nextId(), subject, content, user, createdAt: state.clock.iso() };
  state.reactions.set(reaction.id, reaction);
  return { reaction, created: true };
}
