/**
 * The PR review of one head: the verdict as a review event and the new findings as inline comments, in
 * one request. Not idempotent, so after a failure the bot's reviews are read again before a second try.
 */
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import type { RepoRef } from '../core/repo.js';
import { createOnce } from '../core/create-once.js';
import { readBotReviews } from './posted-state.js';
import type { ReviewerName } from './profile.js';
import type { ReviewEvent } from './verdict.js';
import { gitHubStatus } from '../core/github-errors.js';

export interface InlineComment {
  path: string;
  line: number;
  startLine?: number | undefined;
  body: string;
}

export interface ReviewPost {
  reviewer: ReviewerName;
  pullNumber: number;
  headSha: string;
  event: ReviewEvent;
  body: string;
  comments: readonly InlineComment[];
}

function apiComments(comments: readonly InlineComment[]) {
  return comments.map((comment) => ({
    path: comment.path,
    line: comment.line,
    side: 'RIGHT' as const,
    ...(comment.startLine !== undefined ? { start_line: comment.startLine, start_side: 'RIGHT' as const } : {}),
    body: comment.body,
  }));
}

export interface PostedReview {
  id: number;
  /** False when GitHub refused the inline comments and the review went without them. */
  inline: boolean;
}

export async function postReview(gh: GitHub, repo: RepoRef, bot: BotIdentity, post: ReviewPost, fallbackNote: string): Promise<PostedReview> {
  const send = async (comments: readonly InlineComment[], body: string) => {
    const { data } = await gh.rest.pulls.createReview({
      owner: repo.owner,
      repo: repo.repo,
      pull_number: post.pullNumber,
      commit_id: post.headSha,
      event: post.event,
      body,
      ...(comments.length > 0 ? { comments: apiComments(comments) } : {}),
    });
    return data.id;
  };
  const find = async () => {
    const reviews = await readBotReviews(gh, repo, post.pullNumber, bot);
    return reviews.find((review) => review.reviewer === post.reviewer && review.head === post.headSha && review.state !== 'PENDING')?.id;
  };
  try {
    return { id: await createOnce(() => send(post.comments, post.body), find), inline: true };
  } catch (error) {
    // 422: GitHub could not place a comment (the head moved under us). The verdict still goes out; the
    // findings are all in the summary.
    if (gitHubStatus(error) !== 422 || post.comments.length === 0) throw error;
    return { id: await createOnce(() => send([], `${post.body}\n\n${fallbackNote}`), find), inline: false };
  }
}

export async function dismissReview(gh: GitHub, repo: RepoRef, pullNumber: number, reviewId: number, message: string): Promise<void> {
  await gh.rest.pulls.dismissReview({ owner: repo.owner, repo: repo.repo, pull_number: pullNumber, review_id: reviewId, message, event: 'DISMISS' });
}
