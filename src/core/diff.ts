/**
 * The one unified-diff reader of the product: `git diff` output, a pull request's `.diff`, plain `diff -u`
 * output, and the per-file `patch` of the pulls/files API. One pass over the text, no line array:
 *
 * - a hunk ends where its header's line counts say, so a removed line such as `--- x` or `-- comment` is never
 *   read as a file header; a new hunk header or `diff` line ends a hunk that has fewer lines than it promised;
 * - a `\ No newline at end of file` marker is not a line of the file: it marks the line before it;
 * - git's C-quoted names (`"b/sp\303\251cial name"`) are unquoted (src/core/diff-names.ts);
 * - renames and copies come from the `rename from/to` and `copy from/to` lines, binary files from
 *   `Binary files … differ` and `GIT binary patch`, modes and blob ids from the extended header;
 * - every line keeps its offset under the file's first hunk header (GitHub's diff `position`).
 *
 * Hunk lines are first recorded as positions in the text (`DiffLines`), not as strings and objects:
 * `parseGitDiff` builds the `DiffLine` objects from them, and `indexGitDiff` hands them over as they are to readers
 * that need few lines as strings (the secret scan reads a 10 MB diff without an object per line).
 */
import type { DiffLine } from './diff-lines.js';
import { DiffLines, LINE_ADD, LINE_CONTEXT, LINE_DEL } from './diff-lines.js';
import { fileLineName, gitHeaderNames, unquoteGitPath } from './diff-names.js';

export { DiffLines, LINE_ADD, LINE_CONTEXT, LINE_DEL, type DiffLine, type DiffLineKind } from './diff-lines.js';
export { unquoteGitPath } from './diff-names.js';

export interface DiffHunk {
  /** The `@@ -a,b +c,d @@ …` line. */
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Offset of the header under the file's first hunk header (0 for the first hunk). */
  offset: number;
  lines: DiffLine[];
}

export type DiffFileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied';

export interface DiffFile {
  /** Path of the new version (of the old version for a deletion). */
  path: string;
  /** Path the file had before a rename or copy. */
  oldPath?: string;
  status: DiffFileStatus;
  binary: boolean;
  oldMode?: string;
  newMode?: string;
  /** Abbreviated or full blob ids from the `index` line. */
  oldBlob?: string;
  newBlob?: string;
  additions: number;
  deletions: number;
  hunks: DiffHunk[];
  /** The file's hunks as text, from its first hunk header, line endings kept (the pulls/files `patch`). */
  patch?: string;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** A file of `indexGitDiff`: its hunk lines are `lines.first` to `lines.first + lines.count - 1` of the diff's `DiffLines`. */
export interface IndexedDiffFile extends Omit<DiffFile, 'hunks'> {
  lines: { first: number; count: number };
}

export interface IndexedDiff {
  files: IndexedDiffFile[];
  lines: DiffLines;
}

/** Parses a multi-file diff. Files without hunks (binary, renamed only, mode only, empty) are listed too. */
export function parseGitDiff(text: string): DiffFile[] {
  const { files, lines } = readDiff(text);
  return files.filter((file) => file.path !== '').map((file) => ({ ...describe(file, text), hunks: hunkObjects(file, lines) }));
}

/** `parseGitDiff` with each file's lines left as positions in the text (see `DiffLines`). */
export function indexGitDiff(text: string): IndexedDiff {
  const { files, lines } = readDiff(text);
  const indexed: IndexedDiffFile[] = [];
  for (const file of files) if (file.path !== '') indexed.push(Object.assign(describe(file, text), { lines: lineRange(file) }));
  return { files: indexed, lines };
}

/** Parses the hunks of one file's patch (the pulls/files API gives hunks without file headers). */
export function parseHunks(patch: string): DiffHunk[] {
  const { files, lines } = readDiff(patch);
  return files.flatMap((file) => hunkObjects(file, lines));
}

/** `parseHunks` with the lines left as positions in the patch: all of them, in order. */
export function indexHunks(patch: string): DiffLines {
  return readDiff(patch).lines;
}

/** A hunk while it is read: its lines are `first` to `first + count - 1` of the diff's `DiffLines`. */
interface HunkRecord extends Omit<DiffHunk, 'lines'> {
  first: number;
  count: number;
}

function hunkObjects(file: OpenFile, lines: DiffLines): DiffHunk[] {
  return file.hunks.map(({ first, count, ...hunk }) => ({ ...hunk, lines: lines.toObjects(first, count) }));
}

function lineRange(file: OpenFile): { first: number; count: number } {
  const first = file.hunks[0]?.first ?? 0;
  const last = file.hunks[file.hunks.length - 1];
  return { first, count: last ? last.first + last.count - first : 0 };
}

/** A file while it is read: what its header lines said, its hunks, where its patch is in the text. */
interface OpenFile {
  path: string;
  gitNames?: { from: string; to: string };
  minus?: string | null;
  plus?: string | null;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  created: boolean;
  deleted: boolean;
  binary: boolean;
  oldMode?: string;
  newMode?: string;
  blobs?: [string, string];
  additions: number;
  deletions: number;
  hunks: HunkRecord[];
  /** Input line of the first hunk header; character range of the hunks in the text. */
  firstHunkLine: number;
  patchStart: number;
  patchEnd: number;
}

function openFile(): OpenFile {
  return { path: '', created: false, deleted: false, binary: false, additions: 0, deletions: 0, hunks: [], firstHunkLine: -1, patchStart: -1, patchEnd: -1 };
}

/** The hunk being read and how many old and new lines its header still promises. */
interface OpenHunk {
  hunk: HunkRecord;
  oldLine: number;
  newLine: number;
  oldLeft: number;
  newLeft: number;
}

function readDiff(text: string): { files: OpenFile[]; lines: DiffLines } {
  const files: OpenFile[] = [];
  const lines = new DiffLines(text);
  let file: OpenFile | undefined;
  let open: OpenHunk | undefined;
  let inBinaryPatch = false;
  let lineNumber = -1;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineStart = start;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 /* \r */ ? end - 1 : end;
    start = end + 1;
    lineNumber += 1;
    // Hunk lines, nearly all of a diff, are recorded as positions: no string is cut out of the text for them.
    if (open && file && readHunkLine(file, open, lines, lineStart, lineEnd, lineNumber)) {
      file.patchEnd = end;
      continue;
    }
    open = undefined;
    const line = text.slice(lineStart, lineEnd);
    if (line.startsWith('diff ')) {
      file = openFile();
      files.push(file);
      inBinaryPatch = false;
      if (line.startsWith('diff --git ')) file.gitNames = gitHeaderNames(line.slice('diff --git '.length));
      continue;
    }
    if (inBinaryPatch) continue;
    const header = line.startsWith('@@') ? HUNK_HEADER.exec(line) : null;
    if (header) {
      if (!file) files.push((file = openFile()));
      open = startHunk(file, line, header, lineNumber, lineStart, lines.count);
      file.patchEnd = end;
    } else if (line.startsWith('--- ')) {
      // Plain `diff -u` output has no `diff` line: a file starts at its `---` line.
      if (!file || file.hunks.length > 0 || file.minus !== undefined) files.push((file = openFile()));
      file.minus = fileLineName(line.slice(4));
    } else if (file && readHeaderLine(file, line)) {
      inBinaryPatch = line === 'GIT binary patch';
    }
  }
  for (const each of files) each.path = pathOf(each);
  return { files, lines };
}

function startHunk(file: OpenFile, line: string, header: RegExpExecArray, lineNumber: number, lineStart: number, firstLine: number): OpenHunk {
  if (file.firstHunkLine < 0) {
    file.firstHunkLine = lineNumber;
    file.patchStart = lineStart;
  }
  const count = (value: string | undefined) => (value === undefined ? 1 : Number(value));
  const hunk: HunkRecord = {
    header: line,
    oldStart: Number(header[1]),
    oldLines: count(header[2]),
    newStart: Number(header[3]),
    newLines: count(header[4]),
    offset: lineNumber - file.firstHunkLine,
    first: firstLine,
    count: 0,
  };
  file.hunks.push(hunk);
  return { hunk, oldLine: hunk.oldStart, newLine: hunk.newStart, oldLeft: hunk.oldLines, newLeft: hunk.newLines };
}

/**
 * Adds the line from `lineStart` to `lineEnd` to the open hunk. False when the line is not part of it: the hunk
 * has all the lines its header promised, or the line cannot be a hunk line (a hunk header, a `diff` line).
 */
function readHunkLine(file: OpenFile, open: OpenHunk, lines: DiffLines, lineStart: number, lineEnd: number, lineNumber: number): boolean {
  const marker = lineEnd > lineStart ? lines.text.charCodeAt(lineStart) : -1;
  if (marker === 92 /* \ No newline at end of file */) {
    if (open.hunk.count > 0) lines.noNewlineAtEnd[lines.count - 1] = 1;
    return true;
  }
  if (open.oldLeft <= 0 && open.newLeft <= 0) return false;
  const offset = lineNumber - file.firstHunkLine;
  if (marker === 43 /* + */) {
    lines.push(LINE_ADD, lineStart + 1, lineEnd, 0, open.newLine++, offset);
    open.newLeft -= 1;
    file.additions += 1;
  } else if (marker === 45 /* - */) {
    lines.push(LINE_DEL, lineStart + 1, lineEnd, open.oldLine++, 0, offset);
    open.oldLeft -= 1;
    file.deletions += 1;
  } else if (marker === 32 /* space */ || marker === -1) {
    // An empty line is a context line whose leading space some tool trimmed on the way.
    lines.push(LINE_CONTEXT, Math.min(lineStart + 1, lineEnd), lineEnd, open.oldLine++, open.newLine++, offset);
    open.oldLeft -= 1;
    open.newLeft -= 1;
  } else {
    return false;
  }
  open.hunk.count += 1;
  return true;
}

/** Reads one extended header line into `file`; false when the line says nothing about the file. */
function readHeaderLine(file: OpenFile, line: string): boolean {
  if (line.startsWith('+++ ')) file.plus = fileLineName(line.slice(4));
  else if (line.startsWith('new file mode ')) [file.created, file.newMode] = [true, line.slice('new file mode '.length)];
  else if (line.startsWith('deleted file mode ')) [file.deleted, file.oldMode] = [true, line.slice('deleted file mode '.length)];
  else if (line.startsWith('old mode ')) file.oldMode = line.slice('old mode '.length);
  else if (line.startsWith('new mode ')) file.newMode = line.slice('new mode '.length);
  else if (line.startsWith('index ')) readIndexLine(file, line);
  else if (/^rename (?:from|old) /.test(line)) file.renameFrom = unquoteGitPath(line.slice(line.indexOf(' ', 7) + 1));
  else if (/^rename (?:to|new) /.test(line)) file.renameTo = unquoteGitPath(line.slice(line.indexOf(' ', 7) + 1));
  else if (line.startsWith('copy from ')) file.copyFrom = unquoteGitPath(line.slice('copy from '.length));
  else if (line.startsWith('copy to ')) file.copyTo = unquoteGitPath(line.slice('copy to '.length));
  else if (line === 'GIT binary patch' || /^Binary files .* differ$/.test(line)) file.binary = true;
  else return false;
  return true;
}

/** `index 1a2b..3c4d 100644`: the blob ids, and the mode when it did not change. */
function readIndexLine(file: OpenFile, line: string): void {
  const match = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?$/.exec(line);
  if (!match) return;
  file.blobs = [match[1] ?? '', match[2] ?? ''];
  if (match[3]) {
    file.oldMode ??= match[3];
    file.newMode ??= match[3];
  }
}

function oldName(file: OpenFile): string | undefined {
  return file.renameFrom ?? file.copyFrom ?? file.minus ?? file.gitNames?.from;
}

function newName(file: OpenFile): string | undefined {
  return file.renameTo ?? file.copyTo ?? file.plus ?? file.gitNames?.to;
}

function isDeleted(file: OpenFile): boolean {
  return file.deleted || file.plus === null;
}

function pathOf(file: OpenFile): string {
  return (isDeleted(file) ? (oldName(file) ?? file.gitNames?.from) : (newName(file) ?? file.gitNames?.to)) ?? '';
}

function fileStatusOf(file: OpenFile): DiffFileStatus {
  if (isDeleted(file)) return 'deleted';
  if (file.created || file.minus === null) return 'added';
  if (file.copyTo !== undefined) return 'copied';
  const [before, after] = [oldName(file), newName(file)];
  if (file.renameTo !== undefined || (before !== undefined && after !== undefined && before !== after)) return 'renamed';
  return 'modified';
}

function describe(file: OpenFile, text: string): Omit<DiffFile, 'hunks'> {
  const status = fileStatusOf(file);
  const described: Omit<DiffFile, 'hunks'> = { path: file.path, status, binary: file.binary, additions: file.additions, deletions: file.deletions };
  const before = oldName(file);
  if ((status === 'renamed' || status === 'copied') && before !== undefined) described.oldPath = before;
  if (file.oldMode) described.oldMode = file.oldMode;
  if (file.newMode) described.newMode = file.newMode;
  if (file.blobs) [described.oldBlob, described.newBlob] = file.blobs;
  if (file.patchStart >= 0) described.patch = text.slice(file.patchStart, file.patchEnd);
  return described;
}
