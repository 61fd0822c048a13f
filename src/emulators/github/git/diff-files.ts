/** Splits `git diff --full-index -M` output into GitHub's per-file view (pulls/files, compare). */

export type DiffStatus = 'added' | 'removed' | 'modified' | 'renamed';

export interface DiffFile {
  filename: string;
  previousFilename?: string;
  status: DiffStatus;
  additions: number;
  deletions: number;
  /** Hunks only, from the first `@@` line; undefined for binary files. */
  patch?: string;
  /** Blob of the new version, or of the old one for a removed file. */
  sha: string;
  /** Lines that a review comment may address, per side. */
  rightLines: Set<number>;
  leftLines: Set<number>;
  /** `position` (1-based line offset under the first hunk header) → side and line. */
  positions: Map<number, { side: 'LEFT' | 'RIGHT'; line: number }>;
  /** `${side}:${line}` → offset of that line in `patch`. */
  offsets: Map<string, number>;
}

export function parseDiff(text: string): DiffFile[] {
  const files: DiffFile[] = [];
  const blocks = text.split(/^(?=diff --git )/m).filter((block) => block.startsWith('diff --git '));
  for (const block of blocks) files.push(parseBlock(block));
  return files;
}

function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  const inner = name.slice(1, -1).replace(/\\(["\\tn]|[0-7]{3})/g, (_match, escape: string) => {
    if (escape === 't') return '\t';
    if (escape === 'n') return '\n';
    if (/^[0-7]{3}$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return escape;
  });
  // Octal escapes are UTF-8 bytes; reassemble them.
  return Buffer.from(inner, 'latin1').toString('utf8');
}

function stripPrefix(name: string): string {
  const plain = unquote(name.trim());
  return plain.replace(/^[ab]\//, '');
}

function parseBlock(block: string): DiffFile {
  const lines = block.split('\n');
  let oldName: string | undefined;
  let newName: string | undefined;
  let renameFrom: string | undefined;
  let renameTo: string | undefined;
  let status: DiffStatus = 'modified';
  let oldBlob = '';
  let newBlob = '';
  let hunkStart = -1;
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.startsWith('@@')) {
      hunkStart = index;
      break;
    }
    if (line.startsWith('new file mode')) status = 'added';
    else if (line.startsWith('deleted file mode')) status = 'removed';
    else if (line.startsWith('rename from ')) renameFrom = unquote(line.slice(12));
    else if (line.startsWith('rename to ')) renameTo = unquote(line.slice(10));
    else if (line.startsWith('--- ')) oldName = line.slice(4) === '/dev/null' ? undefined : stripPrefix(line.slice(4));
    else if (line.startsWith('+++ ')) newName = line.slice(4) === '/dev/null' ? undefined : stripPrefix(line.slice(4));
    else if (line.startsWith('index ')) {
      const match = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/.exec(line);
      oldBlob = match?.[1] ?? '';
      newBlob = match?.[2] ?? '';
    }
  }
  if (renameTo) status = 'renamed';
  const header = /^diff --git (.+)$/.exec(lines[0] ?? '')?.[1] ?? '';
  const fallbackName = headerNames(header);
  const filename = renameTo ?? newName ?? oldName ?? fallbackName;
  const file: DiffFile = {
    filename,
    status,
    additions: 0,
    deletions: 0,
    sha: status === 'removed' ? oldBlob : newBlob,
    rightLines: new Set(),
    leftLines: new Set(),
    positions: new Map(),
    offsets: new Map(),
  };
  if (renameTo) file.previousFilename = renameFrom ?? oldName;
  if (hunkStart === -1) return file;

  const hunkLines = lines.slice(hunkStart);
  while (hunkLines.length > 0 && hunkLines[hunkLines.length - 1] === '') hunkLines.pop();
  file.patch = hunkLines.join('\n');
  let oldLine = 0;
  let newLine = 0;
  hunkLines.forEach((line, offset) => {
    if (line.startsWith('@@')) {
      const match = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      oldLine = Number(match?.[1] ?? 0);
      newLine = Number(match?.[2] ?? 0);
      return;
    }
    if (line.startsWith('\\')) return; // "\ No newline at end of file"
    if (line.startsWith('+')) {
      file.additions += 1;
      file.rightLines.add(newLine);
      file.positions.set(offset, { side: 'RIGHT', line: newLine });
      file.offsets.set(`RIGHT:${newLine}`, offset);
      newLine += 1;
    } else if (line.startsWith('-')) {
      file.deletions += 1;
      file.leftLines.add(oldLine);
      file.positions.set(offset, { side: 'LEFT', line: oldLine });
      file.offsets.set(`LEFT:${oldLine}`, offset);
      oldLine += 1;
    } else {
      file.rightLines.add(newLine);
      file.leftLines.add(oldLine);
      file.positions.set(offset, { side: 'RIGHT', line: newLine });
      file.offsets.set(`RIGHT:${newLine}`, offset);
      file.offsets.set(`LEFT:${oldLine}`, offset);
      oldLine += 1;
      newLine += 1;
    }
  });
  return file;
}

/** `a/x b/x` → `x` for diffs without ---/+++ lines (binary or mode-only changes). */
function headerNames(header: string): string {
  const half = header.length / 2;
  const candidate = header.slice(Math.ceil(half)).trim();
  return stripPrefix(candidate);
}

/** The hunk text GitHub stores with a review comment: from the hunk header to the addressed line. */
export function diffHunkFor(file: DiffFile, side: 'LEFT' | 'RIGHT', line: number): string {
  const lines = (file.patch ?? '').split('\n');
  const offset = file.offsets.get(`${side}:${line}`) ?? 0;
  let header = offset;
  while (header > 0 && !lines[header]?.startsWith('@@')) header -= 1;
  return lines.slice(header, offset + 1).join('\n');
}
