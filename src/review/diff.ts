/**
 * A file's patch as the pulls/files API returns it (hunks only, no file headers), parsed into lines with
 * their numbers. Which new-file lines appear in the patch decides where an inline comment may go: GitHub
 * accepts a review comment only on an added or context line of the diff (the RIGHT side).
 */
import { parseHunks } from '../core/diff.js';

export type DiffLineKind = 'add' | 'context' | 'del';

export interface DiffLine {
  kind: DiffLineKind;
  /** Line in the new file (add and context lines). */
  newLine?: number;
  /** Line in the old file (del and context lines). */
  oldLine?: number;
  text: string;
}

export interface Hunk {
  header: string;
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

/** Parses the patch (src/core/diff.ts reads it); a no-newline marker belongs to the line before it. */
export function parsePatch(patch: string): Hunk[] {
  return parseHunks(patch).map((hunk) => ({
    header: hunk.header,
    oldStart: hunk.oldStart,
    newStart: hunk.newStart,
    lines: hunk.lines.map(({ kind, oldLine, newLine, text }): DiffLine => {
      if (kind === 'add') return { kind, newLine: newLine ?? 0, text };
      if (kind === 'del') return { kind, oldLine: oldLine ?? 0, text };
      return { kind, oldLine: oldLine ?? 0, newLine: newLine ?? 0, text };
    }),
  }));
}

/** Where a new-file line sits in the diff. */
export interface RightLine {
  text: string;
  hunk: number;
  kind: 'add' | 'context';
}

/** The commentable lines of one file, and its hunks' new-file ranges. */
export interface FileDiffIndex {
  path: string;
  hunks: Hunk[];
  right: Map<number, RightLine>;
  /** Inclusive new-file line range of each hunk's commentable lines (null for deletion-only hunks). */
  ranges: Array<{ first: number; last: number } | null>;
}

export function indexFileDiff(path: string, hunks: Hunk[]): FileDiffIndex {
  const right = new Map<number, RightLine>();
  const ranges: FileDiffIndex['ranges'] = [];
  hunks.forEach((hunk, index) => {
    let first: number | undefined;
    let last: number | undefined;
    for (const line of hunk.lines) {
      if (line.kind === 'del' || line.newLine === undefined) continue;
      right.set(line.newLine, { text: line.text, hunk: index, kind: line.kind });
      first ??= line.newLine;
      last = line.newLine;
    }
    ranges.push(first !== undefined && last !== undefined ? { first, last } : null);
  });
  return { path, hunks, right, ranges };
}

/** Whether a hunk only removes lines (nothing on the new side to comment on). */
export function isDeletionOnly(hunk: Hunk): boolean {
  return hunk.lines.every((line) => line.kind !== 'add');
}
