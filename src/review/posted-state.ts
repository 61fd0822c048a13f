/**
 * What this reviewer has already posted on a pull request, read from GitHub itself: its sticky summary
 * (with the state marker), the fingerprints of its inline comments, and its reviews. Everything is found
 * by the bot's id and a marker naming the reviewer, so a comment pasted by someone else counts for nothing
 * and cto-review never mistakes ciso-review's posts (same bot user) for its own.
 */
import type { GitHub } from '../core/github.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import { FINDING_MARKER_KIND, REVIEW_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import { reviewStateSchema, type ReviewState } from '../core/markers/schemas.js';
import type { RepoRef } from '../core/repo.js';
import { readStickyState, type StickyComment } from '../core/sticky-comment.js';
import type { ReviewerName } from './profile.js';

export interface PostedState {
  sticky: StickyComment | null;
  previous: ReviewState | null;
  /** Fingerprints of this reviewer's inline comments on the PR, on any head. */
  postedFingerprints: Set<string>;
  /** This reviewer's reviews that still request changes. */
  ownChangeRequests: number[];
  /** This reviewer's reviews, with the head each was given on. */
  ownReviews: BotReview[];
  /** The other reviewer (same bot user) has a change request in force. */
  otherChangesRequested: boolean;
}

export interface BotReview {
  id: number;
  state: string;
  reviewer: string;
  head: string;
}

/** The bot's reviews on the PR that carry a reviewer marker. */
export async function readBotReviews(gh: GitHub, repo: RepoRef, pullNumber: number, bot: BotIdentity): Promise<BotReview[]> {
  const reviews = await gh.paginate(gh.rest.pulls.listReviews, { owner: repo.owner, repo: repo.repo, pull_number: pullNumber, per_page: 100 });
  return reviews.flatMap((review) => {
    if (!isBot(review.user, bot)) return [];
    const marker = readMarker(REVIEW_MARKER_KIND, review.body);
    return marker ? [{ id: review.id, state: review.state, reviewer: marker.reviewer, head: marker.head }] : [];
  });
}

export async function readPostedFingerprints(gh: GitHub, repo: RepoRef, pullNumber: number, reviewer: ReviewerName, bot: BotIdentity): Promise<Set<string>> {
  const comments = await gh.paginate(gh.rest.pulls.listReviewComments, { owner: repo.owner, repo: repo.repo, pull_number: pullNumber, per_page: 100 });
  const fingerprints = new Set<string>();
  for (const comment of comments) {
    if (!isBot(comment.user, bot)) continue;
    const marker = readMarker(FINDING_MARKER_KIND, comment.body);
    if (marker && marker.reviewer === reviewer) fingerprints.add(marker.fp);
  }
  return fingerprints;
}

/** Only the sticky state: enough to tell whether this head was already reviewed. */
export async function readReviewState(
  gh: GitHub,
  repo: RepoRef,
  pullNumber: number,
  reviewer: ReviewerName,
  bot: BotIdentity,
): Promise<{ sticky: StickyComment | null; previous: ReviewState | null }> {
  const { comment, data } = await readStickyState(gh, repo, pullNumber, reviewer, bot.id, reviewStateSchema);
  return { sticky: comment, previous: data };
}

export async function readPostedState(
  gh: GitHub,
  repo: RepoRef,
  pullNumber: number,
  reviewer: ReviewerName,
  bot: BotIdentity,
  known: { sticky: StickyComment | null; previous: ReviewState | null },
): Promise<PostedState> {
  const [postedFingerprints, reviews] = await Promise.all([
    readPostedFingerprints(gh, repo, pullNumber, reviewer, bot),
    readBotReviews(gh, repo, pullNumber, bot),
  ]);
  return {
    ...known,
    postedFingerprints,
    ownChangeRequests: reviews.filter((review) => review.reviewer === reviewer && review.state === 'CHANGES_REQUESTED').map((review) => review.id),
    ownReviews: reviews.filter((review) => review.reviewer === reviewer),
    otherChangesRequested: reviews.some((review) => review.reviewer !== reviewer && review.state === 'CHANGES_REQUESTED'),
  };
}
