/**
 * The scanners read diffs as data: which lines a change adds, in which file, at which line of the new
 * version. They accept a whole unified diff (`git diff`, the `.diff` media type of a pull request) or the
 * per-file `patch` the pull-request files API returns, so the review actions and implement's pre-write gate
 * feed them the same way. The diff itself is read by src/core/diff.ts.
 */
import { parseGitDiff, parseHunks, type DiffFileStatus, type DiffHunk } from '../core/diff.js';

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

/** The scanners' view of one parsed file: its added lines and the context the diff shows around them. */
function scanFile(path: string, status: ScanFile['status'], hunks: DiffHunk[]): ScanFile {
  const file: ScanFile = { path, status, added: [], context: [] };
  for (const line of hunks.flatMap((hunk) => hunk.lines)) {
    if (line.newLine === undefined) continue;
    (line.kind === 'add' ? file.added : file.context).push({ line: line.newLine, text: line.text });
  }
  return file;
}

/** A copy is scanned like a rename: only the lines its diff adds are new. */
function scanStatus(status: DiffFileStatus): ScanFile['status'] {
  return status === 'copied' ? 'renamed' : status;
}

/** Parses a multi-file unified diff. Binary files and pure renames appear with no added lines. */
export function parseUnifiedDiff(diff: string): ScanFile[] {
  return parseGitDiff(diff).map((file) => scanFile(file.path, scanStatus(file.status), file.hunks));
}

/** Parses the `patch` of one file from the pull-request files API (hunks only, no file headers). */
export function parsePatch(path: string, patch: string, status: ScanFile['status'] = 'modified'): ScanFile {
  return scanFile(path, status, parseHunks(patch));
}

/** A new file given as its whole content (implement's pre-write gate scans files it creates this way). */
export function fileFromContent(path: string, content: string, status: ScanFile['status'] = 'added'): ScanFile {
  const lines = content.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { path, status, added: lines.map((text, index) => ({ line: index + 1, text: text.endsWith('\r') ? text.slice(0, -1) : text })), context: [], content };
}
