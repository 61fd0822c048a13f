/**
 * The report's parts that list issues: suggestions waiting for a decision (grouped by severity, then source),
 * decisions of the week and work in flight. Pure. Titles were written by agents or people and go through
 * escapedLine (src/core/untrusted-markdown.ts); logins are written without `@` so the report pings no one.
 */
import type { SuggestionSource } from '../core/contracts.js';
import type { WorkState } from '../core/issue-state.js';
import { SEVERITIES, type LabelNames, type Severity } from '../core/labels.js';
import { days } from './format.js';
import type { RecordedApproval } from './markers.js';
import { daysBetween, inPeriod, isoDay, type Period } from './period.js';
import { escapedLine } from '../core/untrusted-markdown.js';
import { suggestionStatus, type Snapshot, type Suggestion } from './snapshot.js';

export const SEVERITY_ORDER: ReadonlyArray<Severity | null> = [...SEVERITIES, null];
export const SOURCE_ORDER: readonly SuggestionSource[] = ['cto-review', 'ciso-review', 'discovery'];

const SEVERITY_TITLE: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export interface SuggestionGroup {
  severity: Severity | null;
  source: SuggestionSource;
  /** Longest waiting first: those are the decisions most overdue. */
  suggestions: Suggestion[];
}

/** Pure: the suggestions waiting for a decision, in report order; empty groups are left out. */
export function groupPending(snapshot: Snapshot, names: LabelNames): SuggestionGroup[] {
  const pending = snapshot.suggestions.filter((s) => suggestionStatus(s, names) === 'pending');
  const groups: SuggestionGroup[] = [];
  for (const severity of SEVERITY_ORDER) {
    for (const source of SOURCE_ORDER) {
      const suggestions = pending
        .filter((s) => s.severity === severity && s.source === source)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number);
      if (suggestions.length > 0) groups.push({ severity, source, suggestions });
    }
  }
  return groups;
}

function searchLink(repoUrl: string, group: SuggestionGroup, names: LabelNames): string {
  const quote = (label: string): string => `"${label}"`;
  const terms = ['is:issue', 'is:open', `label:${quote(names.agentSuggestion)}`, `label:${quote(names.needsApproval)}`];
  const severityLabels = { critical: names.severityCritical, high: names.severityHigh, medium: names.severityMedium, low: names.severityLow };
  if (group.severity) terms.push(`label:${quote(severityLabels[group.severity])}`);
  else terms.push(...Object.values(severityLabels).map((label) => `-label:${quote(label)}`));
  if (group.source === 'cto-review') terms.push(`label:${quote(names.sourceCtoReview)}`);
  else if (group.source === 'ciso-review') terms.push(`label:${quote(names.sourceCisoReview)}`);
  else terms.push(`-label:${quote(names.sourceCtoReview)}`, `-label:${quote(names.sourceCisoReview)}`);
  return `${repoUrl}/issues?q=${encodeURIComponent(terms.join(' '))}`;
}

export interface PendingOptions {
  now: Date;
  staleAfterDays: number;
  rowsPerGroup: number;
  repoUrl: string;
}

function row(suggestion: Suggestion, options: PendingOptions): string {
  const waited = daysBetween(suggestion.createdAt, options.now);
  const age = waited > options.staleAfterDays ? `**${days(waited)}** ⚠️` : days(waited);
  const seen = suggestion.prs.length > 0 ? suggestion.prs.map((pr) => `#${pr}`).join(', ') : '—';
  const n = suggestion.number;
  return `| #${n} | ${escapedLine(suggestion.title)} | ${age} | ${seen} | \`/approve #${n}\` or \`/reject #${n} <reason>\` |`;
}

export function pendingSection(groups: readonly SuggestionGroup[], names: LabelNames, options: PendingOptions): string {
  const total = groups.reduce((sum, group) => sum + group.suggestions.length, 0);
  const parts = [`## Waiting for a decision (${total})`];
  if (total === 0) return [...parts, '', 'Nothing is waiting. 🎉'].join('\n');
  for (const group of groups) {
    const severity = group.severity ? SEVERITY_TITLE[group.severity] : 'Severity not set';
    parts.push('', `### ${severity} · ${group.source} (${group.suggestions.length})`, '');
    const shown = group.suggestions.slice(0, options.rowsPerGroup);
    if (shown.length > 0) {
      parts.push('| # | Suggestion | Waiting | Seen on | To decide |', '| --- | --- | --- | --- | --- |', ...shown.map((s) => row(s, options)));
    }
    const hidden = group.suggestions.length - shown.length;
    if (hidden > 0) parts.push('', `… and ${hidden} more in this group: [list them](${searchLink(options.repoUrl, group, names)}).`);
  }
  return parts.join('\n');
}

export function decidedSection(snapshot: Snapshot, names: LabelNames, period: Period, ledger: readonly RecordedApproval[]): string {
  const approvals = ledger.filter((entry) => inPeriod(entry.at, period)).sort((a, b) => a.issue - b.issue);
  const rejections = snapshot.suggestions
    .filter((s) => suggestionStatus(s, names) === 'rejected' && inPeriod(s.closedAt, period))
    .sort((a, b) => a.number - b.number);
  const titles = new Map(snapshot.suggestions.map((s) => [s.number, s.title]));
  const lines = [
    ...approvals.map((entry) => {
      const title = titles.get(entry.issue);
      return `- ✅ #${entry.issue}${title ? ` ${escapedLine(title)}` : ''}: approved ${entry.by ? `by ${entry.by}` : 'by hand'}, ${isoDay(new Date(entry.at))}`;
    }),
    ...rejections.map((s) => `- ❌ #${s.number} ${escapedLine(s.title)}: rejected, ${isoDay(new Date(s.closedAt ?? ''))}`),
  ];
  return ['## Decided this week', '', lines.length > 0 ? lines.join('\n') : 'No decisions yet this week.'].join('\n');
}

const STATE_TITLE: Record<Exclude<WorkState, 'done'>, string> = {
  'in-progress': 'In progress',
  'needs-clarification': 'Waiting for answers (needs clarification)',
  'spec-review': 'Waiting for SPEC approval',
  'pr-open': 'Pull request open',
  failed: 'Failed, needs a human',
};

const LIST_LIMIT = 20;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  return items.length > LIST_LIMIT ? `${shown}, … and ${items.length - LIST_LIMIT} more` : shown;
}

export function inFlightSection(snapshot: Snapshot, now: Date, staleClaimHours: number): string {
  const lines: string[] = [];
  for (const state of Object.keys(STATE_TITLE) as Array<keyof typeof STATE_TITLE>) {
    const issues = snapshot.roadmap.filter((issue) => issue.state === state).sort((a, b) => a.number - b.number);
    if (issues.length === 0) continue;
    lines.push(`- **${STATE_TITLE[state]} (${issues.length}):** ${listed(issues.map((issue) => `#${issue.number} ${escapedLine(issue.title, 60)}`))}`);
  }
  // implement reclaims an in-progress issue whose run is gone; an issue untouched this long is probably one.
  const stale = snapshot.roadmap.filter((issue) => issue.state === 'in-progress' && now.getTime() - Date.parse(issue.updatedAt) >= staleClaimHours * 3_600_000);
  if (stale.length > 0)
    lines.push(`- **Claims with no activity for ${staleClaimHours} h or more (${stale.length}):** ${listed(stale.map((issue) => `#${issue.number}`))}`);
  const awaiting = snapshot.pulls.filter((pull) => pull.open).sort((a, b) => a.number - b.number);
  if (awaiting.length > 0) {
    lines.push(
      `- **Agent pull requests awaiting review or merge (${awaiting.length}):** ${listed(awaiting.map((pull) => `#${pull.number} (${days(daysBetween(pull.createdAt, now))})`))}`,
    );
  }
  const queued = snapshot.roadmap.filter((issue) => issue.state === null).length;
  lines.push(`- **Roadmap issues not started yet:** ${queued}`);
  return ['## Work in flight', '', ...lines].join('\n');
}
