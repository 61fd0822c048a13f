import { validationFailed } from '../http/api-error.js';
import { paginate } from '../http/pagination.js';
import { json, type Route } from '../http/route.js';
import { queryEnum } from '../http/validate.js';
import { searchItem } from '../serialize/issues.js';
import { FOREIGN_REPOSITORY, searchIssues } from './search-query.js';

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
      // GitHub ignores `order` without `sort`; without both, a `sort:` qualifier in the query orders the results.
      const answer = searchIssues(state, request.viewer.login, q, request.query.has('sort') ? { sort, order } : undefined);
      if (answer.kind === 'foreign-repository') throw validationFailed([{ message: FOREIGN_REPOSITORY, resource: 'Search', field: 'q', code: 'invalid' }]);
      const page = paginate(request, answer.items);
      return json(
        200,
        // `items` must be the first key after the counters: Octokit's paginate takes the first remaining key as the list.
        {
          total_count: answer.total,
          incomplete_results: false,
          items: page.items.map((issue) => searchItem(request.context, issue)),
          search_type: 'lexical',
        },
        page.headers,
      );
    },
  },
];
