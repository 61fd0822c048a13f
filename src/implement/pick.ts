/**
 * Which issue is next (DESIGN section 5): open issues carrying the candidate labels, without a suggestion
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
 * The search query for candidates of one priority band. `rest` is everything without high or medium priority
 * (low and none together, oldest first), which lets one page settle both of the last two bands in the usual case.
 */
export function candidateQuery(repository: string, rules: PickRules, band: 'high' | 'medium' | 'low' | 'rest'): string {
  const parts = [`repo:${repository}`, 'is:issue', 'is:open', 'no:assignee'];
  for (const label of rules.candidateLabels) parts.push(`label:${quoted(label)}`);
  for (const label of rules.excludedLabels) parts.push(`-label:${quoted(label)}`);
  if (band === 'rest') parts.push(`-label:${quoted(rules.priorityLabels.high)}`, `-label:${quoted(rules.priorityLabels.medium)}`);
  else parts.push(`label:${quoted(rules.priorityLabels[band])}`);
  return parts.join(' ');
}

export interface BandResult {
  band: 'high' | 'medium' | 'low' | 'rest';
  items: IssueSummary[];
  /** How many issues matched in all, beyond this page. */
  totalCount: number;
}

/**
 * Pure: given the bands searched so far (in order high, medium, rest, low), the picks and whether another
 * search is needed to be sure of the order. `rest` lists low and unprioritised candidates together, oldest
 * first: when it holds a low one, the first is the oldest low candidate overall; when it holds every match
 * (total ≤ page), it settles both bands; otherwise a low-only search is needed.
 */
export function decidePicks(
  bands: readonly BandResult[],
  rules: PickRules,
  want: number,
): { picks: IssueSummary[]; next: 'high' | 'medium' | 'rest' | 'low' | null } {
  const byBand = new Map(bands.map((band) => [band.band, band]));
  const picks: IssueSummary[] = [];
  const add = (items: readonly IssueSummary[]) => {
    for (const issue of rankCandidates(items, rules)) if (picks.length < want && !picks.some((p) => p.number === issue.number)) picks.push(issue);
  };
  for (const band of ['high', 'medium'] as const) {
    const result = byBand.get(band);
    if (!result) return { picks, next: band };
    add(result.items);
    // A band with more matches than fit on the page can still fill `want` from the page alone.
    if (picks.length >= want) return { picks, next: null };
  }
  const rest = byBand.get('rest');
  if (!rest) return { picks, next: 'rest' };
  const ranked = rankCandidates(rest.items, rules);
  const lows = ranked.filter((issue) => priorityOf(issue.labels, rules) === 'low');
  const complete = rest.totalCount <= rest.items.length;
  const low = byBand.get('low');
  if (!complete && !low && lows.length < want - picks.length) return { picks: [...picks, ...lows].slice(0, want), next: 'low' };
  add(lows);
  if (low) add(low.items);
  add(ranked.filter((issue) => priorityOf(issue.labels, rules) === 'none'));
  return { picks, next: null };
}
