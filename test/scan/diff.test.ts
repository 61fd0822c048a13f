import { describe, expect, it } from 'vitest';
import { fileFromContent, parsePatch, parseUnifiedDiff } from '../../src/scan/diff.js';

describe('parseUnifiedDiff', () => {
  it('reads added lines with their new line numbers, across files, hunks and statuses', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,3 +1,4 @@',
      ' one',
      '-two',
      '+TWO',
      '+2.5',
      ' three',
      '@@ -10,2 +11,2 @@ function x() {',
      ' ten',
      '-eleven',
      '+ELEVEN',
      'diff --git a/new.sql b/new.sql',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.sql',
      '@@ -0,0 +1,2 @@',
      '+-- a comment that starts with two dashes',
      '+SELECT 1;',
      '\\ No newline at end of file',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git a/old name.txt b/new name.txt',
      'similarity index 100%',
      'rename from old name.txt',
      'rename to new name.txt',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(diff);
    expect(files.map((file) => [file.path, file.status, file.added.map((line) => `${line.line}:${line.text}`)])).toEqual([
      ['src/a.ts', 'modified', ['2:TWO', '3:2.5', '12:ELEVEN']],
      ['new.sql', 'added', ['1:-- a comment that starts with two dashes', '2:SELECT 1;']],
      ['gone.txt', 'deleted', []],
      ['new name.txt', 'renamed', []],
      ['img.png', 'modified', []],
    ]);
    expect(files[0]?.context.map((line) => line.line)).toEqual([1, 4, 11]);
  });

  it('does not mistake a removed line that starts with "-- " for a file header', () => {
    const diff = [
      '--- a/q.sql',
      '+++ b/q.sql',
      '@@ -1,2 +1,1 @@',
      '--- old comment',
      ' SELECT 1;',
      '--- a/r.sql',
      '+++ b/r.sql',
      '@@ -0,0 +1 @@',
      '+x',
      '',
    ].join('\n');
    expect(parseUnifiedDiff(diff).map((file) => [file.path, file.added.length])).toEqual([
      ['q.sql', 0],
      ['r.sql', 1],
    ]);
  });

  it('handles CRLF diffs and quoted paths', () => {
    const diff = 'diff --git "a/we\\"ird.ts" "b/we\\"ird.ts"\r\n--- "a/we\\"ird.ts"\r\n+++ "b/we\\"ird.ts"\r\n@@ -0,0 +1 @@\r\n+const x = 1;\r\n';
    expect(parseUnifiedDiff(diff).map((file) => [file.path, file.added])).toEqual([['we"ird.ts', [{ line: 1, text: 'const x = 1;' }]]]);
  });
});

describe('parsePatch and fileFromContent', () => {
  it('reads a pull-request file patch without headers', () => {
    expect(parsePatch('a.ts', '@@ -5,2 +5,3 @@\n keep\n+added\n keep2').added).toEqual([{ line: 6, text: 'added' }]);
  });

  it('treats a whole new file as added lines', () => {
    expect(fileFromContent('a.ts', 'x\ny\n').added).toEqual([
      { line: 1, text: 'x' },
      { line: 2, text: 'y' },
    ]);
  });
});
