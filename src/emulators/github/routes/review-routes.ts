import { z } from 'zod';
import { notFound, unprocessable } from '../http/api-error.js';
import { requireRole } from '../http/authorize.js';
import { paginate } from '../http/pagination.js';
import { json, type ApiRequest, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { review } from '../serialize/pulls.js';
import { diffFiles, liveBaseSha, liveHeadSha, pullIssue } from '../state/pull-actions.js';
import type { PullRecord, ReviewRecord, ReviewState } from '../state/records.js';
import { numberParam, pullParam } from './lookup.js';
import { resolveAnchor, storeReviewComment } from './review-anchor.js';

const side = z.enum(['LEFT', 'RIGHT']);

const draftComment = z.object({
  path: z.string().min(1),
  body: z.string(),
  position: z.number().int().optional(),
  line: z.number().int().optional(),
  side: side.optional(),
  start_line: z.number().int().optional(),
  start_side: side.optional(),
});

const newReview = z.object({
  commit_id: z.string().optional(),
  body: z.string().optional(),
  event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']).optional(),
  comments: z.array(draftComment).optional(),
});

const submitReview = z.object({ body: z.string().optional(), event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']) });

const EVENT_STATE: Record<'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT', ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

function reviewParam(request: ApiRequest, pull: PullRecord): ReviewRecord {
  const found = request.state.reviews.get(numberParam(request, 'review_id'));
  if (!found || found.pullNumber !== pull.number) throw notFound();
  return found;
}

/** The rules GitHub applies when a review is submitted. */
function checkSubmission(request: ApiRequest, pull: PullRecord, event: keyof typeof EVENT_STATE, body: string, hasComments: boolean): void {
  const isAuthor = pullIssue(request.state, pull).author.toLowerCase() === request.viewer.login.toLowerCase();
  if (isAuthor && event === 'APPROVE') throw unprocessable('Unprocessable Entity', ['Review Can not approve your own pull request']);
  if (isAuthor && event === 'REQUEST_CHANGES') throw unprocessable('Unprocessable Entity', ['Review Can not request changes on your own pull request']);
  if (event !== 'APPROVE' && body.trim() === '' && !hasComments) {
    throw unprocessable('Unprocessable Entity', [`Review body is required when the event is ${event}`]);
  }
}

export const reviewRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const viewer = request.viewer.login;
      // Pending reviews are private to their author.
      const reviews = [...request.state.reviews.values()]
        .filter((item) => item.pullNumber === pull.number && (item.state !== 'PENDING' || item.author === viewer))
        .sort((a, b) => a.id - b.id);
      const page = paginate(request, reviews);
      return json(
        200,
        page.items.map((item) => review(request.context, item)),
        page.headers,
      );
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const body = parseBody(newReview, request.body, 'PullRequestReview');
      const { state, viewer } = request;
      const head = liveHeadSha(state, pull);
      const commitId = body.commit_id ?? head;
      if (!state.git.readCommit(commitId)) throw unprocessable('Unprocessable Entity', ['Commit could not be found']);
      const comments = body.comments ?? [];
      if (body.event) checkSubmission(request, pull, body.event, body.body ?? '', comments.length > 0);
      else if ([...state.reviews.values()].some((item) => item.pullNumber === pull.number && item.author === viewer.login && item.state === 'PENDING')) {
        throw unprocessable('Unprocessable Entity', ['User can only have one pending review per pull request']);
      }
      // Place every comment before storing anything: one bad line rejects the whole review.
      const files = diffFiles(state, liveBaseSha(state, pull), commitId);
      const anchors = comments.map((comment) => ({ comment, anchor: resolveAnchor(files, comment, 'review') }));
      const now = state.clock.iso();
      const record: ReviewRecord = {
        id: state.nextId(),
        pullNumber: pull.number,
        author: viewer.login,
        body: body.body ?? '',
        state: body.event ? EVENT_STATE[body.event] : 'PENDING',
        commitId,
        submittedAt: now,
      };
      state.reviews.set(record.id, record);
      for (const { comment, anchor } of anchors) {
        storeReviewComment(state, { pullNumber: pull.number, reviewId: record.id, anchor, commitId, body: comment.body, author: viewer.login, now });
      }
      state.touch(pullIssue(state, pull));
      return json(200, review(request.context, record));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => json(200, review(request.context, reviewParam(request, pullParam(request)))),
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const record = reviewParam(request, pull);
      if (record.author !== request.viewer.login) throw notFound();
      if (record.state !== 'PENDING') throw unprocessable('Unprocessable Entity', ['Review has already been submitted']);
      const body = parseBody(submitReview, request.body, 'PullRequestReview');
      const text = body.body ?? record.body;
      const hasComments = [...request.state.reviewComments.values()].some((comment) => comment.reviewId === record.id);
      checkSubmission(request, pull, body.event, text, hasComments);
      record.body = text;
      record.state = EVENT_STATE[body.event];
      record.submittedAt = request.state.clock.iso();
      return json(200, review(request.context, record));
    },
  },
  {
    method: 'PUT',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const record = reviewParam(request, pull);
      requireRole(request.state, request.viewer, 'write');
      parseBody(z.object({ message: z.string().min(1), event: z.literal('DISMISS').optional() }), request.body, 'PullRequestReview');
      if (record.state !== 'APPROVED' && record.state !== 'CHANGES_REQUESTED') {
        throw unprocessable('Unprocessable Entity', ['Can not dismiss a commented pull request review']);
      }
      record.state = 'DISMISSED';
      return json(200, review(request.context, record));
    },
  },
];
