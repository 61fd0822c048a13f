/**
 * The sticky summary comment, the check run's output and annotations. The same facts everywhere: every
 * finding, what is new and what was resolved, which files were skipped or left out and why, and the cost.
 * Pure.
 */
import { details, escapeTableCell, table } from '../core/markdown.js';
import type { LeftOutFile } from './budget.js';
import type { ReviewedFinding } from './findings.js';
import type { ReviewReport } from './report.js';
import { SKIP_REASON_TEXT } from './pull-files.js';
import { badge, safeProse, shortSha, truncateText, where } from './render-text.js';
import { SEVERITIES, type Severity } from './severity.js';

const MAX_ROWS = 100;
/** GitHub's limit on comment bodies and check-run summaries is 65,535 characters; leave room for markers. */
export const BODY_LIMIT = 60_000;

const LEFT_OUT_REASONS: Record<LeftOutFile['reason'], string> = {
  'no-patch': 'GitHub sent no diff (too large to show)',
  budget: 'did not fit max-review-calls × max-input-tokens-per-call',
  partial: 'only part of its diff fit the budget',
};

function usd(amount: number): string {
  return `$${amount.toFixed(amount > 0 && amount < 0.01 ? 4 : 2)}`;
}

function counts(findings: readonly ReviewedFinding[]): string {
  const parts = SEVERITIES.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const).filter(([, n]) => n > 0);
  return parts.map(([severity, n]) => `${n} ${severity}`).join(', ');
}

export function verdictLine(report: ReviewReport): string {
  const total = report.findings.length;
  if (report.blocking) {
    return `**Blocks merging:** ${total} finding${total === 1 ? '' : 's'} (${counts(report.findings)}), at least one at or above \`${report.blockSeverity}\`.`;
  }
  if (total === 0) return '**No findings.**';
  return `**Does not block:** ${total} finding${total === 1 ? '' : 's'} (${counts(report.findings)}), none at or above \`${report.blockSeverity}\`.`;
}

function coverageLine(report: ReviewReport): string {
  const calls = `${report.modelCalls} model call${report.modelCalls === 1 ? '' : 's'}`;
  if (report.reviewableFiles === 0) return `No reviewable files (${report.skipped.length} skipped).`;
  if (report.complete) return `Reviewed all ${report.reviewableFiles} reviewable file${report.reviewableFiles === 1 ? '' : 's'} in ${calls}.`;
  if (report.unreviewed.length > 0 && report.leftOut.length === 0) {
    return `⚠️ **Incomplete, needs a human:** ${report.unreviewed.length} changed file${report.unreviewed.length === 1 ? ' was' : 's were'} not reviewed, listed below. This review is not a pass.`;
  }
  if (report.leftOut.length === 0)
    return `⚠️ **Incomplete** (see the notes): ${report.reviewableFiles} reviewable file${report.reviewableFiles === 1 ? '' : 's'}, ${calls}. This review is not a pass.`;
  return `⚠️ **Incomplete:** reviewed ${report.coveredFiles} of ${report.reviewableFiles} reviewable files in ${calls}; ${report.leftOut.length} not (fully) reviewed, listed below. This review is not a pass.`;
}

function findingsTable(report: ReviewReport): string {
  const rows = report.findings.slice(0, MAX_ROWS).map((finding) => {
    const issue = report.issues.get(finding.fingerprint);
    const rejected = report.rejected.get(finding.fingerprint);
    const status = report.fresh.has(finding.fingerprint) ? '🆕' : '';
    const tracking = issue !== undefined ? `#${issue}` : rejected !== undefined ? `rejected in #${rejected}` : '';
    return [status, badge(finding.severity), finding.category, `\`${where(finding)}\``, safeProse(finding.title), tracking];
  });
  const more = report.findings.length > MAX_ROWS ? `\n\n… and ${report.findings.length - MAX_ROWS} more (see the check run's annotations).` : '';
  return table(['', 'severity', 'category', 'where', 'finding', 'issue'], rows) + more;
}

function listSection(title: string, lines: readonly string[]): string {
  return lines.length === 0 ? '' : `**${title}**\n\n${lines.map((line) => `- ${line}`).join('\n')}`;
}

/** The sticky comment's visible body (the marker is added by the sticky-comment module). */
export function renderSummary(report: ReviewReport): string {
  const sections = [`### ${report.reviewer.title} of \`${shortSha(report.headSha)}\``, verdictLine(report), coverageLine(report)];
  if (report.findings.length > 0) sections.push(findingsTable(report));
  sections.push(
    listSection(
      `Resolved (${report.resolved.length})`,
      report.resolved.map(
        (finding) => `~~${escapeTableCell(safeProse(finding.title))}~~ · \`${finding.file}\` · resolved at \`${shortSha(finding.resolvedAt)}\``,
      ),
    ),
  );
  const notReviewed = [
    ...report.unreviewed.map((file) => `\`${file.path}\`: ${SKIP_REASON_TEXT[file.reason]}`),
    ...report.leftOut.map((file) => `\`${file.path}\`: ${LEFT_OUT_REASONS[file.reason]}`),
  ];
  sections.push(listSection(`Not reviewed (${notReviewed.length}) — needs a human`, notReviewed));
  if (report.skipped.length > 0) {
    sections.push(
      details(
        `Skipped files (${report.skipped.length})`,
        table(
          ['file', 'reason'],
          report.skipped.map((file) => [`\`${file.path}\``, file.reason]),
        ),
      ),
    );
  }
  const summaryOnly = report.findings.filter((finding) => finding.placement === 'file' && finding.placementNote);
  const notes = [
    ...report.notes,
    ...summaryOnly.map((finding) => `“${safeProse(finding.title)}” is shown here only: ${finding.placementNote}.`),
    ...report.dropped.map((finding) => `Dropped “${safeProse(finding.title)}” (${finding.file}): ${finding.reason}.`),
  ];
  if (notes.length > 0) sections.push(details(`Notes (${notes.length})`, notes.map((note) => `- ${note}`).join('\n')));
  const run = report.runUrl ? ` · [run](${report.runUrl})` : '';
  sections.push(
    `<sub>${report.model} · ${report.modelCalls} call${report.modelCalls === 1 ? '' : 's'} · ${usd(report.costUsd)} this review, ${usd(report.totalCostUsd)} on this PR${run}</sub>`,
  );
  return truncateText(sections.filter(Boolean).join('\n\n'), BODY_LIMIT, 'This summary was');
}

export function checkTitle(report: ReviewReport): string {
  const total = report.findings.length;
  const found = total === 0 ? 'no findings' : `${total} finding${total === 1 ? '' : 's'} (${counts(report.findings)})`;
  if (report.blocking) return `Blocks merging: ${found}`;
  const unseen = report.leftOut.length + report.unreviewed.length;
  if (!report.complete) return `Incomplete, needs a human: ${unseen} file${unseen === 1 ? '' : 's'} not reviewed; ${found}`;
  return found.charAt(0).toUpperCase() + found.slice(1);
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { critical: 'failure', high: 'warning', medium: 'warning', low: 'notice' };

/** One annotation per placed finding (a summary-only finding has no line to annotate). */
export function checkAnnotations(report: ReviewReport): CheckAnnotation[] {
  return report.findings
    .filter((finding) => finding.placement === 'inline')
    .map((finding) => ({
      path: finding.file,
      start_line: finding.startLine ?? finding.line,
      end_line: finding.line,
      annotation_level: LEVEL[finding.severity],
      title: `${finding.severity} · ${finding.category}: ${finding.title}`.slice(0, 255),
      message: truncateText(finding.body, 60_000, 'This message was'),
    }));
}
