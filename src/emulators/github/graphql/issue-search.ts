/**
 * `search(type: ISSUE, query:)`. It runs the REST search's own query parser and matcher (routes/search-query.ts),
 * so both answer the same query the same way; GraphQL has no sort argument, so a `sort:` qualifier in the query
 * text orders it. Issues a token may not read (`issues`, `pull_requests`) are left out, as GitHub leaves them out.
 */
import { accessFor } from '../http/tokens.js';
import { FOREIGN_REPOSITORY, searchIssues } from '../routes/search-query.js';
import type { IssueRecord } from '../state/records.js';
import { GraphqlTypedError, page, type GraphqlContext } from './paging.js';
import { issueNode } from './repository-objects.js';

function readable(context: GraphqlContext, record: IssueRecord): boolean {
  return accessFor(context.grant, record.isPullRequest ? 'pull_requests' : 'issues') !== 'none';
}

export function searchIssuesField(context: GraphqlContext, args: { query: string; type: string; first?: number | null; after?: string | null }) {
  const answer = searchIssues(context.state, context.viewer.login, args.query);
  if (answer.kind === 'foreign-repository') throw new GraphqlTypedError('INVALID', FOREIGN_REPOSITORY);
  const visible = answer.items.filter((record) => readable(context, record));
  const paged = page(visible, args, 'search');
  return { ...paged, nodes: paged.nodes.map((record) => issueNode(context, record)), issueCount: answer.total - (answer.items.length - visible.length) };
}
