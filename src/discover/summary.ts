/** The job summary of a discover run: per analyst what it read and found, then what was filed and why the rest was not. Pure. */
import { escapedLine, untrustedLine } from '../core/untrusted-markdown.js';
import type { AnalystReport } from './candidate.js';
import type { DiscoveryAction } from './plan.js';

export interface SummaryInput {
  reports: readonly AnalystReport[];
  actions: readonly DiscoveryAction[];
  filed: ReadonlyMap<string, number>;
  dryRun: boolean;
  maxNewIssues: number;
  repoUrl: string;
  /** The labels a candidate is filed with (shown for each issue a dry run would file). */
  labelsFor?: (candidate: DiscoveryAction['candidate']) => string[];
}

/** A dry run shows each issue it would file in full: title, labels and body, so nothing is a surprise later. */
function wouldFile(input: SummaryInput): string[] {
  const creates = input.actions.filter((action) => action.kind === 'create');
  if (!input.dryRun || creates.length === 0) return [];
  return [
    '### What would be filed',
    '',
    ...creates.flatMap(({ candidate }) => [
      `<details><summary>${escapedLine(candidate.title, 200)}</summary>`,
      '',
      ...(input.labelsFor
        ? [
            `Labels: ${input
              .labelsFor(candidate)
              .map((label) => `\`${label}\``)
              .join(', ')}`,
            '',
          ]
        : []),
      candidate.body.trimEnd(),
      '',
      '</details>',
      '',
    ]),
  ];
}

function row(action: DiscoveryAction, input: SummaryInput): string {
  const { candidate } = action;
  const issue = (n: number) => `[#${n}](${input.repoUrl}/issues/${n})`;
  const what =
    action.kind === 'create'
      ? input.dryRun
        ? 'would file'
        : `filed ${issue(input.filed.get(candidate.fingerprint) ?? 0)}`
      : action.kind === 'known'
        ? `already open as ${issue(action.issue.number)}`
        : action.kind === 'rejected'
          ? `rejected before in ${issue(action.issue.number)}: not filed again`
          : `over tonight's cap of ${input.maxNewIssues}: next night`;
  return `| ${candidate.analyst} | ${candidate.severity} | ${escapedLine(candidate.title, 140)} | ${what} |`;
}

export function renderSummary(input: SummaryInput): string {
  const lines = [`## agentic-workflow discover${input.dryRun ? ' (dry run: nothing was filed)' : ''}`, ''];
  for (const report of input.reports) {
    lines.push(
      `### ${report.analyst}${report.status === 'incomplete' ? ' (incomplete)' : ''}`,
      '',
      ...report.notes.map((note) => `- ${untrustedLine(note, 400)}`),
      '',
    );
  }
  if (input.actions.length === 0) {
    lines.push('No candidates tonight.', '');
    return lines.join('\n');
  }
  lines.push(
    '### Candidates',
    '',
    '| analyst | severity | title | outcome |',
    '| --- | --- | --- | --- |',
    ...input.actions.map((action) => row(action, input)),
    '',
    ...wouldFile(input),
  );
  return lines.join('\n');
}
