import { permissionAtLeast } from '../state/repository-state.js';
import type { DiscussionCategoryRecord, DiscussionCloseReason, DiscussionRecord } from '../state/discussions.js';
import { accessFor } from '../http/tokens.js';
import { nodeId } from '../serialize/context.js';
import { GraphqlTypedError, page, type GraphqlContext } from './paging.js';
import { searchIssuesField } from './issue-search.js';
import { defaultBranchRef, issueConnection, repositoryIssue, type IssueConnectionArgs } from './repository-objects.js';

export { GraphqlTypedError, type GraphqlContext } from './paging.js';

const NOT_ACCESSIBLE = 'Resource not accessible by integration';

function fromNodeId(kind: string, id: unknown): number | undefined {
  if (typeof id !== 'string') return undefined;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const match = new RegExp(`^${kind}:(\\d+)$`).exec(decoded);
  return match ? Number(match[1]) : undefined;
}

function unresolvable(id: unknown): GraphqlTypedError {
  return new GraphqlTypedError('NOT_FOUND', `Could not resolve to a node with the global id of '${String(id)}'`);
}

/** Discussions are their own token permission: a GITHUB_TOKEN without `discussions:` can neither read nor write them. */
function requireDiscussions(context: GraphqlContext, write: boolean): void {
  const access = accessFor(context.grant, 'discussions');
  if (access === 'none' || (write && access !== 'write')) throw new GraphqlTypedError('FORBIDDEN', NOT_ACCESSIBLE);
}

function category(record: DiscussionCategoryRecord) {
  return { id: nodeId('DiscussionCategory', record.id), name: record.name, slug: record.slug };
}

function discussion(context: GraphqlContext, record: DiscussionRecord) {
  const { state } = context;
  const author = state.user(record.author);
  const found = state.discussions.categories.find((candidate) => candidate.id === record.categoryId);
  return {
    id: nodeId('Discussion', record.id),
    number: record.number,
    title: record.title,
    body: record.body,
    createdAt: record.createdAt,
    closed: record.closed,
    closedAt: record.closedAt,
    stateReason: record.stateReason,
    url: `${context.serverUrl}/${state.repo.owner}/${state.repo.name}/discussions/${record.number}`,
    // GraphQL names a bot without the `[bot]` of its REST login; databaseId is the REST id.
    author: author ? { __typename: author.type === 'Bot' ? 'Bot' : 'User', login: author.login.replace(/\[bot\]$/, ''), databaseId: author.id } : null,
    category: found ? category(found) : null,
  };
}

function repository(context: GraphqlContext) {
  const { state } = context;
  const store = state.discussions;
  return {
    id: nodeId('Repository', state.repo.id),
    nameWithOwner: `${state.repo.owner}/${state.repo.name}`,
    hasDiscussionsEnabled: store.enabled,
    defaultBranchRef: () => defaultBranchRef(context),
    issue: (args: { number: number }) => repositoryIssue(context, args.number),
    issues: (args: IssueConnectionArgs) => issueConnection(context, args, 'issues'),
    pullRequests: (args: IssueConnectionArgs) => issueConnection(context, args, 'pullRequests'),
    discussionCategories: (args: { first?: number; after?: string }) => {
      requireDiscussions(context, false);
      return page(store.enabled ? store.categories.map(category) : [], args, 'discussionCategories');
    },
    discussions: (args: { first?: number; after?: string; categoryId?: string | null; orderBy?: { field: string; direction: string } }) => {
      requireDiscussions(context, false);
      let records = store.enabled ? store.all() : [];
      if (args.categoryId) {
        const id = fromNodeId('DiscussionCategory', args.categoryId);
        if (id === undefined || !store.categories.some((candidate) => candidate.id === id)) throw unresolvable(args.categoryId);
        records = records.filter((record) => record.categoryId === id);
      }
      const field = args.orderBy?.field === 'CREATED_AT' ? 'createdAt' : 'updatedAt';
      const sign = args.orderBy?.direction === 'ASC' ? 1 : -1;
      records.sort((a, b) => sign * (a[field].localeCompare(b[field]) || a.number - b.number));
      return page(
        records.map((record) => discussion(context, record)),
        args,
        'discussions',
      );
    },
  };
}

interface CreateInput {
  repositoryId: string;
  categoryId: string;
  title: string;
  body: string;
  clientMutationId?: string;
}

interface UpdateInput {
  discussionId: string;
  body?: string;
  title?: string;
  categoryId?: string;
  clientMutationId?: string;
}

interface CloseInput {
  discussionId: string;
  reason?: DiscussionCloseReason;
  clientMutationId?: string;
}

/** The root value: the fields of Query and Mutation the emulator serves. */
export function rootValue(context: GraphqlContext) {
  const { state } = context;
  const canSee = permissionAtLeast(state.permissionOf(context.viewer.login), 'read');
  const requireCategory = (id: string): number => {
    const found = fromNodeId('DiscussionCategory', id);
    if (found === undefined || !state.discussions.enabled || !state.discussions.categories.some((candidate) => candidate.id === found)) throw unresolvable(id);
    return found;
  };
  /** The discussion a mutation names, when the viewer may change it: its author, or someone who can triage. */
  const changeable = (discussionId: string): DiscussionRecord => {
    const id = fromNodeId('Discussion', discussionId);
    const record = id === undefined || !canSee ? undefined : state.discussions.records.get(id);
    if (!record || !state.discussions.enabled) throw unresolvable(discussionId);
    requireDiscussions(context, true);
    const own = record.author.toLowerCase() === context.viewer.login.toLowerCase();
    if (!own && !permissionAtLeast(state.permissionOf(context.viewer.login), 'triage')) throw new GraphqlTypedError('FORBIDDEN', NOT_ACCESSIBLE);
    return record;
  };
  return {
    repository: (args: { owner: string; name: string }) => {
      const here = args.owner.toLowerCase() === state.repo.owner.toLowerCase() && args.name.toLowerCase() === state.repo.name.toLowerCase();
      if (!here || !canSee) throw new GraphqlTypedError('NOT_FOUND', `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
      return repository(context);
    },
    search: (args: { query: string; type: string; first?: number | null; after?: string | null }) => searchIssuesField(context, args),
    createDiscussion: ({ input }: { input: CreateInput }) => {
      if (fromNodeId('Repository', input.repositoryId) !== state.repo.id || !canSee) throw unresolvable(input.repositoryId);
      requireDiscussions(context, true);
      const categoryId = requireCategory(input.categoryId);
      if (input.title.trim() === '') throw new GraphqlTypedError('UNPROCESSABLE', "Title can't be blank");
      const record = state.discussions.create({ categoryId, title: input.title, body: input.body, author: context.viewer.login });
      return { clientMutationId: input.clientMutationId ?? null, discussion: discussion(context, record) };
    },
    updateDiscussion: ({ input }: { input: UpdateInput }) => {
      const record = changeable(input.discussionId);
      const changes = {
        ...(input.body !== undefined && input.body !== null ? { body: input.body } : {}),
        ...(input.title !== undefined && input.title !== null ? { title: input.title } : {}),
        ...(input.categoryId ? { categoryId: requireCategory(input.categoryId) } : {}),
      };
      return { clientMutationId: input.clientMutationId ?? null, discussion: discussion(context, state.discussions.update(record, changes)) };
    },
    // The schema's default reason is RESOLVED; graphql-js applies it when the input leaves `reason` out.
    closeDiscussion: ({ input }: { input: CloseInput }) => {
      const record = changeable(input.discussionId);
      return {
        clientMutationId: input.clientMutationId ?? null,
        discussion: discussion(context, state.discussions.close(record, input.reason ?? 'RESOLVED')),
      };
    },
  };
}
