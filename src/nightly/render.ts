/**
 * The nightly report as Markdown: a headline a manager reads in ten seconds, a Mermaid chart of the night,
 * then each part with links. Titles and reasons come from issues, pull requests and CI and are escaped;
 * the chart holds only fixed labels and counts. Pure.
 */
import { escapedLine } from '../core/untrusted-markdown.js';
import type { Suggestion } from '../triage/snapshot.js';
import type { NightlyFacts, NightlyPull } from './facts.js';
import { nightlyTitle } from './window.js';

export interface RenderInput {
  facts: NightlyFacts;
  repoUrl: string;
  /** Where this run's dashboard is (the run's artifacts or the Pages site); absent when none was built. */
  dashboardUrl?: string;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const money = (usd: number) => `$${usd.toFixed(2)}`;
const time = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function spendLine(spend: NightlyFacts['spend']): string {
  const runs = plural(spend.runs, 'implementation run');
  if (spend.budgetUsd === null) return `${money(spend.usd)} on model calls over ${runs} (no daily budget set: \`daily-budget-usd\`)`;
  const share = spend.budgetUsd === 0 ? '' : ` (${Math.round((spend.usd / spend.budgetUsd) * 100)}%)`;
  const over = spend.usd > spend.budgetUsd ? ' ⚠️ over budget' : '';
  return `${money(spend.usd)} of the ${money(spend.budgetUsd)} daily budget${share} over ${runs}${over}`;
}

export function nightlyChart(facts: NightlyFacts): string {
  const filed = facts.filed.reduce((sum, group) => sum + group.suggestions.length, 0);
  return [
    '```mermaid',
    'flowchart LR',
    `    picked["Issues picked: ${facts.picked.length}"]`,
    `    opened["PRs opened: ${facts.opened.length}"]`,
    `    merged["PRs merged: ${facts.merged.length}"]`,
    `    closed["PRs closed unmerged: ${facts.closedUnmerged.length}"]`,
    `    failed["Failed: ${facts.failed.length}"]`,
    `    filed["Suggestions filed: ${filed}"]`,
    `    rejected["Suggestions rejected: ${facts.rejected.length}"]`,
    '    picked --> opened',
    '    picked --> failed',
    '    opened --> merged',
    '    opened --> closed',
    '    filed --> rejected',
    '```',
  ].join('\n');
}

function reviewCell(pull: NightlyPull): string {
  if (!pull.reviews) return 'not evaluated yet';
  const mark = pull.reviews.status === 'pass' ? '✅' : pull.reviews.status === 'fail' ? '❌' : '⏳';
  return `${mark} ${escapedLine(pull.reviews.reason, 120)}`;
}

function pullRow(pull: NightlyPull, outcome: string, repoUrl: string): string {
  const issue = pull.issue === null ? '' : `[#${pull.issue}](${repoUrl}/issues/${pull.issue})`;
  const cost = pull.costUsd === null ? '' : money(pull.costUsd);
  return `| [#${pull.number}](${pull.url}) | ${escapedLine(pull.title, 80)} | ${issue} | ${outcome} | ${reviewCell(pull)} | ${cost} |`;
}

function suggestionLink(suggestion: Suggestion): string {
  return `[#${suggestion.number}](${suggestion.url}) ${escapedLine(suggestion.title, 100)}${suggestion.severity ? ` (${suggestion.severity})` : ''}`;
}

export function renderNightly(input: RenderInput): string {
  const { facts, repoUrl } = input;
  const filed = facts.filed.reduce((sum, group) => sum + group.suggestions.length, 0);
  const lines = [
    `# ${nightlyTitle(facts.window.id)}`,
    '',
    `What the agents did from ${time(facts.window.start)} to ${time(facts.window.end)}.`,
    '',
    `**${plural(facts.picked.length, 'issue')} picked · ${plural(facts.opened.length, 'PR')} opened · ${facts.merged.length} merged · ${facts.closedUnmerged.length} closed unmerged · ${facts.failed.length} failed · ${plural(filed, 'suggestion')} filed · ${facts.rejected.length} rejected**`,
    '',
    `Spend: ${spendLine(facts.spend)}.`,
    '',
  ];
  if (input.dashboardUrl) lines.push(`Dashboard: ${input.dashboardUrl}`, '');
  lines.push(nightlyChart(facts), '');

  lines.push('## Issues picked', '');
  if (facts.picked.length === 0) lines.push('No issue was picked.', '');
  else
    lines.push(
      ...facts.picked.map(
        (issue) => `- ${issue.url ? `[#${issue.number}](${issue.url})` : `#${issue.number}`} ${escapedLine(issue.title, 100)}: ${issue.outcome}`,
      ),
      '',
    );

  const pulls = [
    ...facts.merged.map((pull) => [pull, 'merged'] as const),
    ...facts.closedUnmerged.map(
      (pull) =>
        [
          pull,
          `closed unmerged${pull.failing.length > 0 ? `: ${pull.failing.map((gate) => escapedLine(`${gate.name}: ${gate.reason}`, 120)).join('; ')}` : ''}`,
        ] as const,
    ),
    ...facts.opened
      .filter((pull) => !facts.merged.some((m) => m.number === pull.number) && !facts.closedUnmerged.some((c) => c.number === pull.number))
      .map((pull) => [pull, 'opened'] as const),
  ];
  lines.push('## Pull requests', '');
  if (pulls.length === 0) lines.push('No agent pull request was opened, merged or closed.', '');
  else
    lines.push(
      '| PR | title | issue | outcome | reviews | cost |',
      '| --- | --- | --- | --- | --- | --- |',
      ...pulls.map(([pull, outcome]) => pullRow(pull, outcome, repoUrl)),
      '',
    );

  lines.push('## Failures', '');
  if (facts.failed.length === 0) lines.push('Nothing failed.', '');
  else {
    lines.push('| issue | category | reason | details |', '| --- | --- | --- | --- |');
    lines.push(
      ...facts.failed.map(
        (f) =>
          `| [#${f.number}](${f.url}) ${escapedLine(f.title, 60)} | ${escapedLine(f.category, 40)} | ${escapedLine(f.reason, 160)} | ${f.link ? `[report](${f.link})` : ''} |`,
      ),
      '',
    );
  }

  lines.push('## Review verdicts', '');
  if (facts.verdicts.length === 0) lines.push('No review verdict was recorded on a pull request touched in the window or still open.', '');
  else
    lines.push(
      '| PR | title | reviews | gate table |',
      '| --- | --- | --- | --- |',
      ...facts.verdicts.map(
        (pull) =>
          `| [#${pull.number}](${pull.url}) | ${escapedLine(pull.title, 80)} | ${reviewCell(pull)} | ${pull.gatesUrl ? `[auto-merge](${pull.gatesUrl})` : ''} |`,
      ),
      '',
    );

  lines.push('## Suggestions filed', '');
  if (facts.filed.length === 0) lines.push('No suggestion was filed.', '');
  else
    for (const group of facts.filed)
      lines.push(`**${escapedLine(group.analyst, 40)}**: ${group.suggestions.length}`, '', ...group.suggestions.map((s) => `- ${suggestionLink(s)}`), '');

  lines.push('## Rejections', '');
  if (facts.rejected.length === 0) lines.push('No suggestion was rejected.', '');
  else lines.push(...facts.rejected.map((s) => `- ${suggestionLink(s)}`), '');
  return lines.join('\n');
}
