import { describe, expect, it } from 'vitest';
import { indexFileDiff, isDeletionOnly, parsePatch } from '../../src/review/diff.js';

const PATCH = [
  '@@ -1,4 +1,5 @@',
  ' one',
  '-two',
  '+TWO',
  '+two and a half',
  ' three',
  '@@ -10,3 +11,2 @@',
  ' ten',
  '-eleven',
  ' twelve',
  '\\ No newline at end of file',
].join('\n');

describe('parsePatch', () => {
  it('numbers added and context lines in the new file, removed lines in the old', () => {
    const [first, second] = parsePatch(PATCH);
    expect(first?.lines).toEqual([
      { kind: 'context', oldLine: 1, newLine: 1, text: 'one' },
      { kind: 'del', oldLine: 2, text: 'two' },
      { kind: 'add', newLine: 2, text: 'TWO' },
      { kind: 'add', newLine: 3, text: 'two and a half' },
      { kind: 'context', oldLine: 3, newLine: 4, text: 'three' },
    ]);
    expect(second?.lines.map((line) => [line.kind, line.newLine])).toEqual([
      ['context', 11],
      ['del', undefined],
      ['context', 12],
    ]);
  });

  it('does not turn a trailing newline or "No newline at end of file" into a line', () => {
    const hunks = parsePatch('@@ -1 +1 @@\n-a\n+b\n');
    expect(hunks[0]?.lines).toHaveLength(2);
    expect(parsePatch(PATCH)[1]?.lines).toHaveLength(3);
  });

  it('treats an empty line (trimmed by some tool) as an empty context line', () => {
    expect(parsePatch('@@ -1,3 +1,3 @@\n a\n\n b')[0]?.lines.map((line) => line.newLine)).toEqual([1, 2, 3]);
  });

  it('indexes commentable lines with their hunk and each hunk’s range', () => {
    const index = indexFileDiff('f.ts', parsePatch(PATCH));
    expect([...index.right.keys()]).toEqual([1, 2, 3, 4, 11, 12]);
    expect(index.right.get(12)).toEqual({ text: 'twelve', hunk: 1, kind: 'context' });
    expect(index.ranges).toEqual([
      { first: 1, last: 4 },
      { first: 11, last: 12 },
    ]);
  });

  it('knows a hunk that only removes lines', () => {
    const [removal, change] = parsePatch('@@ -1,3 +1,2 @@\n a\n-b\n c\n@@ -9 +8 @@\n-x\n+y');
    expect(removal && isDeletionOnly(removal)).toBe(true);
    expect(change && isDeletionOnly(change)).toBe(false);
  });
});
