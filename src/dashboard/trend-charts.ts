/** Which trends the dashboard draws, from the weekly rows. Pure. */
import type { ChartSpec } from './svg-chart.js';
import type { WeekRow } from './weeks.js';

const count = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const percent = (value: number): string => `${Math.round(value * 100)}%`;
const hours = (value: number): string => (value < 48 ? `${Math.round(value)} h` : `${Math.round(value / 24)} d`);
const usd = (value: number): string => `$${value < 10 ? value.toFixed(2) : Math.round(value)}`;

export function trendCharts(weeks: readonly WeekRow[]): ChartSpec[] {
  const categories = weeks.map((week) => week.week);
  const sources = [...new Set(weeks.flatMap((week) => Object.keys(week.raisedBySource)))].sort();
  return [
    {
      id: 'throughput',
      title: 'Throughput',
      description: 'Issues picked and agent pull requests opened, merged and closed without merging, per week.',
      categories,
      kind: 'bars',
      format: count,
      series: [
        { name: 'Issues picked', values: weeks.map((week) => week.picked) },
        { name: 'PRs opened', values: weeks.map((week) => week.opened) },
        { name: 'PRs merged', values: weeks.map((week) => week.merged) },
        { name: 'PRs closed unmerged', values: weeks.map((week) => week.closedUnmerged) },
      ],
    },
    {
      id: 'rates',
      title: 'Merge rate and suggestion acceptance',
      description:
        'Share of finished agent pull requests that merged, share of decided suggestions approved, and share of raised suggestions later rejected, per week.',
      categories,
      kind: 'lines',
      format: percent,
      series: [
        { name: 'Merge rate', values: weeks.map((week) => week.mergeRate) },
        { name: 'Acceptance rate', values: weeks.map((week) => week.acceptanceRate) },
        { name: 'False positives', values: weeks.map((week) => week.falsePositiveShare) },
      ],
    },
    {
      id: 'lead-time',
      title: 'Time to pull request and to merge',
      description: 'Median hours from claiming an issue to opening its pull request, and from opening to merge, per week.',
      categories,
      kind: 'lines',
      format: hours,
      series: [
        { name: 'Claim to PR (median)', values: weeks.map((week) => week.medianClaimToPrHours) },
        { name: 'PR to merge (median)', values: weeks.map((week) => week.medianPrToMergeHours) },
      ],
    },
    {
      id: 'cost',
      title: 'Model spend',
      description: 'Model spend of the pull requests opened each week and the mean cost per implementation, in US dollars.',
      categories,
      kind: 'bars',
      format: usd,
      series: [
        { name: 'Spend', values: weeks.map((week) => week.spendUsd) },
        { name: 'Cost per implementation', values: weeks.map((week) => week.costPerImplementation) },
      ],
    },
    {
      id: 'findings',
      title: 'Suggestions raised, by source',
      description: 'Suggestions the review agents and discovery analysts raised each week, per source.',
      categories,
      kind: 'bars',
      format: count,
      series: (sources.length > 0 ? sources : ['none yet']).map((source) => ({ name: source, values: weeks.map((week) => week.raisedBySource[source] ?? 0) })),
    },
  ];
}
