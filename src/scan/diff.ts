/**
 * The scanners read diffs as data: which lines a change adds, in which file, at which line of the new
 * version. They accept a whole unified diff (`git diff`, the `.diff` media type of a pull request) or the
 * per-file `patch` the pull-request files API returns, so the review actions and implement's pre-write gate
 * feed them the same way. The diff itself is read by src/core/diff.ts.
 *
 * A parsed file's `added` and `context` lines are built when first read: the secret scan, which runs on every
 * diff, reads only the added text as one string (`addedText`), cut from the diff without an object per line.
 */
import { indexGitDiff, indexHunks, LINE_ADD, LINE_DEL, type DiffFileStatus, type DiffLines } from '../core/diff.js';

/** A line the change adds, with its 1-based line number in the new version of the file. */
export interface AddedLine {
  line: number;
  text: string;
}

export interface ScanFile {
  /** Path in the new version (the old path for a deletion). */
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  added: AddedLine[];
  /**
   * Unchanged lines the diff shows around the hunks, by new line number. Rules that need the surroundings of
   * an added line (is it inside a workflow `run:` block?) read them when the whole file is not available.
   */
  context: AddedLine[];
  /** The whole new version, when the caller has it (e.g. a workflow file read from the head commit). */
  content?: string;
}

/**
 * How to read a file's added lines as one string, for files whose `added` array has not been built: the diff
 * text they were parsed from, or the content they were made of. See `addedText`.
 */
const ADDED_TEXT = new WeakMap<ScanFile, () => string | undefined>();

/**
 * The added lines of `file` joined with newlines (`file.added.map((line) => line.text).join('\n')`), taken from
 * the text the file was parsed from while its `added` array is unbuilt (and so cannot have been changed).
 */
export function addedText(file: ScanFile): string {
  return ADDED_TEXT.get(file)?.() ?? file.added.map((line) => line.text).join('\n');
}

/**
 * A file whose `added` and `context` arrays are built on first use. `joined` gives the added text without
 * building them; it is asked only while they are unbuilt, so a caller that changed them is read from them.
 */
function lazyScanFile(
  path: string,
  status: ScanFile['status'],
  build: () => { added: AddedLine[]; context: AddedLine[] },
  joined: () => string | undefined,
): ScanFile {
  let lines: { added: AddedLine[]; context: AddedLine[] } | undefined;
  const file = {
    path,
    status,
    get added(): AddedLine[] {
      return (lines ??= build()).added;
    },
    set added(value: AddedLine[]) {
      (lines ??= build()).added = value;
    },
    get context(): AddedLine[] {
      return (lines ??= build()).context;
    },
    set context(value: AddedLine[]) {
      (lines ??= build()).context = value;
    },
  };
  ADDED_TEXT.set(file, () => (lines ? undefined : joined()));
  return file;
}

/** The scanners' view of lines `first` to `first + count - 1` of a parsed diff: added lines and the context around them. */
function scanFile(path: string, status: ScanFile['status'], lines: DiffLines, first: number, count: number): ScanFile {
  const build = () => {
    const built: { added: AddedLine[]; context: AddedLine[] } = { added: [], context: [] };
    for (let i = first; i < first + count; i++) {
      if (lines.kind[i] === LINE_DEL) continue;
      (lines.kind[i] === LINE_ADD ? built.added : built.context).push({ line: lines.newLine[i] ?? 0, text: lines.lineText(i) });
    }
    return built;
  };
  return lazyScanFile(path, status, build, () => joinAdded(lines, first, count));
}

/** The text of the added lines among `first` to `first + count - 1`, joined with newlines. */
function joinAdded(lines: DiffLines, first: number, count: number): string {
  // Slices of the diff share its characters; the one copy is the join's.
  const parts: string[] = [];
  for (let i = first; i < first + count; i++) if (lines.kind[i] === LINE_ADD) parts.push(lines.lineText(i));
  return parts.join('\n');
}

/** A copy is scanned like a rename: only the lines its diff adds are new. */
function scanStatus(status: DiffFileStatus): ScanFile['status'] {
  return status === 'copied' ? 'renamed' : status;
}

/** Parses a multi-file unified diff. Binary files and pure renames appear with no added lines. */
export function parseUnifiedDiff(diff: string): ScanFile[] {
  const { files, lines } = indexGitDiff(diff);
  return files.map((file) => scanFile(file.path, scanStatus(file.status), lines, file.lines.first, file.lines.count));
}

/** Parses the `patch` of one file from the pull-request files API (hunks only, no file headers). */
export function parsePatch(path: string, patch: string, status: ScanFile['status'] = 'modified'): ScanFile {
  const lines = indexHunks(patch);
  return scanFile(path, status, lines, 0, lines.count);
}

/** A new file given as its whole content (implement's pre-write gate scans files it creates this way). */
export function fileFromContent(path: string, content: string, status: ScanFile['status'] = 'added'): ScanFile {
  const build = () => {
    const lines = content.split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return { added: lines.map((text, index) => ({ line: index + 1, text: text.endsWith('\r') ? text.slice(0, -1) : text })), context: [] };
  };
  // Without carriage returns the added lines joined are the content itself, less its final newline.
  const joined = () => (content.includes('\r') ? undefined : content.endsWith('\n') ? content.slice(0, -1) : content);
  return Object.assign(lazyScanFile(path, status, build, joined), { content });
}
