/**
 * The scanners read diffs as data: which lines a change adds, in which file, at which line of the new
 * version. They accept a whole unified diff (`git diff`, the `.diff` media type of a pull request) or the
 * per-file `patch` the pull-request files API returns, so the review actions and implement's pre-write gate
 * feed them the same way. One linear pass, no regexes per line beyond the hunk header.
 */

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

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Strips git's `a/`/`b/` prefixes and the quoting git uses for unusual names. */
function diffPath(raw: string): string {
  let path = raw.trim();
  const tab = path.indexOf('\t');
  if (tab >= 0) path = path.slice(0, tab);
  if (path.startsWith('"') && path.endsWith('"')) {
    try {
      path = JSON.parse(path) as string;
    } catch {
      path = path.slice(1, -1);
    }
  }
  return path.startsWith('a/') || path.startsWith('b/') ? path.slice(2) : path;
}

/** Where a hunk is: the next new line number and how many old/new lines it still holds (from its header). */
interface HunkCursor {
  newLine: number;
  oldLeft: number;
  newLeft: number;
}

function hunkCursor(header: string): HunkCursor | undefined {
  const match = HUNK_HEADER.exec(header);
  if (!match) return undefined;
  return { newLine: Number(match[2]), oldLeft: match[1] === undefined ? 1 : Number(match[1]), newLeft: match[3] === undefined ? 1 : Number(match[3]) };
}

/**
 * Adds one hunk body line to `file`. Returns false when the line is not part of the hunk: the counts in the
 * header say where a hunk ends, so a removed line such as `-- comment` is never mistaken for a file header.
 */
function takeHunkLine(file: ScanFile, cursor: HunkCursor, line: string): boolean {
  if (cursor.oldLeft <= 0 && cursor.newLeft <= 0) return line.charCodeAt(0) === 92; /* \ No newline at end of file */
  const marker = line.charCodeAt(0);
  if (marker === 43 /* + */) {
    file.added.push({ line: cursor.newLine, text: line.slice(1) });
    cursor.newLine++;
    cursor.newLeft--;
    return true;
  }
  if (marker === 32 /* space */ || line === '') {
    file.context.push({ line: cursor.newLine, text: line.slice(1) });
    cursor.newLine++;
    cursor.newLeft--;
    cursor.oldLeft--;
    return true;
  }
  if (marker === 45 /* - */) {
    cursor.oldLeft--;
    return true;
  }
  return marker === 92; /* \ No newline at end of file */
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Parses a multi-file unified diff. Binary files and pure renames appear with no added lines. */
export function parseUnifiedDiff(diff: string): ScanFile[] {
  const files: ScanFile[] = [];
  let file: ScanFile | undefined;
  let cursor: HunkCursor | undefined;
  let oldPath = '';
  let start = 0;
  const length = diff.length;
  while (start < length) {
    let end = diff.indexOf('\n', start);
    if (end < 0) end = length;
    const line = stripCarriageReturn(diff.slice(start, end));
    start = end + 1;
    if (line.startsWith('diff --git ')) {
      file = { path: '', status: 'modified', added: [], context: [] };
      files.push(file);
      cursor = undefined;
      // `diff --git a/x b/x`: a fallback for binary files and renames that have no ---/+++ lines.
      const match = / b\/(.*)$/.exec(line);
      file.path = match?.[1] ?? '';
      continue;
    }
    if (cursor && file && takeHunkLine(file, cursor, line)) continue;
    if (line.startsWith('--- ')) {
      // A diff without `diff --git` headers (plain `diff -u`) starts each file here.
      if (!file || cursor) {
        file = { path: '', status: 'modified', added: [], context: [] };
        files.push(file);
      }
      cursor = undefined;
      oldPath = line.slice(4).trim() === '/dev/null' ? '' : diffPath(line.slice(4));
      if (!oldPath) file.status = 'added';
      continue;
    }
    if (line.startsWith('+++ ') && file) {
      const target = line.slice(4).trim();
      if (target === '/dev/null') {
        file.status = 'deleted';
        file.path = oldPath || file.path;
      } else {
        file.path = diffPath(target);
        if (oldPath && oldPath !== file.path && file.status === 'modified') file.status = 'renamed';
      }
      continue;
    }
    if (line.startsWith('new file mode') && file) file.status = 'added';
    else if (line.startsWith('deleted file mode') && file) file.status = 'deleted';
    else if (line.startsWith('rename to ') && file) {
      file.status = 'renamed';
      file.path = line.slice('rename to '.length);
    } else if (line.startsWith('@@') && file) {
      cursor = hunkCursor(line);
    }
  }
  return files.filter((candidate) => candidate.path !== '');
}

/** Parses the `patch` of one file from the pull-request files API (hunks only, no file headers). */
export function parsePatch(path: string, patch: string, status: ScanFile['status'] = 'modified'): ScanFile {
  const file: ScanFile = { path, status, added: [], context: [] };
  let cursor: HunkCursor | undefined;
  for (const raw of patch.split('\n')) {
    const line = stripCarriageReturn(raw);
    if (line.startsWith('@@')) {
      cursor = hunkCursor(line);
      continue;
    }
    if (cursor) takeHunkLine(file, cursor, line);
  }
  return file;
}

/** A new file given as its whole content (implement's pre-write gate scans files it creates this way). */
export function fileFromContent(path: string, content: string, status: ScanFile['status'] = 'added'): ScanFile {
  const lines = content.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { path, status, added: lines.map((text, index) => ({ line: index + 1, text: stripCarriageReturn(text) })), context: [], content };
}
