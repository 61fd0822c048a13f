/**
 * Repository fields beyond discussions: the default branch with a file on it (`defaultBranchRef.target.file`), and
 * the issues and pull requests connections filtered by label and state, or one issue by number. Each needs the token's permission for
 * what it reveals (contents, issues, pull requests), as on GitHub; without it the field answers FORBIDDEN.
 */
import { accessFor } from '../http/tokens.js';
import type { TokenScope } from '../http/route.js';
import { issueLabels } from '../state/issue-actions.js';
import type { IssueRecord } from '../state/records.js';
import { GraphqlTypedError, page, type GraphqlContext } from './paging.js';

function requireRead(context: GraphqlContext, scope: TokenScope): void {
  if (accessFor(context.grant, scope) === 'none') throw new GraphqlTypedError('FORBIDDEN', 'Resource not accessible by integration');
}

/** Git as GitHub reports it: a NUL byte in the first 8,000 bytes makes a blob binary (no `text`). */
function blob(oid: string, content: Buffer) {
  const binary = content.subarray(0, 8000).includes(0);
  return { __typename: 'Blob', oid, isBinary: binary, isTruncated: false, text: binary ? null : content.toString('utf8') };
}

function treeEntry(context: GraphqlContext, commit: string, rawPath: string) {
  requireRead(context, 'contents');
  const { git } = context.state;
  const path = rawPath.replace(/^\/+|\/+$/g, '');
  const found = path === '' ? null : git.readPath(commit, path);
  if (!found) return null;
  const slash = path.lastIndexOf('/');
  const parent = slash < 0 ? commit : git.readPath(commit, path.slice(0, slash))?.sha;
  const name = path.slice(slash + 1);
  const entry = parent === undefined ? undefined : git.readTree(parent, false)?.find((candidate) => candidate.path === name);
  // GitHub gives the mode as the decimal value of git's octal mode: 33188 for 100644, 40960 for a symbolic link.
  const mode = Number.parseInt(entry?.mode ?? '100644', 8);
  const object = found.type === 'blob' ? blob(found.sha, found.content) : { __typename: found.type === 'tree' ? 'Tree' : 'Commit', oid: found.sha };
  return { name, path, mode, type: found.type, object };
}

/** The default branch and its tip; null for an empty repository, whose branch has no commit yet. */
export function defaultBranchRef(context: GraphqlContext) {
  const { state } = context;
  const name = state.repo.defaultBranch;
  const commit = state.git.resolve(name);
  if (!commit) return null;
  return { name, target: { __typename: 'Commit', oid: commit, file: (args: { path: string }) => treeEntry(context, commit, args.path) } };
}

export interface IssueConnectionArgs {
  first?: number;
  after?: string;
  labels?: string[] | null;
  states?: string[] | null;
  orderBy?: { field: string; direction: string } | null;
}

function stateOf(context: GraphqlContext, record: IssueRecord): string {
  if (record.isPullRequest && context.state.pull(record.number)?.merged) return 'MERGED';
  return record.state === 'open' ? 'OPEN' : 'CLOSED';
}

function actor(context: GraphqlContext, login: string) {
  const user = context.state.user(login);
  if (!user) return null;
  // GraphQL names a bot without the `[bot]` of its REST login.
  return user.type === 'Bot'
    ? { __typename: 'Bot', login: user.login.replace(/\[bot\]$/, ''), databaseId: user.id }
    : { __typename: 'User', login: user.login, databaseId: user.id };
}

/** An Issue or PullRequest node (`__typename` tells which, for a search's union). */
export function issueNode(context: GraphqlContext, record: IssueRecord) {
  const { state, serverUrl } = context;
  const labels = issueLabels(state, record).map((label) => ({ name: label.name }));
  const assignees = record.assignees.flatMap((login) => {
    const user = actor(context, login);
    return user ? [{ login: user.login, databaseId: user.databaseId }] : [];
  });
  return {
    __typename: record.isPullRequest ? 'PullRequest' : 'Issue',
    number: record.number,
    title: record.title,
    body: record.body ?? '',
    state: stateOf(context, record),
    url: `${serverUrl}/${state.repo.owner}/${state.repo.name}/${record.isPullRequest ? 'pull' : 'issues'}/${record.number}`,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    closedAt: record.closedAt,
    // The time of the last body edit; a title or label change is not one.
    lastEditedAt: record.lastEditedAt,
    mergedAt: record.isPullRequest ? (state.pull(record.number)?.mergedAt ?? null) : null,
    author: actor(context, record.author),
    labels: (args: { first?: number; after?: string }) => page(labels, args, 'labels'),
    assignees: (args: { first?: number; after?: string }) => page(assignees, args, 'assignees'),
  };
}

/**
 * `issues` or `pullRequests` of the repository. `labels` keeps items carrying any of the names (case does not
 * matter, as label names are unique regardless of case); `states` any of the states; the order is by creation
 * (the default), update or comment count, ties by number.
 */
export function issueConnection(context: GraphqlContext, args: IssueConnectionArgs, connection: 'issues' | 'pullRequests') {
  requireRead(context, connection === 'issues' ? 'issues' : 'pull_requests');
  const { state } = context;
  const wanted = new Set((args.labels ?? []).map((name) => name.toLowerCase()));
  const comments = new Map<number, number>();
  if (args.orderBy?.field === 'COMMENTS')
    for (const comment of state.comments.values()) comments.set(comment.issueNumber, (comments.get(comment.issueNumber) ?? 0) + 1);
  const key = (record: IssueRecord): string | number =>
    args.orderBy?.field === 'UPDATED_AT' ? record.updatedAt : args.orderBy?.field === 'COMMENTS' ? (comments.get(record.number) ?? 0) : record.createdAt;
  const sign = args.orderBy?.direction === 'DESC' ? -1 : 1;
  const records = [...state.issues.values()]
    .filter((record) => record.isPullRequest === (connection === 'pullRequests'))
    .filter((record) => !args.states || args.states.includes(stateOf(context, record)))
    .filter((record) => wanted.size === 0 || issueLabels(state, record).some((label) => wanted.has(label.name.toLowerCase())))
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return sign * (x < y ? -1 : x > y ? 1 : a.number - b.number);
    });
  const paged = page(records, args, connection);
  return { ...paged, nodes: paged.nodes.map((record) => issueNode(context, record)) };
}

/** `repository.issue(number:)`: null with NOT_FOUND for a number that is not an issue (a pull request's included). */
export function repositoryIssue(context: GraphqlContext, number: number) {
  requireRead(context, 'issues');
  const record = context.state.issue(number);
  if (!record || record.isPullRequest) throw new GraphqlTypedError('NOT_FOUND', `Could not resolve to an Issue with the number of ${number}.`);
  return issueNode(context, record);
}
