import { z } from 'zod';
import { notFound, validationFailed } from '../http/api-error.js';
import { requireRole } from '../http/authorize.js';
import { paginate } from '../http/pagination.js';
import { json, noContent, type ApiRequest, type ApiResponse, type Route } from '../http/route.js';
import { parseBody, queryEnum, querySince } from '../http/validate.js';
import { reviewComment } from '../serialize/pulls.js';
import { diffFiles, liveBaseSha, pullIssue } from '../state/pull-actions.js';
import type { PullRecord, ReviewCommentRecord } from '../state/records.js';
import { numberParam, pullParam } from './lookup.js';
import { resolveAnchor, storeReviewComment } from './review-anchor.js';

const side = z.enum(['LEFT', 'RIGHT']);

const newComment = z.object({
  body: z.string().min(1),
  commit_id: z.string().optional(),
  path: z.string().optional(),
  position: z.number().int().optional(),
  line: z.number().int().optional(),
  side: side.optional(),
  start_line: z.number().int().optional(),
  start_side: side.optional(),
  in_reply_to: z.number().int().optional(),
  subject_type: z.enum(['line', 'file']).optional(),
});

const replyBody = z.object({ body: z.string().min(1) });

function reviewCommentParam(request: ApiRequest): ReviewCommentRecord {
  const found = request.state.reviewComments.get(numberParam(request, 'comment_id'));
  if (!found) throw notFound();
  return found;
}

/** A reply joins the thread of the comment it answers (GitHub threads on the first comment). */
function reply(request: ApiRequest, pull: PullRecord, target: ReviewCommentRecord, body: string): ApiResponse {
  const { state } = request;
  const root = target.inReplyTo !== null ? (state.reviewComments.get(target.inReplyTo) ?? target) : target;
  const now = state.clock.iso();
  const review = {
    id: state.nextId(),
    pullNumber: pull.number,
    author: request.viewer.login,
    body: '',
    state: 'COMMENTED' as const,
    commitId: root.commitId,
    submittedAt: now,
  };
  state.reviews.set(review.id, review);
  const record: ReviewCommentRecord = {
    ...root,
    id: state.nextId(),
    reviewId: review.id,
    body,
    author: request.viewer.login,
    inReplyTo: root.id,
    createdAt: now,
    updatedAt: now,
  };
  state.reviewComments.set(record.id, record);
  state.touch(pullIssue(state, pull));
  return json(201, reviewComment(request.context, record));
}

function listComments(request: ApiRequest, pullNumber: number | undefined): ApiResponse {
  const sort = queryEnum(request.query, 'sort', ['created', 'updated'] as const, 'created');
  const direction = queryEnum(request.query, 'direction', ['asc', 'desc'] as const, 'asc');
  const since = querySince(request.query);
  const key = (comment: ReviewCommentRecord): string => (sort === 'created' ? comment.createdAt : comment.updatedAt);
  const pendingReviews = new Set(
    [...request.state.reviews.values()].filter((review) => review.state === 'PENDING' && review.author !== request.viewer.login).map((review) => review.id),
  );
  const comments = [...request.state.reviewComments.values()]
    .filter((comment) => (pullNumber === undefined || comment.pullNumber === pullNumber) && !pendingReviews.has(comment.reviewId))
    .filter((comment) => !since || comment.updatedAt >= since)
    .sort((a, b) => {
      const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id;
      return direction === 'asc' ? order : -order;
    });
  const page = paginate(request, comments);
  return json(
    200,
    page.items.map((comment) => reviewComment(request.context, comment)),
    page.headers,
  );
}

export const reviewCommentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => listComments(request, pullParam(request).number),
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/comments',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => listComments(request, undefined),
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const body = parseBody(newComment, request.body, 'PullRequestReviewComment');
      const { state } = request;
      if (body.in_reply_to !== undefined) {
        const target = state.reviewComments.get(body.in_reply_to);
        if (!target || target.pullNumber !== pull.number) throw notFound();
        return reply(request, pull, target, body.body);
      }
      if (!body.commit_id) throw validationFailed([{ resource: 'PullRequestReviewComment', field: 'commit_id', code: 'missing_field' }]);
      if (!body.path) throw validationFailed([{ resource: 'PullRequestReviewComment', field: 'path', code: 'missing_field' }]);
      if (!state.git.readCommit(body.commit_id)) {
        throw validationFailed([
          { resource: 'PullRequestReviewComment', code: 'custom', field: 'commit_id', message: 'commit_id is not part of the pull request' },
        ]);
      }
      const files = diffFiles(state, liveBaseSha(state, pull), body.commit_id);
      const anchor = resolveAnchor(files, { ...body, path: body.path }, 'comment');
      const now = state.clock.iso();
      const review = {
        id: state.nextId(),
        pullNumber: pull.number,
        author: request.viewer.login,
        body: '',
        state: 'COMMENTED' as const,
        commitId: body.commit_id,
        submittedAt: now,
      };
      state.reviews.set(review.id, review);
      const record = storeReviewComment(state, {
        pullNumber: pull.number,
        reviewId: review.id,
        anchor,
        commitId: body.commit_id,
        body: body.body,
        author: request.viewer.login,
        now,
      });
      state.touch(pullIssue(state, pull));
      return json(201, reviewComment(request.context, record));
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const target = reviewCommentParam(request);
      if (target.pullNumber !== pull.number) throw notFound();
      return reply(request, pull, target, parseBody(replyBody, request.body, 'PullRequestReviewComment').body);
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/comments/{comment_id}',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => json(200, reviewComment(request.context, reviewCommentParam(request))),
  },
  {
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/pulls/comments/{comment_id}',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const record = reviewCommentParam(request);
      if (record.author.toLowerCase() !== request.viewer.login.toLowerCase()) requireRole(request.state, request.viewer, 'write');
      record.body = parseBody(replyBody, request.body, 'PullRequestReviewComment').body;
      record.updatedAt = request.state.clock.iso();
      return json(200, reviewComment(request.context, record));
    },
  },
  {
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/pulls/comments/{comment_id}',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const record = reviewCommentParam(request);
      if (record.author.toLowerCase() !== request.viewer.login.toLowerCase()) requireRole(request.state, request.viewer, 'write');
      request.state.reviewComments.delete(record.id);
      return noContent();
    },
  },
];
