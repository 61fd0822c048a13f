/**
 * Which issue is next: open issues carrying the candidate labels, without a suggestion
 * label or any agent state, unassigned (the bot itself does not count), not pull requests; ordered
 * priority-high → -medium → -low → none, then oldest first. Pure: the search narrows the list on the server,
 * and every result is checked again here, since a search index can lag a label change by seconds.
 */

export interface IssueSummary {
  number: number;
  title: string;
  labels: string[];
  assignees: string[];
  createdAt: string;
  state: string;
  isPullRequest: boolean;
  /** When the issue last changed in any way, as the search saw it (absent: not read). */
  updatedAt?: string;
  /** When the body was last edited (null: never; absent: not read). GitHub keeps no event for a body edit. */
  lastEditedAt?: string | null;
}

export interface PickRules {
  candidateLabels: readonly string[];
  excludedLabels: readonly string[];
  priorityLabels: { high: string; medium: string; low: string };
  botLogin: string;
}

export type PriorityLevel = 'high' | 'medium' | 'low' | 'none';
export const PRIORITY_ORDER: readonly PriorityLevel[] = ['high', 'medium', 'low', 'none'];

function lowerSet(names: readonly string[]): Set<string> {
  return new Set(names.map((name) => name.toLowerCase()));
}

export function priorityOf(labels: readonly string[], rules: PickRules): PriorityLevel {
  const present = lowerSet(labels);
  if (present.has(rules.priorityLabels.high.toLowerCase())) return 'high';
  if (present.has(rules.priorityLabels.medium.toLowerCase())) return 'medium';
  if (present.has(rules.priorityLabels.low.toLowerCase())) return 'low';
  return 'none';
}

/** Why an issue may not be picked, or null when it may. */
export function notCandidateBecause(issue: IssueSummary, rules: PickRules): string | null {
  if (issue.isPullRequest) return 'it is a pull request';
  if (issue.state !== 'open') return 'it is closed';
  const present = lowerSet(issue.labels);
  const missing = rules.candidateLabels.filter((label) => !present.has(label.toLowerCase()));
  if (missing.length > 0) return `it lacks the label${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  const excluded = rules.excludedLabels.filter((label) => present.has(label.toLowerCase()));
  if (excluded.length > 0) return `it is labelled ${excluded.join(', ')}`;
  const humans = issue.assignees.filter((login) => login.toLowerCase() !== rules.botLogin.toLowerCase());
  if (humans.length > 0) return `it is assigned to ${humans.join(', ')}`;
  return null;
}

/** Candidates in the order they should be taken. Ties on creation time fall back to the issue number. */
export function rankCandidates(issues: readonly IssueSummary[], rules: PickRules): IssueSummary[] {
  const unique = [...new Map(issues.map((issue) => [issue.number, issue])).values()];
  return unique
    .filter((issue) => notCandidateBecause(issue, rules) === null)
    .sort((a, b) => {
      const byPriority = PRIORITY_ORDER.indexOf(priorityOf(a.labels, rules)) - PRIORITY_ORDER.indexOf(priorityOf(b.labels, rules));
      if (byPriority !== 0) return byPriority;
      if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
      return a.number - b.number;
    });
}

function quoted(label: string): string {
  return `"${label.replace(/"/g, '')}"`;
}

/**
 * The search bands. `medium-or-low` uses GitHub's documented OR form (`label:"a","b"`): one page of it settles
 * both bands unless more than a page of them exist and the oldest page holds no medium one; only then does the
 * `medium` page count. `none` is everything without a priority label.
 */
export type Band = 'high' | 'medium-or-low' | 'medium' | 'none';

export function candidateQuery(repository: string, rules: PickRules, band: Band): string {
  const parts = [`repo:${repository}`, 'is:issue', 'is:open', 'no:assignee'];
  for (const label of rules.candidateLabels) parts.push(`label:${quoted(label)}`);
  for (const label of rules.excludedLabels) parts.push(`-label:${quoted(label)}`);
  const { high, medium, low } = rules.priorityLabels;
  switch (band) {
    case 'high':
      parts.push(`label:${quoted(high)}`);
      break;
    case 'medium-or-low':
      parts.push(`label:${quoted(medium)},${quoted(low)}`, `-label:${quoted(high)}`);
      break;
    case 'medium':
      parts.push(`label:${quoted(medium)}`, `-label:${quoted(high)}`);
      break;
    case 'none':
      parts.push(`-label:${quoted(high)}`, `-label:${quoted(medium)}`, `-label:${quoted(low)}`);
      break;
  }
  // Oldest first: GitHub's search sorts by the query's `sort:` qualifier (GraphQL's search has no sort argument).
  parts.push('sort:created-asc');
  return parts.join(' ');
}

export interface BandResult {
  band: Band;
  items: IssueSummary[];
  /** How many issues matched in all, beyond this page. */
  totalCount: number;
}

/**
 * Pure: given the bands searched so far, the picks and the band to search next (null: the order is certain).
 * Every search is sorted oldest first, so a page holds the oldest matches: the first medium issue on a
 * `medium-or-low` page is the oldest medium one overall, and so are its low ones, since anything older would
 * be on the page. It needs high; medium-or-low; then medium (when the page is full and holds no medium issue)
 * or none (when there is no medium or low issue at all). The pick asks all four at once (pick-query.ts), so
 * `next` is null there; asked with fewer, it names the band still missing.
 */
export function decidePicks(bands: readonly BandResult[], rules: PickRules, want: number): { picks: IssueSummary[]; next: Band | null } {
  const byBand = new Map(bands.map((band) => [band.band, band]));
  const picks: IssueSummary[] = [];
  const add = (items: readonly IssueSummary[]) => {
    for (const issue of rankCandidates(items, rules)) if (picks.length < want && !picks.some((p) => p.number === issue.number)) picks.push(issue);
  };
  const high = byBand.get('high');
  if (!high) return { picks, next: 'high' };
  add(high.items);
  if (picks.length >= want) return { picks, next: null };

  const mixed = byBand.get('medium-or-low');
  if (!mixed) return { picks, next: 'medium-or-low' };
  const ranked = rankCandidates(mixed.items, rules);
  const mediums = ranked.filter((issue) => priorityOf(issue.labels, rules) === 'medium');
  const lows = ranked.filter((issue) => priorityOf(issue.labels, rules) === 'low');
  const complete = mixed.totalCount <= mixed.items.length;
  if (!complete && mediums.length < want - picks.length) {
    const medium = byBand.get('medium');
    if (!medium) return { picks, next: 'medium' };
    add(medium.items);
  }
  add(mediums);
  add(lows);
  if (picks.length >= want) return { picks, next: null };

  const none = byBand.get('none');
  if (!none) return { picks, next: 'none' };
  add(none.items);
  return { picks, next: null };
}
