/**
 * The picker's read: every priority band's label-filtered, oldest-first search in one GraphQL request (one aliased
 * `search` field per band), so the pick costs one request whatever the backlog holds. Search rather than the issues
 * list, because exclusions (`-label:`, `no:assignee`) are applied by GitHub, so the cost does not grow with the
 * number of excluded or unrelated issues. The same request brings each candidate's `lastEditedAt`, which the
 * approval check needs: GitHub records no event for a body edit.
 */
import type { GitHub } from '../core/github.js';
import { formatRepository, type RepoRef } from '../core/repo.js';
import { candidateQuery, decidePicks, type Band, type BandResult, type IssueSummary, type PickRules } from './pick.js';

const PAGE_SIZE = 100;

const ISSUE_FIELDS = `issueCount
  nodes {
    __typename
    ... on Issue {
      number title state createdAt updatedAt lastEditedAt
      labels(first: 100) { nodes { name } }
      assignees(first: 10) { nodes { login } }
    }
  }`;

/** The GraphQL the pick sends; the contract test validates each against GitHub's public schema. */
export const PICK_DOCUMENTS = {
  candidates: `query PickCandidates($high: String!, $highFirst: Int!, $mediumOrLow: String!, $medium: String!, $none: String!) {
  high: search(type: ISSUE, query: $high, first: $highFirst) { ${ISSUE_FIELDS} }
  mediumOrLow: search(type: ISSUE, query: $mediumOrLow, first: ${PAGE_SIZE}) { ${ISSUE_FIELDS} }
  medium: search(type: ISSUE, query: $medium, first: ${PAGE_SIZE}) { ${ISSUE_FIELDS} }
  none: search(type: ISSUE, query: $none, first: ${PAGE_SIZE}) { ${ISSUE_FIELDS} }
}`,
} as const;

interface SearchItem {
  number: number;
  title: string;
  state: string;
  created_at: string;
  updated_at?: string;
  labels: Array<{ name?: string } | string>;
  assignees?: Array<{ login: string }> | null;
  assignee?: { login: string } | null;
  pull_request?: unknown;
}

/** One REST search result as the picker sees it. */
export function toIssueSummary(item: SearchItem): IssueSummary {
  const assignees = item.assignees ?? (item.assignee ? [item.assignee] : []);
  return {
    number: item.number,
    title: item.title,
    state: item.state,
    createdAt: item.created_at,
    ...(item.updated_at !== undefined ? { updatedAt: item.updated_at } : {}),
    labels: item.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter(Boolean),
    assignees: assignees.map((user) => user.login),
    isPullRequest: item.pull_request !== undefined && item.pull_request !== null,
  };
}

interface GraphqlNode {
  __typename?: string;
  number?: number;
  title?: string;
  state?: string;
  createdAt?: string;
  updatedAt?: string;
  lastEditedAt?: string | null;
  labels?: { nodes?: Array<{ name: string } | null> | null } | null;
  assignees?: { nodes?: Array<{ login: string } | null> | null } | null;
}

interface GraphqlBand {
  issueCount: number;
  nodes?: Array<GraphqlNode | null> | null;
}

/** Pure: one GraphQL search result as the picker sees it; a pull request (no issue fields asked) is marked as one. */
export function graphqlIssueSummary(node: GraphqlNode): IssueSummary | null {
  if (typeof node.number !== 'number') return null;
  return {
    number: node.number,
    title: node.title ?? '',
    state: (node.state ?? '').toLowerCase(),
    createdAt: node.createdAt ?? '',
    ...(node.updatedAt !== undefined ? { updatedAt: node.updatedAt } : {}),
    lastEditedAt: node.lastEditedAt ?? null,
    labels: (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : [])),
    assignees: (node.assignees?.nodes ?? []).flatMap((user) => (user ? [user.login] : [])),
    isPullRequest: node.__typename !== 'Issue',
  };
}

function bandResult(band: Band, answer: GraphqlBand): BandResult {
  const items = (answer.nodes ?? []).flatMap((node) => {
    const summary = node ? graphqlIssueSummary(node) : null;
    return summary ? [summary] : [];
  });
  return { band, items, totalCount: answer.issueCount };
}

export interface PickResult {
  picks: IssueSummary[];
  requests: number;
}

export async function pickNextIssues(gh: GitHub, repo: RepoRef, rules: PickRules, want: number): Promise<PickResult> {
  const repository = formatRepository(repo);
  const query = (band: Band) => candidateQuery(repository, rules, band);
  const answer: Record<'high' | 'mediumOrLow' | 'medium' | 'none', GraphqlBand> = await gh.graphql(PICK_DOCUMENTS.candidates, {
    high: query('high'),
    highFirst: Math.min(PAGE_SIZE, Math.max(want * 2, 10)),
    mediumOrLow: query('medium-or-low'),
    medium: query('medium'),
    none: query('none'),
  });
  const bands = [
    bandResult('high', answer.high),
    bandResult('medium-or-low', answer.mediumOrLow),
    bandResult('medium', answer.medium),
    bandResult('none', answer.none),
  ];
  const decision = decidePicks(bands, rules, want);
  // With every band at hand the order is always certain.
  if (decision.next !== null) throw new Error(`pick: band ${decision.next} was not searched`);
  return { picks: decision.picks, requests: 1 };
}
