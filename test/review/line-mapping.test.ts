import { describe, expect, it } from 'vitest';
import { indexFileDiff, parsePatch } from '../../src/review/diff.js';
import { placeFinding } from '../../src/review/line-mapping.js';

// New file lines 10-14: a context line, three added lines, a context line.
const INDEX = indexFileDiff(
  'src/a.ts',
  parsePatch(['@@ -10,2 +10,5 @@', ' function f() {', '+  const a = 1;', '+  const b = a + 1;', '+  return b;', ' }'].join('\n')),
);

describe('placeFinding', () => {
  it('keeps a line of the diff whose code matches the quoted snippet (or has no snippet)', () => {
    expect(placeFinding({ file: 'src/a.ts', line: 12, snippet: 'const b = a + 1;' }, INDEX)).toEqual({
      kind: 'inline',
      line: 12,
      startLine: undefined,
      repaired: false,
      code: 'const b = a + 1;',
    });
    expect(placeFinding({ file: 'src/a.ts', line: 10 }, INDEX)).toMatchObject({ kind: 'inline', line: 10 });
  });

  it('moves a wrong line to the nearest line of the same hunk holding the quoted code', () => {
    expect(placeFinding({ file: 'src/a.ts', line: 11, snippet: '  return b;' }, INDEX)).toMatchObject({ kind: 'inline', line: 13, repaired: true });
    expect(placeFinding({ file: 'src/a.ts', line: 30, snippet: 'return b;' }, INDEX)).toMatchObject({ kind: 'inline', line: 13, repaired: true });
  });

  it('shows in the summary only what it cannot place: never at a guessed line', () => {
    expect(placeFinding({ file: 'src/a.ts', line: 3 }, INDEX)).toEqual({ kind: 'file', reason: 'line 3 is not a line of the diff' });
    expect(placeFinding({ file: 'src/a.ts', line: 12, snippet: 'something else entirely' }, INDEX).kind).toBe('file');
    expect(placeFinding({ file: 'src/a.ts', line: 500, snippet: 'return b;' }, INDEX).kind).toBe('file');
    expect(placeFinding({ file: 'src/other.ts', line: 1 }, undefined)).toEqual({ kind: 'none', reason: 'src/other.ts is not among the reviewed files' });
  });

  it('keeps a range only when every line of it is in the same hunk of the diff', () => {
    expect(placeFinding({ file: 'src/a.ts', line: 13, startLine: 11 }, INDEX)).toMatchObject({ line: 13, startLine: 11 });
    expect(placeFinding({ file: 'src/a.ts', line: 13, startLine: 5 }, INDEX)).toMatchObject({ line: 13, startLine: undefined });
    // A range moves with its repaired last line.
    expect(placeFinding({ file: 'src/a.ts', line: 14, startLine: 13, snippet: 'return b;' }, INDEX)).toMatchObject({ line: 13, startLine: 12, repaired: true });
  });
});
