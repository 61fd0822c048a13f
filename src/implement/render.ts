/**
 * The Markdown implement writes: the SPEC, the sticky comment for each stage, the failure report and the
 * pull request body. Pure; every text that came from a model, a human or a test run goes into a fenced
 * block or a table cell, so it cannot break the layout or hide a marker.
 */
import { writeMarker } from '../core/markers/registry.js';
import { escapeTableCell, formatUsd, table } from '../core/markdown.js';
import { codeBlock, inlineCode, untrustedLine } from '../core/untrusted-markdown.js';
import { IMPLEMENT_PR_MARKER_KIND, type ImplementPrMarker } from '../core/contracts.js';
import type { ImplementationPlan } from './plan-schema.js';

/** GitHub refuses comment bodies over 65,536 characters; leave room for the marker. */
export const MAX_BODY = 60_000;

export { codeBlock };

/** Keeps the end of a long text (where test failures and summaries are), marked as cut. */
export function tail(text: string, max: number): string {
  return text.length <= max ? text : `… (${text.length - max} characters cut)\n${text.slice(text.length - max)}`;
}

/**
 * One line of model or human text under the untrusted-Markdown policy (src/core/untrusted-markdown.ts): no line
 * breaks, no mentions, images, raw HTML or hidden text. Plans are written by a model that read the issue.
 */
export function inline(text: string, max = 300): string {
  return untrustedLine(text, max);
}

function bullets(items: readonly string[]): string {
  return items.length === 0 ? '_none_' : items.map((item) => `- ${inline(item, 1000)}`).join('\n');
}

export function renderPlan(plan: ImplementationPlan, notes: readonly string[] = []): string {
  const parts = [
    '### Problem',
    '',
    inline(plan.problem, 4000),
    '',
    '### Files',
    '',
    table(
      ['file', 'action', 'why'],
      plan.files.map((file) => [inlineCode(file.path, 300), file.action, inline(file.reason)]),
    ),
    '',
    '### Steps',
    '',
    plan.steps.map((step, index) => `${index + 1}. ${inline(step, 1000)}`).join('\n'),
    '',
    '### Tests',
    '',
    bullets(plan.tests),
    '',
    '### Checklist',
    '',
    plan.checklist.length === 0 ? '_none_' : plan.checklist.map((item) => `- [ ] ${inline(item, 500)}`).join('\n'),
    '',
    '### Risks',
    '',
    bullets(plan.risks),
  ];
  if (notes.length > 0) parts.push('', '### Corrections to the plan', '', bullets(notes));
  if (plan.architectural)
    parts.push(
      '',
      '### Architecture decision record',
      '',
      plan.adr ? codeBlock(plan.adr, 'markdown') : '_The plan marks this change as architectural but gave no ADR._',
    );
  return parts.join('\n');
}

export function questionsBody(questions: readonly string[]): string {
  return [
    '## Questions before implementation',
    '',
    'The agent needs a few answers before it can implement this issue without guessing:',
    '',
    questions.map((question, index) => `${index + 1}. ${inline(question, 500)}`).join('\n'),
    '',
    'Answer in a comment (someone with write access to the repository). The next run continues with your answers.',
  ].join('\n');
}

export function specBody(plan: ImplementationPlan, notes: readonly string[]): string {
  return [
    '## SPEC: implementation plan awaiting approval',
    '',
    renderPlan(plan, notes),
    '',
    '---',
    'Comment `/approve-spec` to let the agent implement exactly this plan, or `/reject-spec <reason>` to stop it. Only people with write access can decide.',
  ].join('\n');
}

export function workingBody(runUrl: string | undefined): string {
  return `## Implementation in progress\n\nThe agent claimed this issue${runUrl ? ` in [this run](${runUrl})` : ''}.`;
}

export function prOpenBody(prNumber: number, branch: string, costUsd: number): string {
  return `## Pull request opened\n\nThe agent opened #${prNumber} from \`${branch}\`. Model spend on this issue so far: ${formatUsd(costUsd)}.`;
}

/** The sticky comment while a run publishes: the change is committed and recorded, the writes follow. */
export function publishingBody(branch: string, commit: string): string {
  return `## Publishing\n\nThe change is committed as \`${commit.slice(0, 7)}\`; the agent is pointing \`${branch}\` at it and opening the pull request.`;
}

/** The sticky comment after GitHub stopped a publish half-way: what exists, what failed, what happens next. */
export function interruptedBody(exists: string, failed: string): string {
  return [
    '## Pull request not finished yet',
    '',
    `${exists}; ${failed}.`,
    '',
    'Nothing needs doing: the next run (scheduled, dispatched, or `/retry` here) finishes this from what exists, without running the agent again.',
  ].join('\n');
}

export interface FailureReport {
  /** Which error category (seed 003 section 14) and what exactly. */
  title: string;
  reason: string;
  tried?: string;
  lastOutput?: string;
  /** What printed lastOutput (default: the tests). */
  outputOf?: 'test' | 'install';
  problems?: readonly string[];
  /** What the run wrote before it stopped, when something was (default: nothing was pushed). */
  exists?: string;
}

export function failureBody(report: FailureReport): string {
  const parts = [`## The agent could not finish: ${inline(report.title, 200)}`, '', inline(report.reason, 2000)];
  if (report.problems && report.problems.length > 0) parts.push('', bullets(report.problems.slice(0, 50)));
  if (report.tried) parts.push('', '### What was tried', '', inline(report.tried, 4000));
  if (report.lastOutput) parts.push('', `### Last ${report.outputOf ?? 'test'} output`, '', codeBlock(tail(report.lastOutput, 8000)));
  parts.push(
    '',
    `${report.exists ? `${report.exists}.` : 'Nothing was pushed.'} Someone with write access can comment \`/retry\` to try again, or fix the issue description first.`,
  );
  return parts.join('\n');
}

export interface PrBodyInput {
  issueNumber: number;
  plan: ImplementationPlan;
  planNotes: readonly string[];
  summary: string;
  files: ReadonlyArray<{ path: string; action: string }>;
  test: { command?: string | undefined; ran: boolean; passed: boolean; iterations: number; output: string; unisolated?: string | undefined };
  refusals: ReadonlyArray<{ tool: string; path: string; reason: string }>;
  cost: { costUsd: number; inputTokens: number; outputTokens: number; calls: number };
  approvedBy?: string;
  /** Root cause and Reproduction, for a bug fix (rendered by render-bug.ts). */
  bugSections?: string;
  marker: ImplementPrMarker;
}

export function prBody(input: PrBodyInput): string {
  const { test } = input;
  const testLine = !test.ran
    ? '**Tests did not run**: no test command was configured or detected. Review with extra care.'
    : `\`${escapeTableCell(test.command ?? '')}\` ${test.passed ? 'passed' : 'failed'} after ${test.iterations} iteration${test.iterations === 1 ? '' : 's'}.`;
  const parts = [
    `Implements #${input.issueNumber}.${input.approvedBy ? ` SPEC approved by @${input.approvedBy}.` : ''}`,
    '',
    '## Summary',
    '',
    inline(input.summary, 3000) || '_The agent gave no summary._',
    ...(input.bugSections ? ['', input.bugSections] : []),
    '',
    '## Changes',
    '',
    table(
      ['file', 'change'],
      input.files.map((file) => [inlineCode(file.path, 300), file.action]),
    ),
    '',
    '## Tests',
    '',
    testLine,
  ];
  if (test.unisolated)
    parts.push('', `**Not isolated**: ${inline(test.unisolated, 300)}; the tests ran as the action's own user, within reach of the model key.`);
  if (test.output) parts.push('', '<details><summary>Test output</summary>', '', codeBlock(tail(test.output, 6000)), '', '</details>');
  if (input.refusals.length > 0) {
    parts.push(
      '',
      '## Refused edits',
      '',
      table(
        ['tool', 'path', 'why'],
        input.refusals.slice(0, 30).map((refusal) => [inline(refusal.tool, 40), inlineCode(refusal.path, 300), inline(refusal.reason)]),
      ),
    );
  }
  parts.push('', '## Plan', '', renderPlan(input.plan, input.planNotes));
  if (input.plan.architectural)
    parts.push(
      '',
      '## ADR',
      '',
      input.plan.adr ? codeBlock(input.plan.adr, 'markdown') : '_Architectural change without an ADR; a reviewer should ask for one._',
    );
  parts.push(
    '',
    '## Cost',
    '',
    `${formatUsd(input.cost.costUsd)} in ${input.cost.calls} model call${input.cost.calls === 1 ? '' : 's'} (${input.cost.inputTokens} input and ${input.cost.outputTokens} output tokens).`,
    '',
    `Fixes #${input.issueNumber}`,
    '',
    writeMarker(IMPLEMENT_PR_MARKER_KIND, input.marker),
  );
  const body = parts.join('\n');
  return body.length > MAX_BODY
    ? `${body.slice(0, MAX_BODY - 2000)}\n\n… (cut)\n\nFixes #${input.issueNumber}\n\n${writeMarker(IMPLEMENT_PR_MARKER_KIND, input.marker)}`
    : body;
}
