/**
 * The reads of a triage run. The report needs two paginated listings, 100 items a page:
 *
 * 1. every issue and pull request the bot opened (`creator=<bot>`, open and closed): the suggestions with
 *    their markers, implement's pull requests with their cost marker, and the reports. One listing instead
 *    of one per label keeps 1,000 open suggestions (plus a page of everything else) within 11 reads;
 * 2. the open roadmap issues, whatever their author, for the work-in-flight section; when the run's first request
 *    read them already (policy-and-roadmap.ts), that page is used and counted here.
 *
 * Commands add one read for the commenter's permission, and one page of comments when a reply might repeat.
 */
import type { GitHub } from '../core/github.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import { hasMarker } from '../core/marker.js';
import { REPLY_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import type { RepoRef } from '../core/repo.js';
import type { PrefetchedRoadmap } from './policy-and-roadmap.js';
import type { ListedIssue } from './snapshot.js';
import { gitHubStatus } from '../core/github-errors.js';

/** Keeps only the fields triage reads: a thousand full API objects would be held for the whole run. */
function toListed(item: ListedIssue): ListedIssue {
  return {
    number: item.number,
    title: item.title,
    body: item.body ?? null,
    state: item.state,
    state_reason: item.state_reason ?? null,
    html_url: item.html_url,
    created_at: item.created_at,
    updated_at: item.updated_at,
    closed_at: item.closed_at,
    user: item.user ? { login: item.user.login, id: item.user.id, ...(item.user.type ? { type: item.user.type } : {}) } : null,
    labels: item.labels,
    assignees: (item.assignees ?? []).map((assignee) => ({ login: assignee.login })),
    pull_request: item.pull_request ? { merged_at: item.pull_request.merged_at ?? null } : null,
  };
}

export interface Listings {
  botItems: ListedIssue[];
  roadmapItems: ListedIssue[];
  /** Pages read. */
  reads: number;
}

async function listAll(gh: GitHub, params: Parameters<GitHub['rest']['issues']['listForRepo']>[0]): Promise<{ items: ListedIssue[]; pages: number }> {
  const items: ListedIssue[] = [];
  let pages = 0;
  for await (const page of gh.paginate.iterator(gh.rest.issues.listForRepo, params)) {
    pages++;
    for (const item of page.data) items.push(toListed(item));
  }
  return { items, pages };
}

/**
 * The bot's identity as its own listing shows it: the listing holds only what `login` opened, so each item's author
 * is the bot, with the id and type `GET /users/{login}` would return. Null when the bot has opened nothing yet.
 */
export function identityFromListing(items: readonly ListedIssue[], login: string): BotIdentity | null {
  const author = items.find((item) => item.user?.login.toLowerCase() === login.toLowerCase() && item.user.type)?.user;
  return author?.type ? { login: author.login, id: author.id, type: author.type } : null;
}

export async function readListings(
  gh: GitHub,
  repo: RepoRef,
  bot: Pick<BotIdentity, 'login'>,
  roadmapLabel: string,
  prefetched: PrefetchedRoadmap | null = null,
): Promise<Listings> {
  const mine = await listAll(gh, { owner: repo.owner, repo: repo.repo, creator: bot.login, state: 'all', sort: 'created', direction: 'asc', per_page: 100 });
  // Label names are unique regardless of case, and the listing's filter ignores case too.
  const roadmap =
    prefetched && prefetched.label.toLowerCase() === roadmapLabel.toLowerCase()
      ? { items: prefetched.items.map(toListed), pages: 1 }
      : await listAll(gh, { owner: repo.owner, repo: repo.repo, labels: roadmapLabel, state: 'open', per_page: 100 });
  return { botItems: mine.items, roadmapItems: roadmap.items, reads: mine.pages + roadmap.pages };
}

export interface CommentRef {
  id: number;
  issue: number;
  body: string;
  user: { login: string; id: number; type: string } | null;
}

/** A comment by id, for resuming one whose commands a run could not finish; null when it was deleted. */
export async function readComment(gh: GitHub, repo: RepoRef, issue: number, id: number): Promise<CommentRef | null> {
  try {
    const { data } = await gh.rest.issues.getComment({ owner: repo.owner, repo: repo.repo, comment_id: id });
    return { id: data.id, issue, body: data.body ?? '', user: data.user ? { login: data.user.login, id: data.user.id, type: data.user.type } : null };
  } catch (error) {
    if (gitHubStatus(error) === 404) return null;
    throw error;
  }
}

/** Whether the bot already gave `userId` its "you may not decide" reply on this issue. Stops at the first match. */
export async function hasRepliedTo(gh: GitHub, repo: RepoRef, issue: number, bot: BotIdentity, userId: number): Promise<boolean> {
  const pages = gh.paginate.iterator(gh.rest.issues.listComments, { owner: repo.owner, repo: repo.repo, issue_number: issue, per_page: 100 });
  for await (const page of pages) {
    const found = page.data.some(
      (comment) => isBot(comment.user, bot) && hasMarker(REPLY_MARKER_KIND, comment.body) && readMarker(REPLY_MARKER_KIND, comment.body)?.user === userId,
    );
    if (found) return true;
  }
  return false;
}
