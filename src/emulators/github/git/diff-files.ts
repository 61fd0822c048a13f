/** Splits `git diff --full-index -M` output (read by src/core/diff.ts) into GitHub's per-file view (pulls/files, compare). */
import { parseGitDiff, type DiffFile as ParsedFile, type DiffFileStatus } from '../../../core/diff.js';

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
  return parseGitDiff(text).map(githubFile);
}

/** GitHub's statuses: a deletion is `removed`; the emulator diffs with -M only, so a copy shows as an addition. */
const STATUS: Record<DiffFileStatus, DiffStatus> = { added: 'added', deleted: 'removed', modified: 'modified', renamed: 'renamed', copied: 'added' };

function githubFile(parsed: ParsedFile): DiffFile {
  const status = STATUS[parsed.status];
  const file: DiffFile = {
    filename: parsed.path,
    status,
    additions: parsed.additions,
    deletions: parsed.deletions,
    sha: (status === 'removed' ? parsed.oldBlob : parsed.newBlob) ?? '',
    rightLines: new Set(),
    leftLines: new Set(),
    positions: new Map(),
    offsets: new Map(),
  };
  if (status === 'renamed') file.previousFilename = parsed.oldPath;
  if (parsed.patch === undefined) return file;
  file.patch = parsed.patch;
  for (const line of parsed.hunks.flatMap((hunk) => hunk.lines)) {
    if (line.oldLine !== undefined) {
      file.leftLines.add(line.oldLine);
      file.offsets.set(`LEFT:${line.oldLine}`, line.offset);
    }
    if (line.newLine !== undefined) {
      file.rightLines.add(line.newLine);
      file.offsets.set(`RIGHT:${line.newLine}`, line.offset);
    }
    file.positions.set(line.offset, line.kind === 'del' ? { side: 'LEFT', line: line.oldLine ?? 0 } : { side: 'RIGHT', line: line.newLine ?? 0 });
  }
  return file;
}

/** The hunk text GitHub stores with a review comment: from the hunk header to the addressed line. */
export function diffHunkFor(file: DiffFile, side: 'LEFT' | 'RIGHT', line: number): string {
  const lines = (file.patch ?? '').split('\n');
  const offset = file.offsets.get(`${side}:${line}`) ?? 0;
  let header = offset;
  while (header > 0 && !lines[header]?.startsWith('@@')) header -= 1;
  return lines.slice(header, offset + 1).join('\n');
}
