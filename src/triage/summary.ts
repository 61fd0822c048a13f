/**
 * How a triage run ends: the outcome line, the outputs and a job summary that says what the run did and then
 * shows the report itself. Neutral when work was left for the next run or nothing was written in a dry run,
 * so a run that did not finish is never a silent green. Pure.
 */
import { outcome, type ActionOutcome } from '../core/outcome.js';
import type { Period } from './period.js';
import type { TriageSession } from './session.js';

export interface RunAccount {
  dryRun: boolean;
  pinnedClock: string | null;
  period: Period;
  reportNumber: number | undefined;
  reportAction: 'create' | 'update' | 'unchanged' | 'deferred';
  reportUrl: string | null;
  visible: string;
  session: Pick<TriageSession, 'notes' | 'approved' | 'rejected' | 'deferred' | 'resume'>;
  pendingCount: number;
  writes: string[];
  writeCount: number;
  maxOperations: number;
  reads: number;
  closedEarlier: number;
  leftToClose: number;
}

const REPORT_LINE: Record<RunAccount['reportAction'], string> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged (nothing written)',
  deferred: 'not written: max-operations leaves no room for it',
};

export function summarise(run: RunAccount): ActionOutcome {
  const { session } = run;
  const unfinished = session.deferred > 0 || run.reportAction === 'deferred' || run.leftToClose > 0;
  const report = run.reportNumber !== undefined ? `#${run.reportNumber}` : `"Triage report — ${run.period.id}"`;
  const lines = [
    `- Report ${report}: ${run.dryRun && run.reportAction !== 'unchanged' ? `dry run, would be ${REPORT_LINE[run.reportAction]}` : REPORT_LINE[run.reportAction]}.`,
    `- Suggestions waiting for a decision: ${run.pendingCount}. Approved in this run: ${session.approved}; rejected: ${session.rejected}.`,
    ...session.notes.map((note) => `- ${note}`),
    `- Requests: ${run.reads} listing pages read; ${run.dryRun ? `${run.writeCount} writes planned, none sent (dry run)` : `${run.writeCount} writes`} of max-operations ${run.maxOperations}.`,
  ];
  if (run.closedEarlier > 0) lines.push(`- Closed ${run.closedEarlier} earlier report(s).`);
  if (unfinished) {
    lines.push(
      `- ⚠️ Work was left for the next run: ${session.deferred} decision(s)${session.resume.length > 0 ? `, ${session.resume.length} comment(s) to resume` : ''}${run.leftToClose > 0 ? `, ${run.leftToClose} earlier report(s) to close` : ''}. Raise max-operations to do more per run.`,
    );
  }
  if (run.pinnedClock) lines.push(`- The clock was pinned by ${run.pinnedClock} (tests only).`);
  if (run.dryRun && run.writes.length > 0)
    lines.push('', '<details><summary>Writes a real run would make</summary>', '', ...run.writes.map((w) => `- ${w}`), '', '</details>');
  const summary = [`## agentic-workflow triage-report: ${run.period.id}`, '', ...lines, '', '---', '', run.visible].join('\n');
  const message = `triage report ${report} for ${run.period.id}: ${run.pendingCount} waiting, ${session.approved} approved and ${session.rejected} rejected in this run${unfinished ? '; work left for the next run' : ''}`;
  const outputs = {
    'report-issue-number': run.reportNumber,
    pending: run.pendingCount,
    approved: session.approved,
    rejected: session.rejected,
  };
  return outcome(unfinished ? 'neutral' : 'success', message, outputs, summary);
}

/** A write failed: what was done before it, and that the next run picks up from the labels as they are. */
export function summariseFailure(error: Error, period: Period, session: Pick<TriageSession, 'notes' | 'approved' | 'rejected'>): ActionOutcome {
  const lines = [
    `- ❌ ${error.message}`,
    ...session.notes.map((note) => `- ${note}`),
    '- Nothing is retried blindly: the next run reads the issues again and finishes what is left.',
  ];
  return outcome(
    'failure',
    `triage report for ${period.id}: ${error.message}`,
    { approved: session.approved, rejected: session.rejected },
    [`## agentic-workflow triage-report: ${period.id}`, '', ...lines, ''].join('\n'),
  );
}

/** Adds the dashboard's folder to the outputs and says in the summary where the page went. */
export function withDashboard(result: ActionOutcome, dir: string, reads: number): ActionOutcome {
  const line = `Dashboard written to \`${dir}/index.html\` (${reads} more reads); the workflow uploads it as the \`agentic-dashboard\` artifact or publishes it to Pages.`;
  return { ...result, outputs: { ...result.outputs, 'dashboard-path': dir }, summary: `${result.summary ?? ''}\n\n${line}\n` };
}
