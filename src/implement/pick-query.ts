/**
 * The picker's reads: label-filtered, oldest-first searches by priority band, stopping as soon as the order
 * is certain (decidePicks). Search rather than the issues list, because exclusions (`-label:`, `no:assignee`)
 * are applied by GitHub, so the cost does not grow with the number of excluded or unrelated issues: one
 * request when a high-priority candidate exists, at most three otherwise, whatever the size of the backlog.
 */
import type { GitHub } from '../core/github.js';
import { formatRepository, type RepoRef } from '../core/repo.js';
import { candidateQuery, decidePicks, type BandResult, type IssueSummary, type PickRules } from './pick.js';

const PAGE_SIZE = 100;

interface SearchItem {
  number: number;
  title: string;
  state: string;
  created_at: string;
  labels: Array<{ name?: string } | string>;
  assignees?: Array<{ login: string }> | null;
  assignee?: { login: string } | null;
  pull_request?: unknown;
}

export function toIssueSummary(item: SearchItem): IssueSummary {
  const assignees = item.assignees ?? (item.assignee ? [item.assignee] : []);
  return {
    number: item.number,
    title: item.title,
    state: item.state,
    createdAt: item.created_at,
    labels: item.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter(Boolean),
    assignees: assignees.map((user) => user.login),
    isPullRequest: item.pull_request !== undefined && item.pull_request !== null,
  };
}

export interface PickResult {
  picks: IssueSummary[];
  requests: number;
}

export async function pickNextIssues(gh: GitHub, repo: RepoRef, rules: PickRules, want: number): Promise<PickResult> {
  const bands: BandResult[] = [];
  let requests = 0;
  for (;;) {
    const decision = decidePicks(bands, rules, want);
    if (decision.next === null) return { picks: decision.picks, requests };
    const band = decision.next;
    const { data } = await gh.rest.search.issuesAndPullRequests({
      q: candidateQuery(formatRepository(repo), rules, band),
      sort: 'created',
      order: 'asc',
      per_page: band === 'high' ? Math.min(PAGE_SIZE, Math.max(want * 2, 10)) : PAGE_SIZE,
    });
    requests += 1;
    bands.push({ band, items: (data.items as SearchItem[]).map(toIssueSummary), totalCount: data.total_count });
  }
}
