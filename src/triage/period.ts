/**
 * The report's period: one ISO 8601 week (Monday 00:00 UTC to the next Monday), named like `2026-W48`.
 * ISO weeks, not calendar months, because triage runs weekly and the ISO name sorts and never
 * straddles two reports. Pure.
 */
export interface Period {
  /** `YYYY-Www`, the ISO week-numbering year and week. */
  id: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

const DAY_MS = 86_400_000;

export function isoWeekPeriod(now: Date): Period {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = midnight - weekday * DAY_MS;
  // The week belongs to the year of its Thursday; week 1 is the one holding 4 January.
  const year = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const january4 = Date.UTC(year, 0, 4);
  const firstMonday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS;
  const week = 1 + Math.round((monday - firstMonday) / (7 * DAY_MS));
  return { id: `${year}-W${String(week).padStart(2, '0')}`, start: new Date(monday), end: new Date(monday + 7 * DAY_MS) };
}

/** Whether a GitHub timestamp (or null: never happened) falls inside the period. */
export function inPeriod(timestamp: string | null | undefined, period: Period): boolean {
  if (!timestamp) return false;
  const at = Date.parse(timestamp);
  return !Number.isNaN(at) && at >= period.start.getTime() && at < period.end.getTime();
}

/** `2026-11-23`: dates in the report are UTC days, like the period. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `now` (0 for the future or an unreadable time). */
export function daysBetween(from: string, now: Date): number {
  const at = Date.parse(from);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}
