/**
 * The report issue of the week: found by title, label, the bot as author and its marker (never by title
 * alone, which anyone can copy); created once; edited in place only when its body changed. Pure.
 */
import { REPORT_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import { stickyBodyChanged } from '../core/sticky-comment.js';
import type { ReportMarker } from './markers.js';
import { reportTitle, type ReportIssue, type Snapshot } from './snapshot.js';
import type { Write } from './writes.js';

/** The report of `periodId`; the oldest wins if a race ever made two, so every run edits the same one. */
export function findReport(snapshot: Snapshot, periodId: string): ReportIssue | null {
  const title = reportTitle(periodId);
  const matching = snapshot.reports.filter((report) => report.title === title && report.marker?.period === periodId);
  return matching.sort((a, b) => a.number - b.number)[0] ?? null;
}

/** Earlier reports still open: closed once this week's exists, so only one report is open at a time. */
export function earlierOpenReports(snapshot: Snapshot, periodId: string): ReportIssue[] {
  return snapshot.reports.filter((report) => report.open && report.marker !== null && report.marker.period !== periodId).sort((a, b) => a.number - b.number);
}

export function reportBody(visible: string, marker: ReportMarker): string {
  return `${visible.trimEnd()}\n\n${writeMarker(REPORT_MARKER_KIND, { ...marker })}\n`;
}

export interface ReportPlan {
  writes: Write[];
  /** create, update or unchanged */
  action: 'create' | 'update' | 'unchanged';
}

const DASHBOARD_LINE = /^Dashboard: .*$/m;

/** The line that links a report to its dashboard: `Dashboard: <url>`. */
export function dashboardLine(url: string): string {
  return `Dashboard: ${url}`;
}

/**
 * Whether a report needs writing. The dashboard link names the run that built it, so it differs on every run:
 * it is left out of the comparison, and a rerun with nothing new writes nothing (the earlier run's dashboard
 * stays linked, and is replaced together with the next real change).
 */
export function reportChanged(existing: string, rendered: string): boolean {
  return stickyBodyChanged(existing.replace(DASHBOARD_LINE, ''), rendered.replace(DASHBOARD_LINE, ''));
}

/** Pure: the writes that make the report issue of `periodId` show `body`. */
export function planReport(existing: ReportIssue | null, periodId: string, body: string, label: string, labelExists: boolean): ReportPlan {
  if (existing) {
    if (!reportChanged(existing.body, body)) return { writes: [], action: 'unchanged' };
    return { writes: [{ op: 'update-body', issue: existing.number, body }], action: 'update' };
  }
  return {
    writes: [...(labelExists ? [] : [{ op: 'create-label' as const, name: label }]), { op: 'create-report', title: reportTitle(periodId), body, label }],
    action: 'create',
  };
}
