import { z } from 'zod';
import { notFound } from '../http/api-error.js';
import { requireRole } from '../http/authorize.js';
import { paginate } from '../http/pagination.js';
import { json, noContent, type ApiRequest, type Route } from '../http/route.js';
import { parseBody, queryEnum, querySince } from '../http/validate.js';
import { issueComment } from '../serialize/issues.js';
import { commentsOf, createComment } from '../state/issue-actions.js';
import type { IssueCommentRecord } from '../state/records.js';
import { issueParam, numberParam } from './lookup.js';

/** GitHub caps comment bodies at 65,536 characters. */
const commentBody = z.object({ body: z.string().min(1).max(65536) });

export function commentParam(request: ApiRequest): IssueCommentRecord {
  const comment = request.state.comments.get(numberParam(request, 'comment_id'));
  if (!comment) throw notFound();
  return comment;
}

/** Authors may edit and delete their own comments; others need write access. */
function requireCommentOwnerOrWriter(request: ApiRequest, comment: IssueCommentRecord): void {
  if (comment.author.toLowerCase() !== request.viewer.login.toLowerCase()) requireRole(request.state, request.viewer, 'write');
}

export const commentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const issue = issueParam(request);
      const since = querySince(request.query);
      const comments = commentsOf(request.state, issue.number)
        .filter((comment) => !since || comment.updatedAt >= since)
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
      const page = paginate(request, comments);
      return json(
        200,
        page.items.map((comment) => issueComment(request.context, comment)),
        page.headers,
      );
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const issue = issueParam(request);
      const body = parseBody(commentBody, request.body, 'IssueComment');
      const comment = createComment(request.state, issue, body.body, request.viewer.login);
      return json(201, issueComment(request.context, comment), { location: `${request.context.urls.repoApi}/issues/comments/${comment.id}` });
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/comments',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const sort = queryEnum(request.query, 'sort', ['created', 'updated'] as const, 'created');
      const direction = queryEnum(request.query, 'direction', ['asc', 'desc'] as const, 'asc');
      const since = querySince(request.query);
      const key = (comment: IssueCommentRecord): string => (sort === 'created' ? comment.createdAt : comment.updatedAt);
      const comments = [...request.state.comments.values()]
        .filter((comment) => !since || comment.updatedAt >= since)
        .sort((a, b) => {
          const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id;
          return direction === 'asc' ? order : -order;
        });
      const page = paginate(request, comments);
      return json(
        200,
        page.items.map((comment) => issueComment(request.context, comment)),
        page.headers,
      );
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    scope: 'issues',
    role: 'read',
    handle: (request) => json(200, issueComment(request.context, commentParam(request))),
  },
  {
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const comment = commentParam(request);
      requireCommentOwnerOrWriter(request, comment);
      comment.body = parseBody(commentBody, request.body, 'IssueComment').body;
      comment.updatedAt = request.state.clock.iso();
      const issue = request.state.issue(comment.issueNumber);
      if (issue) request.state.touch(issue);
      return json(200, issueComment(request.context, comment));
    },
  },
  {
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const comment = commentParam(request);
      requireCommentOwnerOrWriter(request, comment);
      request.state.comments.delete(comment.id);
      return noContent();
    },
  },
];
