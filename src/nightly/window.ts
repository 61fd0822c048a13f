/**
 * The nightly report's window. The day's first run fixes it: from where the previous report's window ended
 * (so consecutive reports tile, with no gap and no overlap, whenever the schedule actually ran) or else the
 * 24 hours before, up to the run. Reruns the same day report the same window, so a rerun with nothing new
 * writes nothing. The window is named by the UTC day of its end. Pure.
 */
import type { Period } from '../triage/period.js';
import type { NightlyIssue } from '../triage/snapshot.js';

const DAY_MS = 86_400_000;
/** A previous report older than this no longer starts the window: after a long pause, 24 hours are shown. */
const MAX_WINDOW_MS = 3 * DAY_MS;

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function nightlyTitle(day: string): string {
  return `Nightly report — ${day}`;
}

/** The window of the report for `now`: the one recorded in today's report, or a new one. */
export function nightlyWindow(now: Date, today: Pick<NightlyIssue, 'end'> | null, earlier: ReadonlyArray<Pick<NightlyIssue, 'end' | 'day'>>): Period {
  const recorded = today?.end ? Date.parse(today.end) : Number.NaN;
  const end = Number.isNaN(recorded) ? now.getTime() : recorded;
  const previous = earlier
    .flatMap((issue) => (issue.end && issue.day !== null && issue.day < dayOf(new Date(end)) ? [Date.parse(issue.end)] : []))
    .filter((at) => !Number.isNaN(at) && at < end && end - at <= MAX_WINDOW_MS)
    .sort((a, b) => b - a)[0];
  return { id: dayOf(new Date(end)), start: new Date(previous ?? end - DAY_MS), end: new Date(end) };
}
