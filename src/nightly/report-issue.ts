/**
 * The nightly report issue of a day: found by title, label, the bot as author and its marker; created once;
 * edited in place only when something other than the dashboard link changed; earlier days' reports are
 * closed so one is open at a time (discussions too). Pure.
 */
import { NIGHTLY_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import type { Period } from '../triage/period.js';
import { reportChanged } from '../triage/report-issue.js';
import type { NightlyIssue } from '../triage/snapshot.js';
import type { Write } from '../triage/writes.js';
import { nightlyTitle } from './window.js';

/** The day's report among the bot's nightly reports (issues or discussions): the oldest with its title and day. */
export function findNightly<T extends NightlyIssue>(nightlies: readonly T[], day: string): T | null {
  const matching = nightlies.filter((issue) => issue.day === day && issue.title === nightlyTitle(day));
  return [...matching].sort((a, b) => a.number - b.number)[0] ?? null;
}

/**
 * The reports to close once the day's exists, the same rule for issues and discussions: the bot's open ones
 * (the caller passes only what the bot wrote with its marker) for an earlier day, oldest first.
 */
export function earlierOpenNightlies<T extends NightlyIssue>(nightlies: readonly T[], day: string): T[] {
  return nightlies.filter((issue) => issue.open && issue.day !== null && issue.day < day).sort((a, b) => a.number - b.number);
}

export function nightlyBody(visible: string, window: Period): string {
  return `${visible.trimEnd()}\n\n${writeMarker(NIGHTLY_MARKER_KIND, { day: window.id, end: window.end.toISOString() })}\n`;
}

export interface NightlyPlan {
  writes: Write[];
  action: 'create' | 'update' | 'unchanged';
}

export function planNightly(existing: NightlyIssue | null, day: string, body: string, label: string, labelExists: boolean): NightlyPlan {
  if (existing) {
    if (!reportChanged(existing.body, body)) return { writes: [], action: 'unchanged' };
    return { writes: [{ op: 'update-body', issue: existing.number, body }], action: 'update' };
  }
  return {
    writes: [...(labelExists ? [] : [{ op: 'create-label' as const, name: label }]), { op: 'create-report', title: nightlyTitle(day), body, label }],
    action: 'create',
  };
}
