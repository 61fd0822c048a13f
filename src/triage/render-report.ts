/**
 * The weekly report issue's body and the job summary. Pure. The body holds nothing that changes between
 * two runs on the same data (no time of day; the one run link, to the dashboard, is left out when comparing),
 * so a rerun writes nothing.
 */
import { WORK_STATES, type WorkState } from '../core/issue-state.js';
import type { LabelNames } from '../core/labels.js';
import { outcomePie, stateFlow } from './charts.js';
import { duration, percent, usd } from './format.js';
import type { RecordedApproval } from './markers.js';
import type { Metrics, WindowMetrics } from './metrics.js';
import { daysBetween, inPeriod, isoDay, type Period } from './period.js';
import { decidedSection, groupPending, inFlightSection, pendingSection, type SuggestionGroup } from './render-sections.js';
import { dashboardLine } from './report-issue.js';
import type { Snapshot } from './snapshot.js';

/** GitHub refuses issue bodies over 65,536 characters; leave room for the marker. */
export const MAX_BODY_CHARS = 60_000;
const ROW_LIMITS = [50, 25, 10, 5, 2, 0];

export interface ReportInput {
  period: Period;
  now: Date;
  snapshot: Snapshot;
  names: LabelNames;
  metrics: Metrics;
  ledger: readonly RecordedApproval[];
  staleAfterDays: number;
  staleClaimHours: number;
  /** e.g. https://github.com/acme/widgets, for search links. */
  repoUrl: string;
  /** Where this run's dashboard is (the run's artifacts or the Pages site); absent when none was built. */
  dashboardUrl?: string;
  /** Why the nightly reports (discussions) could not be listed, with where to find them. */
  nightlyNote?: string;
}

/** The nightly reports of the week, oldest first, each one link. */
export function nightlySection(input: Pick<ReportInput, 'snapshot' | 'period' | 'nightlyNote'>): string {
  const nights = input.snapshot.nightly
    .filter((night) => night.day !== null && inPeriod(`${night.day}T12:00:00Z`, input.period))
    .sort((a, b) => (a.day ?? '').localeCompare(b.day ?? '') || a.number - b.number);
  const seen = new Set<string>();
  const links = nights.filter((night) => !seen.has(night.day ?? '') && seen.add(night.day ?? '')).map((night) => `[${night.day}](${night.url})`);
  const text =
    links.length === 0
      ? (input.nightlyNote ?? 'No nightly report this week.')
      : [links.join(' · '), ...(input.nightlyNote ? ['', input.nightlyNote] : [])].join('\n');
  return ['## Nightly reports', '', text].join('\n');
}

function howToDecide(names: LabelNames): string {
  return [
    '## How to decide',
    '',
    'Comment on a suggestion, or here naming it (one command per line; many lines in one comment are fine):',
    '',
    `- \`/approve\`, or \`/approve high\` / \`medium\` / \`low\`: adds \`${names.roadmap}\` and the priority (by default from the severity: critical and high → high), removes \`${names.needsApproval}\`. Here: \`/approve #12 low\`.`,
    '- `/reject <reason>`: closes the suggestion as not planned with your reason quoted; the review agents will not raise it again. A reason is required. Here: `/reject #12 duplicate of #7`.',
    '',
    `Only people with write access decide. A \`${names.roadmap}\` label added by hand counts when someone with write access added it (the issue's events say who), and so does closing a suggestion as not planned; the next run records it.`,
  ].join('\n');
}

function cell(week: string, allTime: string): string {
  return `${week} | ${allTime}`;
}

function metricsTable(metrics: Metrics): string {
  const w: WindowMetrics = metrics.week;
  const a: WindowMetrics = metrics.allTime;
  const rows: Array<[string, string, string]> = [
    ['Agent pull requests opened', cell(String(w.prsOpened), String(a.prsOpened)), ''],
    ['… merged', cell(String(w.prsMerged), String(a.prsMerged)), ''],
    ['… closed without merging', cell(String(w.prsClosedUnmerged), String(a.prsClosedUnmerged)), ''],
    [
      'Merge rate',
      cell(percent(w.mergeRate, w.prsMerged, w.prsMerged + w.prsClosedUnmerged), percent(a.mergeRate, a.prsMerged, a.prsMerged + a.prsClosedUnmerged)),
      '> 70%',
    ],
    ['Suggestions approved', cell(String(w.approved), String(a.approved)), ''],
    ['Suggestions rejected', cell(String(w.rejected), String(a.rejected)), ''],
    [
      'Acceptance rate',
      cell(percent(w.acceptanceRate, w.approved, w.approved + w.rejected), percent(a.acceptanceRate, a.approved, a.approved + a.rejected)),
      '> 50%',
    ],
    ['False positives (share of suggestions raised that were rejected)', cell(percent(w.falsePositiveShare), percent(a.falsePositiveShare)), '< 20%'],
    ['Implementations failed (in `agent:failed` now)', cell('—', String(metrics.failedNow)), ''],
    ['Cost per implementation', cell(usd(w.costPerImplementation), usd(a.costPerImplementation)), '< $1'],
    ['Cost per review', cell('not read', 'not read'), '< $0.10'],
    ['Median time from claim to pull request', cell(duration(w.medianClaimToPrMs), duration(a.medianClaimToPrMs)), ''],
    ['Median time from pull request to merge', cell(duration(w.medianPrToMergeMs), duration(a.medianPrToMergeMs)), ''],
  ];
  return [
    '| Metric | This week | All time | Target |',
    '| --- | --- | --- | --- |',
    ...rows.map(([name, values, target]) => `| ${name} | ${values} | ${target} |`),
    '',
    "Costs come from the marker implement writes in each pull request's body. Cost per review is not read: it sits in each review's comment, one request per pull request, more than this report's budget of reads.",
  ].join('\n');
}

function stateCounts(input: ReportInput): Parameters<typeof stateFlow>[0] {
  const states = Object.fromEntries(WORK_STATES.map((state) => [state, 0])) as Record<WorkState, number>;
  for (const issue of input.snapshot.roadmap) if (issue.state) states[issue.state]++;
  // Done issues are closed and not listed; each merged agent pull request is one.
  states.done = input.metrics.allTime.prsMerged;
  const { outcomes } = input.metrics;
  return {
    suggested: input.snapshot.suggestions.length,
    waiting: outcomes.pending,
    rejected: outcomes.rejected,
    queued: input.snapshot.roadmap.filter((issue) => issue.state === null).length,
    states,
  };
}

function metricsSection(input: ReportInput): string {
  const pie = outcomePie(input.metrics.outcomes);
  return ['## Metrics', '', metricsTable(input.metrics), '', ...(pie ? [pie, ''] : []), stateFlow(stateCounts(input))].join('\n');
}

function headline(input: ReportInput, groups: readonly SuggestionGroup[]): string {
  const waiting = groups.flatMap((group) => group.suggestions);
  const overdue = waiting.filter((s) => daysBetween(s.createdAt, input.now) > input.staleAfterDays).length;
  const last = new Date(input.period.end.getTime() - 1);
  return [
    `Week ${input.period.id}: ${isoDay(input.period.start)} to ${isoDay(last)} (UTC).`,
    '',
    `**${waiting.length} suggestion${waiting.length === 1 ? '' : 's'} waiting for a decision**` +
      (overdue > 0 ? `, ${overdue} of them for more than ${input.staleAfterDays} days (⚠️).` : '.') +
      ` Approved this week: ${input.metrics.week.approved}; rejected: ${input.metrics.week.rejected}.`,
  ].join('\n');
}

/** Pure: the report body (without its marker), with as many rows per group as fit GitHub's size limit. */
export function renderReport(input: ReportInput): string {
  const groups = groupPending(input.snapshot, input.names);
  const fixed = {
    head: headline(input, groups),
    how: howToDecide(input.names),
    decided: decidedSection(input.snapshot, input.names, input.period, input.ledger),
    flight: inFlightSection(input.snapshot, input.now, input.staleClaimHours),
    metrics: metricsSection(input),
    nightly: nightlySection(input),
  };
  const head = input.dashboardUrl ? `${fixed.head}\n\n${dashboardLine(input.dashboardUrl)}` : fixed.head;
  let body = '';
  for (const rowsPerGroup of ROW_LIMITS) {
    const pending = pendingSection(groups, input.names, { now: input.now, staleAfterDays: input.staleAfterDays, rowsPerGroup, repoUrl: input.repoUrl });
    body = [head, fixed.how, pending, fixed.decided, fixed.flight, fixed.metrics, fixed.nightly].join('\n\n');
    if (body.length <= MAX_BODY_CHARS) break;
  }
  return `${body}\n`;
}
