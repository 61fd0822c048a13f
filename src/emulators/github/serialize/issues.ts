import { issueLabels } from '../state/issue-actions.js';
import {
  REACTION_CONTENTS,
  type IssueCommentRecord,
  type IssueEventRecord,
  type IssueRecord,
  type LabelRecord,
  type ReactionRecord,
  type ReactionSubject,
} from '../state/records.js';
import { memoized, nodeId, type SerializeContext } from './context.js';
import { authorAssociation, userByLogin } from './users.js';

export function label(context: SerializeContext, record: LabelRecord): Record<string, unknown> {
  return {
    id: record.id,
    node_id: nodeId('Label', record.id),
    url: `${context.urls.repoApi}/labels/${encodeURIComponent(record.name)}`,
    name: record.name,
    color: record.color,
    default: record.default,
    description: record.description,
  };
}

export function reactionRollup(context: SerializeContext, subject: ReactionSubject, url: string): Record<string, unknown> {
  const counts = memoized(context, 'reactions', () => {
    const bySubject = new Map<string, ReactionRecord[]>();
    for (const reaction of context.state.reactions.values()) {
      const key = subjectKey(reaction.subject);
      const list = bySubject.get(key);
      if (list) list.push(reaction);
      else bySubject.set(key, [reaction]);
    }
    return bySubject;
  });
  const reactions = counts.get(subjectKey(subject)) ?? [];
  const rollup: Record<string, unknown> = { url, total_count: reactions.length };
  for (const content of REACTION_CONTENTS) rollup[content] = reactions.filter((reaction) => reaction.content === content).length;
  return rollup;
}

function subjectKey(subject: ReactionSubject): string {
  return subject.kind === 'issue' ? `issue:${subject.number}` : `comment:${subject.id}`;
}

function commentCount(context: SerializeContext, number: number): number {
  const counts = memoized(context, 'comment-counts', () => {
    const byIssue = new Map<number, number>();
    for (const comment of context.state.comments.values()) byIssue.set(comment.issueNumber, (byIssue.get(comment.issueNumber) ?? 0) + 1);
    return byIssue;
  });
  return counts.get(number) ?? 0;
}

export function issue(context: SerializeContext, record: IssueRecord): Record<string, unknown> {
  const { urls, state } = context;
  const api = `${urls.repoApi}/issues/${record.number}`;
  const pull = record.isPullRequest ? state.pull(record.number) : undefined;
  const assignees = record.assignees.map((login) => userByLogin(context, login));
  return {
    id: record.id,
    node_id: nodeId('Issue', record.id),
    url: api,
    repository_url: urls.repoApi,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${urls.repoHtml}/${record.isPullRequest ? 'pull' : 'issues'}/${record.number}`,
    number: record.number,
    state: record.state,
    state_reason: record.stateReason,
    title: record.title,
    body: record.body,
    user: userByLogin(context, record.author),
    labels: issueLabels(state, record).map((item) => label(context, item)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: record.locked,
    active_lock_reason: null,
    comments: commentCount(context, record.number),
    ...(pull
      ? {
          pull_request: {
            url: `${urls.repoApi}/pulls/${record.number}`,
            html_url: `${urls.repoHtml}/pull/${record.number}`,
            diff_url: `${urls.repoHtml}/pull/${record.number}.diff`,
            patch_url: `${urls.repoHtml}/pull/${record.number}.patch`,
            merged_at: pull.mergedAt,
          },
          draft: pull.draft,
        }
      : {}),
    closed_at: record.closedAt,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_by: record.closedBy ? userByLogin(context, record.closedBy) : null,
    author_association: authorAssociation(context, record.author),
    reactions: reactionRollup(context, { kind: 'issue', number: record.number }, `${api}/reactions`),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
  };
}

export function issueComment(context: SerializeContext, record: IssueCommentRecord): Record<string, unknown> {
  const { urls } = context;
  const api = `${urls.repoApi}/issues/comments/${record.id}`;
  const onPull = context.state.issue(record.issueNumber)?.isPullRequest ?? false;
  return {
    id: record.id,
    node_id: nodeId('IssueComment', record.id),
    url: api,
    html_url: `${urls.repoHtml}/${onPull ? 'pull' : 'issues'}/${record.issueNumber}#issuecomment-${record.id}`,
    body: record.body,
    user: userByLogin(context, record.author),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    issue_url: `${urls.repoApi}/issues/${record.issueNumber}`,
    author_association: authorAssociation(context, record.author),
    reactions: reactionRollup(context, { kind: 'issue-comment', id: record.id }, `${api}/reactions`),
    performed_via_github_app: null,
  };
}

export function reaction(context: SerializeContext, record: ReactionRecord): Record<string, unknown> {
  return {
    id: record.id,
    node_id: nodeId('Reaction', record.id),
    user: userByLogin(context, record.user),
    content: record.content,
    created_at: record.createdAt,
  };
}

/** Search results are issues with a relevance score. */
export function searchItem(context: SerializeContext, record: IssueRecord): Record<string, unknown> {
  return { ...issue(context, record), score: 1 };
}

export function issueEvent(context: SerializeContext, record: IssueEventRecord): Record<string, unknown> {
  return {
    id: record.id,
    node_id: nodeId(record.event === 'renamed' ? 'RenamedTitleEvent' : record.event === 'labeled' ? 'LabeledEvent' : 'UnlabeledEvent', record.id),
    url: `${context.urls.repoApi}/issues/events/${record.id}`,
    actor: userByLogin(context, record.actor),
    event: record.event,
    commit_id: null,
    commit_url: null,
    created_at: record.createdAt,
    performed_via_github_app: null,
    ...(record.label ? { label: record.label } : {}),
    ...(record.rename ? { rename: record.rename } : {}),
  };
}
