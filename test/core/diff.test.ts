import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGitDiff, parseHunks, unquoteGitPath, type DiffFile } from '../../src/core/diff.js';

/** Real `git diff` output of one commit that touches every kind of file change. */
function gitDiffOfEveryKind(repo: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'core.quotePath=true', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  const lines = (count: number, label: string) => Array.from({ length: count }, (_, index) => `${label} line ${index + 1}`).join('\n') + '\n';
  writeFileSync(join(repo, 'keep.ts'), lines(10, 'keep'));
  writeFileSync(join(repo, 'old name.txt'), lines(20, 'moving'));
  writeFileSync(join(repo, 'pure-before.txt'), lines(5, 'pure'));
  writeFileSync(join(repo, 'spécial name.txt'), 'one\ntwo\n');
  writeFileSync(join(repo, 'gone.txt'), 'bye\nfor now\n');
  writeFileSync(join(repo, 'no-eol.txt'), 'first\nlast without newline');
  writeFileSync(join(repo, 'image.bin'), Buffer.from([0, 1, 2, 3, 0, 255]));
  writeFileSync(join(repo, 'run.sh'), 'echo hi\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');

  writeFileSync(join(repo, 'keep.ts'), lines(10, 'keep').replace('keep line 3\n', 'keep line 3 changed\nkeep line 3b\n'));
  renameSync(join(repo, 'old name.txt'), join(repo, 'new name.txt'));
  writeFileSync(join(repo, 'new name.txt'), lines(20, 'moving').replace('moving line 20\n', 'moving line twenty\n'));
  renameSync(join(repo, 'pure-before.txt'), join(repo, 'pure-after.txt'));
  writeFileSync(join(repo, 'spécial name.txt'), 'one\n2\n');
  unlinkSync(join(repo, 'gone.txt'));
  writeFileSync(join(repo, 'no-eol.txt'), 'first\nlast, still without newline');
  writeFileSync(join(repo, 'image.bin'), Buffer.from([0, 1, 2, 3, 0, 254]));
  chmodSync(join(repo, 'run.sh'), 0o755);
  writeFileSync(join(repo, 'added.ts'), 'export const a = 1;\n');
  writeFileSync(join(repo, 'empty.txt'), '');
  git('add', '-A');
  git('commit', '-q', '-m', 'change');
  return git('diff', '-M', '--full-index', 'HEAD~1', 'HEAD');
}

describe('parseGitDiff on real git output', () => {
  let repo: string;
  let diff: string;
  let files: Map<string, DiffFile>;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'diff-kinds-'));
    diff = gitDiffOfEveryKind(repo);
    files = new Map(parseGitDiff(diff).map((file) => [file.path, file]));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('lists every changed file once, under its new name', () => {
    expect([...files.keys()].sort()).toEqual(
      ['added.ts', 'empty.txt', 'gone.txt', 'image.bin', 'keep.ts', 'new name.txt', 'no-eol.txt', 'pure-after.txt', 'run.sh', 'spécial name.txt'].sort(),
    );
  });

  it('numbers added, removed and context lines of a modification', () => {
    const keep = files.get('keep.ts');
    expect(keep).toMatchObject({ status: 'modified', binary: false, additions: 2, deletions: 1 });
    const lines = keep?.hunks.flatMap((hunk) => hunk.lines) ?? [];
    expect(lines.filter((line) => line.kind === 'add')).toEqual([
      { kind: 'add', newLine: 3, text: 'keep line 3 changed', offset: 4 },
      { kind: 'add', newLine: 4, text: 'keep line 3b', offset: 5 },
    ]);
    expect(lines.find((line) => line.kind === 'del')).toEqual({ kind: 'del', oldLine: 3, text: 'keep line 3', offset: 3 });
    expect(lines[0]).toEqual({ kind: 'context', oldLine: 1, newLine: 1, text: 'keep line 1', offset: 1 });
    expect(keep?.patch?.split('\n')[0]).toMatch(/^@@ -1,6 \+1,7 @@/);
  });

  it('reads renames from the rename lines, with and without content changes', () => {
    expect(files.get('new name.txt')).toMatchObject({ status: 'renamed', oldPath: 'old name.txt', additions: 1, deletions: 1 });
    expect(files.get('pure-after.txt')).toMatchObject({ status: 'renamed', oldPath: 'pure-before.txt', additions: 0, hunks: [] });
    expect(files.get('pure-after.txt')?.patch).toBeUndefined();
  });

  it('unquotes the C-quoted name git writes for a non-ASCII path', () => {
    expect(diff).toContain('"b/sp\\303\\251cial name.txt"');
    expect(files.get('spécial name.txt')).toMatchObject({ status: 'modified', additions: 1, deletions: 1 });
  });

  it('does not count the no-newline marker as a line, and marks the line it belongs to', () => {
    expect(diff).toContain('\\ No newline at end of file');
    const file = files.get('no-eol.txt');
    expect(file).toMatchObject({ additions: 1, deletions: 1 });
    const lines = file?.hunks[0]?.lines ?? [];
    expect(lines.map((line) => [line.kind, line.text, line.noNewlineAtEnd ?? false])).toEqual([
      ['context', 'first', false],
      ['del', 'last without newline', true],
      ['add', 'last, still without newline', true],
    ]);
    // The markers keep their place in GitHub's positions: the added line sits below the first one.
    expect(lines.map((line) => line.offset)).toEqual([1, 2, 4]);
  });

  it('marks binary files, deletions, additions, empty new files and mode changes', () => {
    expect(files.get('image.bin')).toMatchObject({ status: 'modified', binary: true, hunks: [] });
    expect(files.get('gone.txt')).toMatchObject({ status: 'deleted', deletions: 2, additions: 0 });
    expect(files.get('gone.txt')?.hunks[0]?.lines.map((line) => line.oldLine)).toEqual([1, 2]);
    expect(files.get('added.ts')).toMatchObject({ status: 'added', additions: 1, newMode: '100644' });
    expect(files.get('empty.txt')).toMatchObject({ status: 'added', hunks: [], additions: 0 });
    expect(files.get('run.sh')).toMatchObject({ status: 'modified', oldMode: '100644', newMode: '100755', hunks: [] });
  });

  it('reads the blob ids of the index line', () => {
    const keep = files.get('keep.ts');
    expect(keep?.oldBlob).toMatch(/^[0-9a-f]{40}$/);
    expect(keep?.newBlob).toMatch(/^[0-9a-f]{40}$/);
    expect(keep?.newBlob).not.toBe(keep?.oldBlob);
  });

  it('reads the same files from a diff with CRLF line endings', () => {
    const crlf = parseGitDiff(diff.replace(/\n/g, '\r\n'));
    expect(crlf.map((file) => [file.path, file.status, file.additions, file.deletions])).toEqual(
      parseGitDiff(diff).map((file) => [file.path, file.status, file.additions, file.deletions]),
    );
    expect(crlf.find((file) => file.path === 'keep.ts')?.hunks[0]?.lines[0]?.text).toBe('keep line 1');
  });
});

describe('what parse-diff 0.12 gets wrong (the reason it is not used)', () => {
  it('a no-newline marker right after a hunk header belongs to no line', () => {
    expect(parseHunks('@@ -1 +1 @@\n\\ No newline at end of file\n-a\n+b')[0]?.lines.map((line) => [line.kind, line.text])).toEqual([
      ['del', 'a'],
      ['add', 'b'],
    ]);
  });

  it('the no-newline marker is not a change', () => {
    const [hunk] = parseHunks('@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file');
    expect(hunk?.lines).toHaveLength(2);
    expect(hunk?.lines[1]?.noNewlineAtEnd).toBe(true);
  });

  it('quoted names are unquoted', () => {
    const diff = [
      'diff --git "a/sp\\303\\251cial" "b/sp\\303\\251cial"',
      '--- "a/sp\\303\\251cial"',
      '+++ "b/sp\\303\\251cial"',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ].join('\n');
    expect(parseGitDiff(diff)[0]?.path).toBe('spécial');
  });

  it('a rename of names with spaces is read from the rename lines, not the diff --git line', () => {
    const diff = ['diff --git a/a b/c b/a b/d', 'similarity index 100%', 'rename from a b/c', 'rename to a b/d'].join('\n');
    expect(parseGitDiff(diff)[0]).toMatchObject({ path: 'a b/d', oldPath: 'a b/c', status: 'renamed' });
  });

  it('a hunk header starts a new hunk even where the hunk before promised more lines', () => {
    const hunks = parseHunks('@@ -1,4 +1,5 @@\n one\n+two\n@@ -10 +11 @@\n-x\n+y');
    expect(hunks.map((hunk) => [hunk.header, hunk.lines.length])).toEqual([
      ['@@ -1,4 +1,5 @@', 2],
      ['@@ -10 +11 @@', 2],
    ]);
  });

  it('a removed line that looks like a file header stays a removed line', () => {
    const diff = [
      'diff --git a/q.sql b/q.sql',
      '--- a/q.sql',
      '+++ b/q.sql',
      '@@ -1,2 +1 @@',
      '--- comment',
      ' select 1;',
      'diff --git a/b b/b',
      '--- a/b',
      '+++ b/b',
      '@@ -1 +1 @@',
      '-x',
      '+y',
    ].join('\n');
    const files = parseGitDiff(diff);
    expect(files.map((file) => [file.path, file.additions, file.deletions])).toEqual([
      ['q.sql', 0, 1],
      ['b', 1, 1],
    ]);
    expect(files[0]?.hunks[0]?.lines[0]).toMatchObject({ kind: 'del', text: '-- comment' });
  });

  it('plain diff -u output without diff lines, with timestamps', () => {
    const diff = [
      '--- old/a.txt\t2024-01-01 00:00:00.000000000 +0000',
      '+++ new/a.txt\t2024-01-02 00:00:00.000000000 +0000',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '--- x.txt\t2024-01-01',
      '+++ x.txt\t2024-01-02',
      '@@ -1 +1,2 @@',
      ' x',
      '+y',
    ].join('\n');
    expect(parseGitDiff(diff).map((file) => [file.path, file.status, file.additions])).toEqual([
      ['new/a.txt', 'renamed', 1],
      ['x.txt', 'modified', 1],
    ]);
  });
});

describe('unquoteGitPath', () => {
  it('undoes every escape git writes', () => {
    expect(unquoteGitPath('"tab\\there \\"q\\" back\\\\slash \\303\\251"')).toBe('tab\there "q" back\\slash é');
    expect(unquoteGitPath('plain name')).toBe('plain name');
  });
});

describe('parseHunks', () => {
  it('reads a pulls/files patch (hunks without file headers) with line numbers of both sides', () => {
    const [first, second] = parseHunks('@@ -1,2 +1,3 @@ intro\n a\n+b\n c\n@@ -10 +11 @@\n-x\n+y\n');
    expect(first).toMatchObject({ header: '@@ -1,2 +1,3 @@ intro', oldStart: 1, newStart: 1, offset: 0 });
    expect(first?.lines.map((line) => [line.kind, line.oldLine, line.newLine])).toEqual([
      ['context', 1, 1],
      ['add', undefined, 2],
      ['context', 2, 3],
    ]);
    expect(second).toMatchObject({ oldStart: 10, newStart: 11, offset: 4 });
    expect(second?.lines.map((line) => line.offset)).toEqual([5, 6]);
  });

  it('gives nothing for text without a hunk', () => {
    expect(parseHunks('')).toEqual([]);
    expect(parseHunks('not a patch')).toEqual([]);
  });
});
