import type { DiffFile } from '../git/diff-files.js';
import { issueLabels } from '../state/issue-actions.js';
import { liveBaseSha, liveHeadSha, mergeability, pullCommits, pullFiles, pullIssue } from '../state/pull-actions.js';
import type { PullRecord, ReviewCommentRecord, ReviewRecord } from '../state/records.js';
import { nodeId, type SerializeContext } from './context.js';
import { label } from './issues.js';
import { forkRepository, repository } from './repository.js';
import { authorAssociation, userByLogin } from './users.js';

function branchEnd(context: SerializeContext, pull: PullRecord, side: 'head' | 'base'): Record<string, unknown> {
  const { state } = context;
  if (side === 'base') {
    return {
      label: `${state.repo.owner}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: liveBaseSha(state, pull),
      user: userByLogin(context, state.repo.owner),
      repo: repository(context),
    };
  }
  const owner = pull.fork?.owner ?? state.repo.owner;
  let repo: Record<string, unknown> | null = repository(context);
  if (pull.fork) repo = pull.fork.deleted ? null : forkRepository(context, pull.fork);
  return { label: `${owner}:${pull.headRef}`, ref: pull.headRef, sha: liveHeadSha(state, pull), user: userByLogin(context, owner), repo };
}

function reviewCommentCount(context: SerializeContext, pull: PullRecord): number {
  let count = 0;
  for (const comment of context.state.reviewComments.values()) if (comment.pullNumber === pull.number) count += 1;
  return count;
}

/** The list shape (pull-request-simple); `full` adds the counters and mergeability of GET one. */
export function pullRequest(context: SerializeContext, pull: PullRecord, full: boolean): Record<string, unknown> {
  const { state, urls } = context;
  const issue = pullIssue(state, pull);
  const api = `${urls.repoApi}/pulls/${pull.number}`;
  const html = `${urls.repoHtml}/pull/${pull.number}`;
  const issueApi = `${urls.repoApi}/issues/${pull.number}`;
  const assignees = issue.assignees.map((login) => userByLogin(context, login));
  const head = branchEnd(context, pull, 'head');
  const simple: Record<string, unknown> = {
    url: api,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${urls.repoApi}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${urls.repoApi}/statuses/${String(head['sha'])}`,
    number: pull.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userByLogin(context, issue.author),
    body: issue.body,
    labels: issueLabels(state, issue).map((item) => label(context, item)),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: pull.requestedReviewers.map((login) => userByLogin(context, login)),
    requested_teams: [],
    head,
    base: branchEnd(context, pull, 'base'),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${urls.repoApi}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${urls.repoApi}/statuses/${String(head['sha'])}` },
    },
    author_association: authorAssociation(context, issue.author),
    auto_merge: null,
    draft: pull.draft,
  };
  if (!full) return simple;
  const files = pullFiles(state, pull);
  const merge = mergeability(state, pull);
  let comments = 0;
  for (const comment of state.comments.values()) if (comment.issueNumber === pull.number) comments += 1;
  return {
    ...simple,
    merged: pull.merged,
    mergeable: merge.mergeable,
    rebaseable: merge.mergeable,
    mergeable_state: merge.state,
    merged_by: pull.mergedBy ? userByLogin(context, pull.mergedBy) : null,
    comments,
    review_comments: reviewCommentCount(context, pull),
    maintainer_can_modify: pull.maintainerCanModify,
    commits: pullCommits(state, pull).length,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length,
  };
}

/** The short form used inside check runs and commit → pulls. */
export function pullRequestMinimal(context: SerializeContext, pull: PullRecord): Record<string, unknown> {
  const { state, urls } = context;
  const repo = { id: state.repo.id, url: urls.repoApi, name: state.repo.name };
  return {
    id: pull.id,
    number: pull.number,
    url: `${urls.repoApi}/pulls/${pull.number}`,
    head: {
      ref: pull.headRef,
      sha: liveHeadSha(state, pull),
      repo: pull.fork ? { id: pull.fork.id, url: `${urls.apiUrl}/repos/${pull.fork.owner}/${pull.fork.name}`, name: pull.fork.name } : repo,
    },
    base: { ref: pull.baseRef, sha: liveBaseSha(state, pull), repo },
  };
}

export function diffEntry(context: SerializeContext, file: DiffFile, headSha: string): Record<string, unknown> {
  const { urls } = context;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${urls.repoHtml}/blob/${headSha}/${path}`,
    raw_url: `${urls.repoHtml}/raw/${headSha}/${path}`,
    contents_url: `${urls.repoApi}/contents/${path}?ref=${headSha}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
    ...(file.previousFilename !== undefined ? { previous_filename: file.previousFilename } : {}),
  };
}

export function review(context: SerializeContext, record: ReviewRecord): Record<string, unknown> {
  const { urls } = context;
  const pullApi = `${urls.repoApi}/pulls/${record.pullNumber}`;
  const html = `${urls.repoHtml}/pull/${record.pullNumber}#pullrequestreview-${record.id}`;
  return {
    id: record.id,
    node_id: nodeId('PullRequestReview', record.id),
    user: userByLogin(context, record.author),
    body: record.body,
    state: record.state,
    html_url: html,
    pull_request_url: pullApi,
    author_association: authorAssociation(context, record.author),
    _links: { html: { href: html }, pull_request: { href: pullApi } },
    ...(record.state === 'PENDING' ? {} : { submitted_at: record.submittedAt }),
    commit_id: record.commitId,
  };
}

export function reviewComment(context: SerializeContext, record: ReviewCommentRecord): Record<string, unknown> {
  const { urls } = context;
  const api = `${urls.repoApi}/pulls/comments/${record.id}`;
  const pullApi = `${urls.repoApi}/pulls/${record.pullNumber}`;
  const html = `${urls.repoHtml}/pull/${record.pullNumber}#discussion_r${record.id}`;
  return {
    url: api,
    pull_request_review_id: record.reviewId,
    id: record.id,
    node_id: nodeId('PullRequestReviewComment', record.id),
    diff_hunk: record.diffHunk,
    path: record.path,
    // GitHub's schema types these as integers: a file-level comment leaves them out.
    ...(record.position !== null ? { position: record.position, original_position: record.position } : {}),
    commit_id: record.commitId,
    original_commit_id: record.originalCommitId,
    ...(record.inReplyTo !== null ? { in_reply_to_id: record.inReplyTo } : {}),
    user: userByLogin(context, record.author),
    body: record.body,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    html_url: html,
    pull_request_url: pullApi,
    author_association: authorAssociation(context, record.author),
    _links: { self: { href: api }, html: { href: html }, pull_request: { href: pullApi } },
    start_line: record.startLine,
    original_start_line: record.startLine,
    start_side: record.startSide,
    ...(record.line !== null ? { line: record.line, original_line: record.line } : {}),
    side: record.side,
    subject_type: record.subjectType,
    reactions: { url: `${api}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 },
  };
}
