import { describe, expect, it } from 'vitest';
import { capNotice, DAY_MS, decideCap } from '../../src/review/review-cap.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const caps = { perPullPerDay: 3, perRepositoryPerDay: 5 };

describe('decideCap', () => {
  it('allows a review while both counts are under their caps, counting only the last 24 hours', () => {
    expect(decideCap([NOW - HOUR, NOW - 2 * HOUR, NOW - DAY_MS - 1], [NOW - HOUR], caps, NOW)).toEqual({ allowed: true });
  });

  it('stops at the pull request cap and resumes when the oldest counted review is a day old', () => {
    const starts = [NOW - 5 * HOUR, NOW - HOUR, NOW - 3 * HOUR];
    const decision = decideCap(starts, starts, caps, NOW);
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining('max-reviews-per-pr-per-day: 3') });
    expect(decision.allowed === false && decision.resumesAt.toISOString()).toBe(new Date(NOW - 5 * HOUR + DAY_MS).toISOString());
  });

  it('stops at the repository cap; with more reviews than the cap, resumes when enough have aged out', () => {
    const repository = [1, 2, 3, 4, 5, 6].map((hours) => NOW - hours * HOUR);
    const decision = decideCap([], repository, caps, NOW);
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining('max-reviews-per-day: 5') });
    // Six in the window, cap five: two must leave it, the 6 h and the 5 h old ones.
    expect(decision.allowed === false && decision.resumesAt.toISOString()).toBe(new Date(NOW - 5 * HOUR + DAY_MS).toISOString());
  });

  it('says when reviews resume, in UTC', () => {
    expect(capNotice('CTO review', { allowed: false, reason: 'r', resumesAt: new Date('2026-03-11T07:00:00.123Z') })).toContain(
      'Reviews resume at 2026-03-11 07:00:00 UTC',
    );
  });
});
