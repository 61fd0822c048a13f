/** The job summary of an implement run (pure): what happened to each issue, what it cost, what was skipped. */
import { formatUsd } from '../core/markdown.js';
import type { Bundle } from './bundle/bundle-schema.js';
import type { InstallReport } from './install/index.js';
import { inlineCode } from '../core/untrusted-markdown.js';
import { codeBlock, inline, tail } from './render.js';
import type { IssueResult } from './result.js';

export interface SummaryInput {
  heading: string;
  results: readonly IssueResult[];
  costUsd: number;
  notes?: readonly string[];
}

export function renderSummary(input: SummaryInput): string {
  const parts = [`## agentic-workflow implement: ${input.heading}`, ''];
  for (const result of input.results) parts.push(...(result.details.length > 0 ? result.details : [`- ${inline(result.message, 500)}`]));
  if (input.results.length === 0) parts.push('- nothing to do');
  if (input.notes && input.notes.length > 0) parts.push('', ...input.notes.map((note) => `- ${note}`));
  parts.push('', `Model spend in this run: ${formatUsd(input.costUsd)}.`);
  return `${parts.join('\n')}\n`;
}

/** Pure: the dry-run report of a bundle: what publish would have written. */
export function wouldPublish(bundle: Bundle): IssueResult {
  return withInstall(previewOf(bundle), bundle);
}

function previewOf(bundle: Bundle): IssueResult {
  const number = bundle.issue.number;
  const { outcome } = bundle;
  switch (outcome.kind) {
    case 'pull-request':
      return {
        status: 'opened',
        issueNumber: number,
        branch: outcome.branch,
        message: `dry run: would open a pull request for #${number} on ${outcome.branch}`,
        details: [
          `- **#${number}**: would push \`${outcome.branch}\` and open a pull request (dry run, nothing written). Tests ${outcome.test.ran ? (outcome.test.passed ? 'passed' : 'failed') : 'did not run'}.`,
          ...outcome.files.map((file) => `  - ${file.action} ${inlineCode(file.path, 300)}`),
        ],
      };
    case 'questions':
      return {
        status: 'needs-clarification',
        issueNumber: number,
        message: `dry run: would ask ${outcome.questions.length} question(s) on #${number}`,
        details: [`- **#${number}**: would ask (dry run):`, ...outcome.questions.map((question, index) => `  ${index + 1}. ${inline(question)}`)],
      };
    case 'spec':
      return {
        status: 'awaiting-spec-approval',
        issueNumber: number,
        message: `dry run: would post a SPEC on #${number}`,
        details: [`- **#${number}**: would post a SPEC touching ${outcome.plan.files.map((file) => inlineCode(file.path, 300)).join(', ')} (dry run)`],
      };
    case 'failure':
      return {
        status: 'failed',
        issueNumber: number,
        message: `dry run: #${number} would fail: ${inline(outcome.reason, 300)}`,
        details: [
          `- **#${number}**: would be marked failed (dry run): ${inline(outcome.title)}: ${inline(outcome.reason, 500)}`,
          ...(outcome.problems ?? []).map((problem) => `  - ${inline(problem)}`),
        ],
      };
    case 'spec-rejected':
      return {
        status: 'failed',
        issueNumber: number,
        message: `dry run: #${number}'s SPEC was rejected by @${outcome.by}`,
        details: [`- **#${number}**: SPEC rejected by @${outcome.by} (dry run)`],
      };
    case 'no-work':
      return { status: 'no-work', issueNumber: number, message: outcome.reason, details: [`- ${outcome.reason}`] };
    case 'resume':
      return {
        status: 'opened',
        issueNumber: number,
        branch: outcome.branch,
        message: `dry run: would finish the pull request for #${number} from ${outcome.branch} at ${outcome.commit.slice(0, 7)}`,
        details: [
          `- **#${number}**: would finish the pull request recorded on the issue (\`${outcome.branch}\` at \`${outcome.commit.slice(0, 7)}\`) without the model (dry run, nothing written)`,
        ],
      };
  }
}

/** Pure: what the propose job hands on, for its summary. */
export function proposedReport(bundle: Bundle, path: string): IssueResult {
  const preview = wouldPublish(bundle);
  return {
    ...preview,
    message: `bundle for #${bundle.issue.number} (${bundle.outcome.kind}) written to ${path}`,
    details: [`- bundle \`${path}\` (${bundle.outcome.kind}) for the publish job:`, ...preview.details.map((line) => `  ${line}`)],
  };
}

/** Pure: the job summary's lines on how the dependencies were installed. */
export function installLines(install: InstallReport | undefined): string[] {
  if (!install) return [];
  if (install.status === 'skipped') return [`- Dependencies: nothing installed (${inline(install.note ?? 'nothing to install', 300)}).`];
  const steps = install.steps.map(
    (step) =>
      `  - ${inlineCode(step.command, 200)} (${inline(step.because, 100)}): ${step.timedOut ? 'stopped at the time limit' : step.exitCode === 0 ? 'ok' : `exit ${step.exitCode ?? '?'}`} in ${(step.durationMs / 1000).toFixed(1)} s`,
  );
  const head =
    install.status === 'ok' ? '- Dependencies installed:' : `- **Dependencies could not be installed**: ${inline(install.note ?? 'the install failed', 500)}`;
  const output = install.output?.trim()
    ? [`  <details><summary>install output (end)</summary>`, '', codeBlock(tail(install.output, 3000)), '', '  </details>']
    : [];
  return [head, ...steps, ...output];
}

/** A result with the install report of its bundle appended to its details. */
export function withInstall(result: IssueResult, bundle: Bundle): IssueResult {
  const lines = installLines(bundle.install);
  return lines.length > 0 ? { ...result, details: [...result.details, ...lines] } : result;
}
