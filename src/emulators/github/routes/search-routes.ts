import { validationFailed } from '../http/api-error.js';
import { paginate } from '../http/pagination.js';
import { json, type Route } from '../http/route.js';
import { queryEnum } from '../http/validate.js';
import { searchItem } from '../serialize/issues.js';
import { commentsOf } from '../state/issue-actions.js';
import type { IssueRecord } from '../state/records.js';
import { matchesSearch, parseSearchQuery } from './search-query.js';

/** GitHub returns at most the first 1,000 results of a search. */
const RESULT_CAP = 1000;

export const searchRoutes: Route[] = [
  {
    method: 'GET',
    path: '/search/issues',
    scope: 'metadata',
    role: 'none',
    resource: 'search',
    handle: (request) => {
      const { state } = request;
      const q = request.query.get('q');
      if (!q) throw validationFailed([{ resource: 'Search', field: 'q', code: 'missing' }]);
      const sort = queryEnum(
        request.query,
        'sort',
        ['created', 'updated', 'comments', 'reactions', 'interactions', 'best-match'] as const,
        'best-match',
        'Search',
      );
      const order = queryEnum(request.query, 'order', ['asc', 'desc'] as const, 'desc', 'Search');
      const query = parseSearchQuery(q);
      const fullName = `${state.repo.owner}/${state.repo.name}`.toLowerCase();
      if (query.repos.some((repo) => repo !== fullName)) {
        throw validationFailed([
          {
            message:
              'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
            resource: 'Search',
            field: 'q',
            code: 'invalid',
          },
        ]);
      }
      const visible = state.permissionOf(request.viewer.login) !== 'none';
      const counts = new Map<number, number>();
      for (const comment of state.comments.values()) counts.set(comment.issueNumber, (counts.get(comment.issueNumber) ?? 0) + 1);
      const key = (issue: IssueRecord): string | number =>
        sort === 'updated' ? issue.updatedAt : sort === 'comments' ? (counts.get(issue.number) ?? 0) : issue.createdAt;
      const matching = visible
        ? [...state.issues.values()]
            .filter((issue) =>
              matchesSearch(state, issue, query, () =>
                commentsOf(state, issue.number)
                  .map((comment) => comment.body)
                  .join('\n'),
              ),
            )
            .sort((a, b) => {
              const [x, y] = [key(a), key(b)];
              const compared = x < y ? -1 : x > y ? 1 : a.number - b.number;
              return order === 'asc' ? compared : -compared;
            })
        : [];
      const page = paginate(request, matching.slice(0, RESULT_CAP));
      return json(
        200,
        // `items` must be the first key after the counters: Octokit's paginate takes the first remaining key as the list.
        {
          total_count: matching.length,
          incomplete_results: false,
          items: page.items.map((issue) => searchItem(request.context, issue)),
          search_type: 'lexical',
        },
        page.headers,
      );
    },
  },
];
