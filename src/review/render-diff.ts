/**
 * The diff as the model reads it: every line carries its new-file number, so the `line` of a finding is a
 * number the model copied rather than counted. A file larger than one call is split at hunk boundaries, and
 * a hunk larger than one call into windows of lines; each piece names its file, so any piece stands alone.
 * A very long line (minified code, a data blob) is reviewed in slices that keep its line number, never skipped:
 * a pull request must not be able to hide a change by writing it on one line.
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

/** Lines longer than this are shown in slices of this many characters, each under the same line number. */
export const LINE_SLICE_CHARS = 1000;

function slices(text: string): string[] {
  if (text.length <= LINE_SLICE_CHARS) return [text];
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += LINE_SLICE_CHARS) parts.push(text.slice(at, at + LINE_SLICE_CHARS));
  return parts.map((part, index) => `${index === 0 ? '' : `[slice ${index + 1}/${parts.length}] `}${part}`);
}

/** One diff line as rendered lines: one, or one per slice of a very long line. */
function renderLine(line: DiffLine): string[] {
  const prefix = line.kind === 'add' ? `${line.newLine} +` : line.kind === 'context' ? `${line.newLine}  ` : '- ';
  return slices(line.text).map((part) => `${prefix}${part}`);
}

function fileHeader(path: string, status: string, part: number, parts: number): string {
  return `=== ${path} (${status}${parts > 1 ? `, part ${part} of ${parts}` : ''}) ===`;
}

/** The rendered lines of each hunk; a hunk longer than `maxChars` becomes several windows. */
function hunkBlocks(hunks: readonly Hunk[], maxChars: number, options: RenderOptions): string[] {
  const blocks: string[] = [];
  for (const hunk of hunks) {
    if (options.dropDeletionOnlyHunks && isDeletionOnly(hunk)) continue;
    const lines = hunk.lines.flatMap(renderLine);
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
