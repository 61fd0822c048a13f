import { describe, expect, it } from 'vitest';
import { daysBetween, inPeriod, isoWeekPeriod } from '../../src/triage/period.js';

describe('ISO weeks', () => {
  it.each([
    ['2026-11-25T10:00:00Z', '2026-W48', '2026-11-23'],
    ['2026-11-23T00:00:00Z', '2026-W48', '2026-11-23'],
    ['2026-11-22T23:59:59Z', '2026-W47', '2026-11-16'],
    // The week of 1 January belongs to the year of its Thursday.
    ['2021-01-03T12:00:00Z', '2020-W53', '2020-12-28'],
    ['2024-12-30T08:00:00Z', '2025-W01', '2024-12-30'],
    ['2026-01-01T08:00:00Z', '2026-W01', '2025-12-29'],
    ['2026-12-31T08:00:00Z', '2026-W53', '2026-12-28'],
  ])('%s is in %s, starting %s', (now, id, monday) => {
    const period = isoWeekPeriod(new Date(now));
    expect(period.id).toBe(id);
    expect(period.start.toISOString()).toBe(`${monday}T00:00:00.000Z`);
    expect(period.end.getTime() - period.start.getTime()).toBe(7 * 86_400_000);
  });

  it('counts the Monday midnight in and the next one out', () => {
    const period = isoWeekPeriod(new Date('2026-11-25T10:00:00Z'));
    expect(inPeriod('2026-11-23T00:00:00Z', period)).toBe(true);
    expect(inPeriod('2026-11-29T23:59:59Z', period)).toBe(true);
    expect(inPeriod('2026-11-30T00:00:00Z', period)).toBe(false);
    expect(inPeriod(null, period)).toBe(false);
  });

  it('ages in whole days, never negative', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(daysBetween('2026-11-20T09:00:00Z', now)).toBe(5);
    expect(daysBetween('2026-11-26T09:00:00Z', now)).toBe(0);
  });
});
