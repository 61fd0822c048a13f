/**
 * The nightly report as a GitHub Discussion: one per day in a named category, found again by the bot as
 * author (its id and account type, not a login a person could take), the title and its marker; created once,
 * edited in place, closed as outdated once a later day's exists. Discussions exist only in GraphQL. A query is
 * retried like any read; a mutation never is (github.ts), so a `createDiscussion` GitHub answered with an
 * error after doing the work is found by listing the category again before anything is sent twice, and a
 * close that failed is sent again only by a later run that still reads the discussion open.
 */
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { describeAnswer } from '../core/github-errors.js';
import { NIGHTLY_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import type { RepoRef } from '../core/repo.js';
import type { NightlyIssue } from '../triage/snapshot.js';

/** Every GraphQL document the product sends; the contract test validates each against GitHub's public schema. */
export const DISCUSSION_DOCUMENTS = {
  categories: `query NightlyDiscussionCategories($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    hasDiscussionsEnabled
    discussionCategories(first: 100) {
      nodes { id name slug }
    }
  }
}`,
  recent: `query NightlyDiscussions($owner: String!, $name: String!, $categoryId: ID!) {
  repository(owner: $owner, name: $name) {
    discussions(first: 30, categoryId: $categoryId, orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes {
        id number title url body closed
        author { __typename login ... on Bot { databaseId } ... on User { databaseId } }
      }
    }
  }
}`,
  create: `mutation NightlyCreateDiscussion($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) {
    discussion { id number url }
  }
}`,
  close: `mutation NightlyCloseDiscussion($discussionId: ID!) {
  closeDiscussion(input: { discussionId: $discussionId, reason: OUTDATED }) {
    discussion { id number closed stateReason }
  }
}`,
  update: `mutation NightlyUpdateDiscussion($discussionId: ID!, $body: String!) {
  updateDiscussion(input: { discussionId: $discussionId, body: $body }) {
    discussion { id number url }
  }
}`,
} as const;

/** A category's discussions are listed newest first, this many: a month of daily reports and then some. */
const RECENT = 30;

export interface DiscussionCategoryTarget {
  repositoryId: string;
  id: string;
  name: string;
  /** The category's page, e.g. https://github.com/acme/shop/discussions/categories/reports */
  url: string;
}

/** A nightly report discussion; `id` is its node id, what updateDiscussion and closeDiscussion take. */
export interface NightlyDiscussion extends NightlyIssue {
  id: string;
}

/** Why the report could not be a discussion, in one line a person can act on. */
export class DiscussionUnavailableError extends Error {
  override readonly name = 'DiscussionUnavailableError';
}

interface GraphqlErrorItem {
  type?: string;
  message?: string;
}

function graphqlErrors(error: unknown): GraphqlErrorItem[] | undefined {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return error instanceof Error && error.name === 'GraphqlResponseError' && Array.isArray(errors) ? (errors as GraphqlErrorItem[]) : undefined;
}

/** A GraphQL answer GitHub gave (`errors` with a type), as opposed to no answer or a 5xx, which may be tried again. */
export function isGraphqlRefusal(error: unknown): boolean {
  return graphqlErrors(error) !== undefined;
}

/** The one line for a failed GraphQL call: a refusal names the permission or the missing thing; anything else what GitHub said. */
export function explainDiscussionFailure(error: unknown, doing: string): string {
  const errors = graphqlErrors(error);
  if (!errors) return `${doing}: ${describeAnswer(error)}`;
  if (errors.some((item) => item.type === 'FORBIDDEN'))
    return `${doing}: GitHub refused it (${errors.find((item) => item.type === 'FORBIDDEN')?.message ?? 'FORBIDDEN'}); the token lacks the discussions permission (discussions: write to post the nightly report, discussions: read to link it from the weekly one: add it to the job's permissions:)`;
  return `${doing}: GitHub answered ${errors.map((item) => `${item.type ?? 'ERROR'} (${item.message ?? ''})`).join(', ')}`;
}

interface DiscussionAuthor {
  __typename?: string;
  login: string;
  databaseId?: number | null;
}

/** The bot by id and account type, as REST names them (`Bot`, or `User` for a machine user's token): a login alone can be taken by a person. */
function isBotAuthor(author: DiscussionAuthor | null, bot: BotIdentity): boolean {
  return author !== null && author.__typename === bot.type && author.databaseId === bot.id;
}

/** The category to post in, by name or slug (either as GitHub shows it); refuses clearly when there is none. */
export async function findCategory(gh: GitHub, repo: RepoRef, serverUrl: string, wanted: string): Promise<DiscussionCategoryTarget> {
  let answer: {
    repository: { id: string; hasDiscussionsEnabled: boolean; discussionCategories: { nodes: Array<{ id: string; name: string; slug: string }> } };
  };
  try {
    answer = await gh.graphql(DISCUSSION_DOCUMENTS.categories, { owner: repo.owner, name: repo.repo });
  } catch (error) {
    throw new DiscussionUnavailableError(explainDiscussionFailure(error, `reading the Discussion categories of ${repo.owner}/${repo.repo}`), { cause: error });
  }
  const { repository } = answer;
  if (!repository.hasDiscussionsEnabled)
    throw new DiscussionUnavailableError(
      `Discussions are turned off in ${repo.owner}/${repo.repo}: turn them on (Settings → General → Features → Discussions) or leave nightly-discussion-category empty for an issue`,
    );
  const categories = repository.discussionCategories.nodes;
  const match = categories.find((category) => category.name.toLowerCase() === wanted.toLowerCase() || category.slug === wanted.toLowerCase());
  if (!match)
    throw new DiscussionUnavailableError(
      `no Discussion category "${wanted}" in ${repo.owner}/${repo.repo} (it has: ${categories.map((category) => category.name).join(', ') || 'none'}); create it or set nightly-discussion-category to one of these`,
    );
  return { repositoryId: repository.id, id: match.id, name: match.name, url: `${serverUrl}/${repo.owner}/${repo.repo}/discussions/categories/${match.slug}` };
}

/** The bot's nightly report discussions among the category's most recent, open or closed, with the day and window end of their marker. */
export async function listNightlyDiscussions(gh: GitHub, repo: RepoRef, category: DiscussionCategoryTarget, bot: BotIdentity): Promise<NightlyDiscussion[]> {
  let answer: {
    repository: {
      discussions: {
        nodes: Array<{ id: string; number: number; title: string; url: string; body: string; closed: boolean; author: DiscussionAuthor | null }>;
      };
    };
  };
  try {
    answer = await gh.graphql(DISCUSSION_DOCUMENTS.recent, { owner: repo.owner, name: repo.repo, categoryId: category.id });
  } catch (error) {
    throw new DiscussionUnavailableError(explainDiscussionFailure(error, `listing the discussions in "${category.name}"`), { cause: error });
  }
  return answer.repository.discussions.nodes.slice(0, RECENT).flatMap((node) => {
    const marker = readMarker(NIGHTLY_MARKER_KIND, node.body);
    if (!marker || !isBotAuthor(node.author, bot)) return [];
    return [
      { id: node.id, number: node.number, title: node.title, url: node.url, body: node.body, open: !node.closed, day: marker.day, end: marker.end ?? null },
    ];
  });
}

export interface PostedDiscussion {
  number: number;
  url: string;
  /** `found-after-failure`: GitHub created it but answered an error; the listing found it, nothing was sent twice. */
  how: 'created' | 'found-after-failure' | 'updated';
}

/**
 * Creates the day's discussion exactly once. A create GitHub refused (a GraphQL error) is not tried again; one
 * without an answer or with a 5xx may have happened, so the category is listed again: the day's discussion
 * found there is the one created (its body is then checked), and only when it is absent is the create sent
 * once more.
 */
export async function createNightlyDiscussion(
  gh: GitHub,
  repo: RepoRef,
  category: DiscussionCategoryTarget,
  post: { title: string; body: string; day: string; bot: BotIdentity },
): Promise<PostedDiscussion> {
  const create = async () => {
    const answer: { createDiscussion: { discussion: { number: number; url: string } } } = await gh.graphql(DISCUSSION_DOCUMENTS.create, {
      repositoryId: category.repositoryId,
      categoryId: category.id,
      title: post.title,
      body: post.body,
    });
    return answer.createDiscussion.discussion;
  };
  try {
    return { ...(await create()), how: 'created' };
  } catch (error) {
    if (isGraphqlRefusal(error))
      throw new DiscussionUnavailableError(explainDiscussionFailure(error, `creating the discussion "${post.title}"`), { cause: error });
    const found = (await listNightlyDiscussions(gh, repo, category, post.bot)).find((item) => item.day === post.day && item.title === post.title);
    if (found) {
      if (found.body !== post.body) await updateNightlyDiscussion(gh, found.id, post.body);
      return { number: found.number, url: found.url, how: 'found-after-failure' };
    }
    try {
      return { ...(await create()), how: 'created' };
    } catch (again) {
      throw new DiscussionUnavailableError(
        explainDiscussionFailure(again, `creating the discussion "${post.title}" (tried twice, and it is not in "${category.name}")`),
        {
          cause: again,
        },
      );
    }
  }
}

export async function updateNightlyDiscussion(gh: GitHub, id: string, body: string): Promise<{ number: number; url: string }> {
  try {
    const answer: { updateDiscussion: { discussion: { number: number; url: string } } } = await gh.graphql(DISCUSSION_DOCUMENTS.update, {
      discussionId: id,
      body,
    });
    return answer.updateDiscussion.discussion;
  } catch (error) {
    throw new DiscussionUnavailableError(explainDiscussionFailure(error, 'editing the day’s discussion'), { cause: error });
  }
}

/** Closes an earlier day's report as outdated. Sent once: a failure is left for a later run, which reads it open again. */
export async function closeNightlyDiscussion(gh: GitHub, discussion: Pick<NightlyDiscussion, 'id' | 'number'>): Promise<void> {
  try {
    await gh.graphql(DISCUSSION_DOCUMENTS.close, { discussionId: discussion.id });
  } catch (error) {
    throw new DiscussionUnavailableError(explainDiscussionFailure(error, `closing the earlier report, discussion #${discussion.number}`), { cause: error });
  }
}

/**
 * The nightly report discussions the weekly report links: the bot's recent ones in the category, or, when
 * they cannot be read (a token without `discussions: read`), a note with the category's page.
 */
export async function weeklyNightlyLinks(
  gh: GitHub,
  repo: RepoRef,
  serverUrl: string,
  category: string,
  bot: BotIdentity,
): Promise<{ nights: NightlyIssue[] } | { note: string }> {
  try {
    const target = await findCategory(gh, repo, serverUrl, category);
    return { nights: await listNightlyDiscussions(gh, repo, target, bot) };
  } catch (error) {
    if (!(error instanceof DiscussionUnavailableError)) throw error;
    return {
      note: `The nightly reports are discussions in "${category}" ([Discussions](${serverUrl}/${repo.owner}/${repo.repo}/discussions)); this run could not list them: ${error.message}.`,
    };
  }
}
