/**
 * The diff as the model reads it: every line carries its new-file number, so the `line` of a finding is a
 * number the model copied rather than counted. A file larger than one call is split at hunk boundaries, and
 * a hunk larger than one call into windows of lines; each piece names its file, so any piece stands alone.
 */
import { isDeletionOnly, type DiffLine, type Hunk } from './diff.js';

export interface DiffPiece {
  path: string;
  /** 1-based piece number within the file, and how many pieces the file has. */
  part: number;
  parts: number;
  text: string;
}

export interface RenderOptions {
  /** Drop hunks that only remove lines (the last thing to give up before leaving files out). */
  dropDeletionOnlyHunks?: boolean;
}

function renderLine(line: DiffLine): string {
  if (line.kind === 'add') return `${line.newLine} +${line.text}`;
  if (line.kind === 'context') return `${line.newLine}  ${line.text}`;
  return `- ${line.text}`;
}

function fileHeader(path: string, status: string, part: number, parts: number): string {
  return `=== ${path} (${status}${parts > 1 ? `, part ${part} of ${parts}` : ''}) ===`;
}

/** The rendered lines of each hunk; a hunk longer than `maxChars` becomes several windows. */
function hunkBlocks(hunks: readonly Hunk[], maxChars: number, options: RenderOptions): string[] {
  const blocks: string[] = [];
  for (const hunk of hunks) {
    if (options.dropDeletionOnlyHunks && isDeletionOnly(hunk)) continue;
    const lines = hunk.lines.map(renderLine);
    let block = hunk.header;
    for (const line of lines) {
      // +1 for the newline; a single line longer than the window still goes in alone.
      if (block.length + 1 + line.length > maxChars && block !== hunk.header && !block.endsWith('(continued) @@')) {
        blocks.push(block);
        block = `@@ ${hunk.header.replace(/^@@ | @@.*$/g, '')} (continued) @@`;
      }
      block += `\n${line}`;
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * Pure: a file's hunks as pieces of at most `maxChars` characters each (header included), in order. One
 * piece when it fits. A piece can exceed `maxChars` only when a single diff line does.
 */
export function renderFilePieces(path: string, status: string, hunks: readonly Hunk[], maxChars: number, options: RenderOptions = {}): DiffPiece[] {
  // Room for the longest header this file can get ("part 99 of 99").
  const headerRoom = fileHeader(path, status, 99, 99).length + 1;
  const blocks = hunkBlocks(hunks, Math.max(200, maxChars - headerRoom), options);
  if (blocks.length === 0) return [];
  const grouped: string[][] = [[]];
  let size = headerRoom;
  for (const block of blocks) {
    const current = grouped[grouped.length - 1] ?? [];
    if (current.length > 0 && size + block.length + 1 > maxChars) {
      grouped.push([block]);
      size = headerRoom + block.length + 1;
    } else {
      current.push(block);
      size += block.length + 1;
    }
  }
  return grouped.map((group, index) => ({
    path,
    part: index + 1,
    parts: grouped.length,
    text: `${fileHeader(path, status, index + 1, grouped.length)}\n${group.join('\n')}`,
  }));
}
