/**
 * One issue as implement sees it: the issue, its comments, the bot's sticky comment with its marker, and the
 * live claim comments. Read once (the issue and its comment pages) and handed to the pure decisions.
 */
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import type { RepoRef } from '../core/repo.js';
import { isStickyComment, type StickyComment } from '../core/sticky-comment.js';
import { CLAIM_MARKER_KIND, IMPLEMENT_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import type { ClaimMarker, ImplementMarker } from '../core/markers/schemas.js';

export interface ThreadUser {
  login: string;
  id: number;
  type: string;
}

export interface ThreadComment {
  id: number;
  body: string;
  user: ThreadUser | null;
  createdAt: string;
  htmlUrl: string;
}

export interface IssueInfo {
  number: number;
  title: string;
  body: string;
  state: string;
  labels: string[];
  assignees: string[];
  isPullRequest: boolean;
  createdAt: string;
  /** When the issue last changed in any way (REST `updated_at`). */
  updatedAt?: string;
  htmlUrl: string;
}

export interface ClaimComment {
  commentId: number;
  data: ClaimMarker;
}

export interface IssueThread {
  issue: IssueInfo;
  comments: ThreadComment[];
  sticky: StickyComment | null;
  marker: ImplementMarker | null;
  claims: ClaimComment[];
}

interface ApiIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  labels: Array<{ name?: string } | string>;
  assignees?: Array<{ login: string }> | null;
  pull_request?: unknown;
  created_at: string;
  updated_at?: string;
  html_url: string;
}

interface ApiComment {
  id: number;
  body?: string | null;
  user?: { login: string; id: number; type?: string } | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export function toIssueInfo(data: ApiIssue): IssueInfo {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? '',
    state: data.state,
    labels: data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter(Boolean),
    assignees: (data.assignees ?? []).map((user) => user.login),
    isPullRequest: data.pull_request !== undefined && data.pull_request !== null,
    createdAt: data.created_at,
    ...(data.updated_at !== undefined ? { updatedAt: data.updated_at } : {}),
    htmlUrl: data.html_url,
  };
}

/** Pure: the thread from API data. Markers count only in comments the bot wrote (by id, never by name). */
export function threadFrom(issue: ApiIssue, apiComments: readonly ApiComment[], bot: BotIdentity): IssueThread {
  const comments: ThreadComment[] = apiComments.map((comment) => ({
    id: comment.id,
    body: comment.body ?? '',
    user: comment.user ? { login: comment.user.login, id: comment.user.id, type: comment.user.type ?? 'User' } : null,
    createdAt: comment.created_at,
    htmlUrl: comment.html_url,
  }));
  const stickyApi = apiComments.find((comment) => isStickyComment(comment, IMPLEMENT_MARKER_KIND, bot.id));
  const sticky: StickyComment | null = stickyApi
    ? { id: stickyApi.id, body: stickyApi.body ?? '', userId: stickyApi.user?.id ?? null, htmlUrl: stickyApi.html_url, updatedAt: stickyApi.updated_at }
    : null;
  return {
    issue: toIssueInfo(issue),
    comments,
    sticky,
    marker: sticky ? readMarker(IMPLEMENT_MARKER_KIND, sticky.body) : null,
    claims: claimsFrom(apiComments, bot),
  };
}

/** Pure: the claim comments among an issue's comments, oldest first. */
export function claimsFrom(apiComments: readonly ApiComment[], bot: BotIdentity): ClaimComment[] {
  const claims: ClaimComment[] = [];
  for (const comment of apiComments) {
    if (comment.user?.id !== bot.id) continue;
    const data = readMarker(CLAIM_MARKER_KIND, comment.body);
    if (data) claims.push({ commentId: comment.id, data });
  }
  return claims.sort((a, b) => a.commentId - b.commentId);
}

export async function readIssueThread(gh: GitHub, repo: RepoRef, issueNumber: number, bot: BotIdentity): Promise<IssueThread> {
  const { data: issue } = await gh.rest.issues.get({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber });
  const comments = await gh.paginate(gh.rest.issues.listComments, { owner: repo.owner, repo: repo.repo, issue_number: issueNumber, per_page: 100 });
  return threadFrom(issue as ApiIssue, comments as ApiComment[], bot);
}

export async function readClaims(gh: GitHub, repo: RepoRef, issueNumber: number, bot: BotIdentity): Promise<ClaimComment[]> {
  const comments = await gh.paginate(gh.rest.issues.listComments, { owner: repo.owner, repo: repo.repo, issue_number: issueNumber, per_page: 100 });
  return claimsFrom(comments as ApiComment[], bot);
}
