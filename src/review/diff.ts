/**
 * A file's patch as the pulls/files API returns it (hunks only, no file headers), parsed into lines with
 * their numbers. Which new-file lines appear in the patch decides where an inline comment may go: GitHub
 * accepts a review comment only on an added or context line of the diff (the RIGHT side).
 */

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

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let oldLine = 0;
  let newLine = 0;
  // A trailing newline ends the text; it is not one more (empty) context line.
  const text = patch.replace(/\r\n/g, '\n').replace(/\n$/, '');
  for (const raw of text.split('\n')) {
    const header = HUNK_HEADER.exec(raw);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      current = { header: raw, oldStart: oldLine, newStart: newLine, lines: [] };
      hunks.push(current);
      continue;
    }
    // "\ No newline at end of file" belongs to the line before it and has no number of its own.
    if (!current || raw.startsWith('\\')) continue;
    const sigil = raw[0];
    const content = raw.slice(1);
    if (sigil === '+') current.lines.push({ kind: 'add', newLine: newLine++, text: content });
    else if (sigil === '-') current.lines.push({ kind: 'del', oldLine: oldLine++, text: content });
    // An empty line is a context line whose leading space was trimmed by some tool on the way.
    else if (sigil === ' ' || raw === '') current.lines.push({ kind: 'context', oldLine: oldLine++, newLine: newLine++, text: content });
  }
  return hunks;
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
