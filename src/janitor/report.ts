/**
 * Pure: the janitor's pull request body and job summary. Kept updates with the test run that passed, reverted
 * ones with the first failing test and the trimmed output, majors left as suggestions, what was not tried.
 * Package names and tool output are untrusted: names go in code spans, output in fences.
 */
import { JANITOR_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import { codeBlock, inlineCode } from '../core/untrusted-markdown.js';
import type { ChangelogSummary } from './changelog-summary.js';
import type { NotAttempted, UpdateResult } from './update-loop.js';
import type { MajorSuggestion, PlannedUpdate } from './types.js';

export interface JanitorReport {
  /** The commit the updates were tested on. */
  baseSha: string;
  testCommand: string;
  isolation: string;
  results: UpdateResult[];
  notAttempted: NotAttempted[];
  majors: MajorSuggestion[];
  /** Suggestion issue numbers by package name, when filed. */
  majorIssues: ReadonlyMap<string, number>;
  skipped: Array<{ name: string; from: string; to: string; reason: string }>;
  notes: string[];
  week: string;
  /** Model-written summaries of the kept updates' changelogs (input changelog-summary), in the order kept. */
  changelogSummaries?: ChangelogSummary[];
}

function version(update: Pick<PlannedUpdate, 'from' | 'to'>): string {
  return `${inlineCode(update.from, 40)} → ${inlineCode(update.to, 40)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function keptOf(report: Pick<JanitorReport, 'results'>): Array<Extract<UpdateResult, { status: 'kept' }>> {
  return report.results.filter((result): result is Extract<UpdateResult, { status: 'kept' }> => result.status === 'kept');
}

export function revertedOf(report: Pick<JanitorReport, 'results'>): Array<Extract<UpdateResult, { status: 'reverted' }>> {
  return report.results.filter((result): result is Extract<UpdateResult, { status: 'reverted' }> => result.status === 'reverted');
}

export function commitMessage(update: Pick<PlannedUpdate, 'name' | 'from' | 'to'>): string {
  return `chore(deps): bump ${update.name} from ${update.from} to ${update.to}`;
}

function sections(report: JanitorReport): string[] {
  const kept = keptOf(report);
  const reverted = revertedOf(report);
  const lines: string[] = [];
  lines.push(`### Kept (${kept.length})`, '');
  if (kept.length === 0) lines.push('None.');
  else {
    lines.push('| Package | Version | Step | Evidence |', '| --- | --- | --- | --- |');
    for (const result of kept) {
      lines.push(
        `| ${inlineCode(result.update.name)} | ${version(result.update)} | ${result.update.kind} | tests passed in ${seconds(result.testMs)}; one commit, ${result.files.map((file) => inlineCode(file.path)).join(', ')} |`,
      );
    }
  }
  lines.push('', `### Reverted (${reverted.length})`, '');
  if (reverted.length === 0) lines.push('None.');
  for (const result of reverted) {
    lines.push(
      `- ${inlineCode(result.update.name)} ${version(result.update)}: ${result.stage === 'tests' ? 'the tests failed' : result.stage === 'install' ? 'the install failed' : 'the package manager could not make the update'}${result.failingTest ? `; first failing test ${inlineCode(result.failingTest, 120)}` : ''}. Restored byte for byte: ${result.restored.map((file) => `${inlineCode(file.path)} (sha256 ${inlineCode(file.sha256.slice(0, 12), 20)})`).join(', ')}. [Changelog](${result.update.changelog})`,
    );
    lines.push(
      '',
      '  <details><summary>Output</summary>',
      '',
      codeBlock(result.output)
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
      '',
      '  </details>',
      '',
    );
  }
  if (report.changelogSummaries && report.changelogSummaries.length > 0) lines.push('', ...summarySection(report.changelogSummaries));
  if (report.majors.length > 0) {
    lines.push('', `### Major versions left for a person (${report.majors.length})`, '');
    for (const major of report.majors) {
      const issue = report.majorIssues.get(major.name);
      lines.push(`- ${inlineCode(major.name)} ${version(major)}: [changelog](${major.changelog})${issue ? `, suggestion #${issue}` : ''}`);
    }
  }
  if (report.notAttempted.length > 0) {
    lines.push('', `### Left for next week (${report.notAttempted.length})`, '');
    const reasons = [...new Set(report.notAttempted.map((item) => item.reason))];
    lines.push(`Not tried this run: ${reasons.join('; ')}. The next run tries them again.`, '');
    for (const item of report.notAttempted)
      lines.push(`- ${inlineCode(item.update.name)} ${version(item.update)} (${item.update.kind}). [Changelog](${item.update.changelog})`);
  }
  const unchanged = report.results.filter((result) => result.status === 'unchanged');
  if (unchanged.length + report.skipped.length > 0) {
    lines.push('', '### Not updated', '');
    for (const item of unchanged) lines.push(`- ${inlineCode(item.update.name)} ${version(item.update)}: ${item.reason}`);
    for (const item of report.skipped) lines.push(`- ${inlineCode(item.name)} ${version(item)}: ${item.reason}`);
  }
  for (const note of report.notes) lines.push('', `_${note}_`);
  return lines;
}

function summarySection(summaries: readonly ChangelogSummary[]): string[] {
  const lines = [
    '### What changed (changelog summaries)',
    '',
    '_Written by a model from the changelog each package ships, read as data; check the changelog before relying on a summary._',
    '',
  ];
  for (const summary of summaries) {
    const head = `- ${inlineCode(summary.name)} ${version(summary)}`;
    if (summary.status === 'written') lines.push(`${head}: ${summary.text} (from ${inlineCode(summary.source, 200)})`);
    else if (summary.status === 'no-changelog') lines.push(`${head}: no changelog entries in the installed package, so no summary.`);
    else lines.push(`${head}: summary skipped: ${summary.reason}.`);
  }
  return lines;
}

export function pullBody(report: JanitorReport, runUrl: string | undefined): string {
  const kept = keptOf(report);
  return [
    `The weekly dependency janitor tried each outdated package on its own on ${inlineCode(report.baseSha.slice(0, 12), 20)}: update, install, ${inlineCode(report.testCommand, 120)} (${report.isolation}). What passed is kept, one commit per package; what failed was restored and is listed with its failing test.`,
    '',
    ...sections(report),
    '',
    `_Opened by the agentic-workflow janitor${runUrl ? ` ([run](${runUrl}))` : ''}. It goes through both reviews and the auto-merge gates like any agent pull request._`,
    '',
    writeMarker(JANITOR_MARKER_KIND, {
      week: report.week,
      base: report.baseSha,
      kept: kept.map((result) => `${result.update.name}@${result.update.to}`),
      reverted: revertedOf(report).map((result) => `${result.update.name}@${result.update.to}`),
    }),
  ].join('\n');
}

export function jobSummary(report: JanitorReport, headline: string): string {
  return [
    `## Janitor`,
    '',
    headline,
    '',
    `Tests: ${inlineCode(report.testCommand, 120)} (${report.isolation}), base ${inlineCode(report.baseSha.slice(0, 12), 20)}.`,
    '',
    ...sections(report),
  ].join('\n');
}
