/** Pure rendering of what auto-merge decided: the sticky comment on the pull request and the job summary. */
import { table } from '../core/markdown.js';
import { code, shortSha } from './display.js';
import type { Evaluation, GateStatus } from './gate.js';

export type PullStatus = 'merged' | 'would-merge' | 'already-merged' | 'waiting' | 'refused' | 'not-merged' | 'ignored';

const RESULT: Record<GateStatus, string> = { pass: '✅ pass', fail: '❌ fail', wait: '⏳ wait' };

const HEADLINE: Record<PullStatus, string> = {
  merged: 'Merged',
  'would-merge': 'Dry run: every gate holds, would merge',
  'already-merged': 'Already merged',
  waiting: 'Waiting',
  refused: 'Not merged',
  'not-merged': 'Not merged',
  ignored: 'Not evaluated',
};

export function headline(status: PullStatus, reason: string): string {
  return `${HEADLINE[status]}: ${reason}`;
}

export function gateTable(evaluation: Evaluation): string {
  return table(
    ['gate', 'result', 'why'],
    evaluation.gates.map((gate) => [gate.name, RESULT[gate.status], gate.reason]),
  );
}

/**
 * The sticky comment. It holds nothing that changes from run to run unless a gate changes (no times, no run
 * links), so re-evaluating an unchanged pull request writes nothing.
 */
export function stickyBody(status: PullStatus, reason: string, evaluation: Evaluation, stopLabel: string): string {
  return [
    '### agentic-workflow auto-merge',
    '',
    `**${headline(status, reason)}**`,
    '',
    gateTable(evaluation),
    '',
    `Evaluated head \`${shortSha(evaluation.headSha)}\`. The gates are evaluated again on the next review, check or push. ` +
      `Mark this pull request as a draft or label it ${code(stopLabel)} to stop auto-merge.`,
  ].join('\n');
}

export function summarySection(number: number, status: PullStatus, reason: string, evaluation: Evaluation | undefined, steps: readonly string[]): string {
  const parts = [`### #${number}: ${status}`, '', headline(status, reason)];
  if (evaluation) parts.push('', gateTable(evaluation), '', `Evaluated head \`${evaluation.headSha}\`.`);
  if (steps.length > 0) parts.push('', ...steps.map((step) => `- ${step}`));
  return parts.join('\n');
}
