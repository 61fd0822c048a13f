import { describe, expect, it } from 'vitest';
import { editedSince, lastEditedAtSeen } from '../../src/implement/body-edits.js';

describe('when the body was edited, against the approval', () => {
  it('an edit after the approving label, or in the same second, counts; one before it, or none, does not', () => {
    const label = '2026-03-02T09:00:00Z';
    expect(editedSince('2026-03-02T09:01:00Z', label)).toBe(true);
    expect(editedSince('2026-03-02T09:00:00Z', label)).toBe(true);
    expect(editedSince('2026-03-02T08:59:59Z', label)).toBe(false);
    expect(editedSince(null, label)).toBe(false);
    // Compared as instants, not as text.
    expect(editedSince('2026-03-02T09:00:00.500Z', label)).toBe(true);
  });

  it('the pick’s lastEditedAt stands only while the issue is as the pick saw it', () => {
    const seen = { updatedAt: '2026-03-02T09:05:00Z', lastEditedAt: '2026-03-02T09:04:00Z' };
    expect(lastEditedAtSeen(seen, '2026-03-02T09:05:00Z')).toBe('2026-03-02T09:04:00Z');
    expect(lastEditedAtSeen(seen, '2026-03-02T09:05:00.000Z')).toBe('2026-03-02T09:04:00Z');
    expect(lastEditedAtSeen({ ...seen, lastEditedAt: null }, '2026-03-02T09:05:00Z')).toBeNull();
    // Changed since the search (an edit may be among the changes), or not read: read again.
    expect(lastEditedAtSeen(seen, '2026-03-02T09:06:00Z')).toBeUndefined();
    expect(lastEditedAtSeen(undefined, '2026-03-02T09:05:00Z')).toBeUndefined();
    expect(lastEditedAtSeen({ updatedAt: seen.updatedAt }, '2026-03-02T09:05:00Z')).toBeUndefined();
    expect(lastEditedAtSeen(seen, undefined)).toBeUndefined();
  });
});
