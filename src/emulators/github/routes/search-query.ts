import { commentsOf } from '../state/issue-actions.js';
import type { IssueRecord } from '../state/records.js';
import type { RepositoryState } from '../state/repository-state.js';

export type SearchSort = 'created' | 'updated' | 'comments' | 'reactions' | 'interactions' | 'best-match';
export type SearchOrder = 'asc' | 'desc';

/** A parsed `q` of GET /search/issues: qualifiers and free-text words. */
export interface SearchQuery {
  repos: string[];
  kind?: 'issue' | 'pr';
  state?: 'open' | 'closed';
  merged?: boolean;
  draft?: boolean;
  /** One entry per `label:` qualifier; each holds alternatives (`label:"bug","wip"` is bug OR wip, as GitHub documents). */
  labels: string[][];
  excludedLabels: string[];
  noAssignee: boolean;
  noLabel: boolean;
  authors: string[];
  excludedAuthors: string[];
  assignees: string[];
  heads: string[];
  bases: string[];
  inFields: Set<'title' | 'body' | 'comments'>;
  dates: Array<{ field: 'created' | 'updated' | 'closed'; test: (iso: string) => boolean }>;
  /** A `sort:` qualifier (`sort:created-asc`): how GraphQL's search, which has no sort argument, is ordered. */
  sort?: { field: SearchSort; order: SearchOrder };
  words: string[];
}

/** Splits on spaces outside double quotes and drops the quotes: `label:"good first issue"`. */
export function tokenize(q: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of q) {
    if (char === '"') quoted = !quoted;
    else if (/\s/.test(char) && !quoted) {
      if (current) tokens.push(current);
      current = '';
    } else current += char;
  }
  if (current) tokens.push(current);
  return tokens;
}

function dateTest(expression: string): ((iso: string) => boolean) | undefined {
  const range = /^(.+)\.\.(.+)$/.exec(expression);
  if (range) {
    const [from, to] = [range[1] ?? '', range[2] ?? ''];
    return (iso) => (from === '*' || iso >= normalise(from)) && (to === '*' || iso.slice(0, to.length) <= to);
  }
  const match = /^(>=|<=|>|<)?(\d{4}-\d{2}-\d{2}(?:T[\d:]+Z?)?)$/.exec(expression);
  if (!match) return undefined;
  const [operator, value] = [match[1] ?? '', match[2] ?? ''];
  const bound = normalise(value);
  // Compare at the precision given: `created:<2024-01-02` means before that day.
  const at = (iso: string): string => iso.slice(0, value.length);
  switch (operator) {
    case '>':
      return (iso) => at(iso) > value;
    case '>=':
      return (iso) => iso >= bound;
    case '<':
      return (iso) => iso < bound;
    case '<=':
      return (iso) => at(iso) <= value;
    default:
      return (iso) => at(iso) === value;
  }
}

function normalise(value: string): string {
  return value.length === 10 ? `${value}T00:00:00Z` : value;
}

export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = {
    repos: [],
    labels: [],
    excludedLabels: [],
    noAssignee: false,
    noLabel: false,
    authors: [],
    excludedAuthors: [],
    assignees: [],
    heads: [],
    bases: [],
    inFields: new Set(),
    dates: [],
    words: [],
  };
  for (const token of tokenize(q)) {
    const negated = token.startsWith('-') && token.includes(':');
    const [rawKey = '', ...rest] = (negated ? token.slice(1) : token).split(':');
    const key = rawKey.toLowerCase();
    const value = rest.join(':');
    if (!value) {
      query.words.push(token.toLowerCase());
      continue;
    }
    const lower = value.toLowerCase();
    if (key === 'repo') query.repos.push(lower);
    else if ((key === 'is' || key === 'type') && (lower === 'issue' || lower === 'pr' || lower === 'pull-request'))
      query.kind = lower === 'issue' ? 'issue' : 'pr';
    else if ((key === 'is' || key === 'state') && (lower === 'open' || lower === 'closed')) query.state = lower;
    else if (key === 'is' && (lower === 'merged' || lower === 'unmerged')) query.merged = lower === 'merged';
    else if (key === 'is' && lower === 'draft') query.draft = !negated;
    else if (key === 'label' && negated) query.excludedLabels.push(...lower.split(','));
    else if (key === 'label') query.labels.push(lower.split(','));
    else if (key === 'no' && lower === 'assignee') query.noAssignee = true;
    else if (key === 'no' && lower === 'label') query.noLabel = true;
    else if (key === 'author') (negated ? query.excludedAuthors : query.authors).push(lower);
    else if (key === 'assignee') query.assignees.push(lower);
    else if (key === 'head') query.heads.push(value);
    else if (key === 'base') query.bases.push(value);
    else if (key === 'sort' && !negated) {
      // GitHub's form: `sort:created`, `sort:created-asc`, `sort:updated-desc`; a field without an order is descending.
      const match = /^(created|updated|comments|reactions|interactions)(?:-(asc|desc))?$/.exec(lower);
      if (match) query.sort = { field: match[1] as SearchSort, order: (match[2] ?? 'desc') as SearchOrder };
    } else if (key === 'in') for (const field of lower.split(',')) query.inFields.add(field as 'title' | 'body' | 'comments');
    else if (key === 'created' || key === 'updated' || key === 'closed') {
      const test = dateTest(value);
      if (test) query.dates.push({ field: key, test });
    } else query.words.push(token.toLowerCase());
  }
  return query;
}

/** Whether an issue (or pull request) satisfies every part of the query. */
export function matchesSearch(state: RepositoryState, issue: IssueRecord, query: SearchQuery, commentText: () => string): boolean {
  const pull = issue.isPullRequest ? state.pull(issue.number) : undefined;
  if (query.kind === 'issue' && issue.isPullRequest) return false;
  if (query.kind === 'pr' && !issue.isPullRequest) return false;
  if (query.state && issue.state !== query.state) return false;
  if (query.merged !== undefined && (!pull || pull.merged !== query.merged)) return false;
  if (query.draft !== undefined && (!pull || pull.draft !== query.draft)) return false;
  const labelNames = issue.labelIds.map((id) => state.labels.get(id)?.name.toLowerCase() ?? '');
  if (!query.labels.every((alternatives) => alternatives.some((name) => labelNames.includes(name)))) return false;
  if (query.excludedLabels.some((name) => labelNames.includes(name))) return false;
  if (query.noLabel && labelNames.length > 0) return false;
  if (query.noAssignee && issue.assignees.length > 0) return false;
  const author = issue.author.toLowerCase();
  if (query.authors.length > 0 && !query.authors.includes(author) && !query.authors.includes(`app/${author.replace(/\[bot\]$/, '')}`)) return false;
  if (query.excludedAuthors.includes(author)) return false;
  const assignees = issue.assignees.map((login) => login.toLowerCase());
  if (!query.assignees.every((login) => assignees.includes(login))) return false;
  if (query.heads.length > 0 && (!pull || !query.heads.includes(pull.headRef))) return false;
  if (query.bases.length > 0 && (!pull || !query.bases.includes(pull.baseRef))) return false;
  for (const { field, test } of query.dates) {
    const value = field === 'created' ? issue.createdAt : field === 'updated' ? issue.updatedAt : issue.closedAt;
    if (!value || !test(value)) return false;
  }
  if (query.words.length === 0) return true;
  const fields = query.inFields.size > 0 ? query.inFields : new Set(['title', 'body']);
  const haystack = [fields.has('title') ? issue.title : '', fields.has('body') ? (issue.body ?? '') : '', fields.has('comments') ? commentText() : '']
    .join('\n')
    .toLowerCase();
  return query.words.every((word) => haystack.includes(word.replace(/^"|"$/g, '')));
}

/** GitHub returns at most the first 1,000 results of a search. */
export const RESULT_CAP = 1000;

export const FOREIGN_REPOSITORY =
  'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.';

export type SearchAnswer = { kind: 'foreign-repository' } | { kind: 'results'; total: number; items: IssueRecord[] };

/**
 * One issue search, as REST's GET /search/issues and GraphQL's `search(type: ISSUE)` both run it: the query's
 * qualifiers, then the order (REST's `sort` parameter with its `order`, else the query's `sort:` qualifier,
 * else best match, which the emulator takes as newest first), capped at 1,000 results. Nothing for a viewer who cannot see
 * the repository.
 */
export function searchIssues(state: RepositoryState, viewer: string, q: string, given?: { sort: SearchSort; order: SearchOrder }): SearchAnswer {
  const query = parseSearchQuery(q);
  const fullName = `${state.repo.owner}/${state.repo.name}`.toLowerCase();
  if (query.repos.some((repo) => repo !== fullName)) return { kind: 'foreign-repository' };
  if (state.permissionOf(viewer) === 'none') return { kind: 'results', total: 0, items: [] };
  const sort = given?.sort ?? query.sort?.field ?? 'best-match';
  const direction = given?.order ?? query.sort?.order ?? 'desc';
  const counts = new Map<number, number>();
  for (const comment of state.comments.values()) counts.set(comment.issueNumber, (counts.get(comment.issueNumber) ?? 0) + 1);
  const key = (issue: IssueRecord): string | number =>
    sort === 'updated' ? issue.updatedAt : sort === 'comments' ? (counts.get(issue.number) ?? 0) : issue.createdAt;
  const matching = [...state.issues.values()]
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
      return direction === 'asc' ? compared : -compared;
    });
  return { kind: 'results', total: matching.length, items: matching.slice(0, RESULT_CAP) };
}
