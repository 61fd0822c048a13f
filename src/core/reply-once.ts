/**
 * A bot reply that exists at most once per key (one refusal per comment, one cap notice per head). The two
 * reviewers run in parallel jobs and may both want to say the same thing: each looks first, posts only when
 * nothing is there, then looks again, and the newer of two simultaneous replies removes itself.
 */
import { z } from 'zod';
import type { GitHub } from './github.js';
import { isBot, type BotIdentity } from './identity.js';
import { parseMarker, type MarkerKind } from './marker.js';
import type { RepoRef } from './repo.js';
import { renderStickyBody } from './sticky-comment.js';

const keySchema = z.object({ key: z.string() }).passthrough();

async function repliesWithKey(gh: GitHub, repo: RepoRef, issue: number, bot: BotIdentity, kind: MarkerKind, key: string): Promise<number[]> {
  const comments = await gh.paginate(gh.rest.issues.listComments, { owner: repo.owner, repo: repo.repo, issue_number: issue, per_page: 100 });
  return comments
    .filter((comment) => isBot(comment.user, bot) && parseMarker(kind, comment.body, keySchema)?.key === key)
    .map((comment) => comment.id)
    .sort((a, b) => a - b);
}

export async function replyOnce(
  gh: GitHub,
  repo: RepoRef,
  bot: BotIdentity,
  reply: { issue: number; kind: MarkerKind; key: string; body: string },
): Promise<'posted' | 'already-there'> {
  if ((await repliesWithKey(gh, repo, reply.issue, bot, reply.kind, reply.key)).length > 0) return 'already-there';
  const { data } = await gh.rest.issues.createComment({
    owner: repo.owner,
    repo: repo.repo,
    issue_number: reply.issue,
    body: renderStickyBody(reply.kind, reply.body, { key: reply.key }),
  });
  const ids = await repliesWithKey(gh, repo, reply.issue, bot, reply.kind, reply.key);
  if (ids[0] !== undefined && ids[0] !== data.id) {
    await gh.rest.issues.deleteComment({ owner: repo.owner, repo: repo.repo, comment_id: data.id });
    return 'already-there';
  }
  return 'posted';
}
