/**
 * Where a finding may be shown. GitHub accepts an inline comment only on a line of the diff (added or
 * context, new side); a finding pointing anywhere else must not be posted there. A wrong line number is
 * repaired when the finding quotes its code and that code is on a nearby line of the same hunk; otherwise
 * the finding is shown in the summary only. Never at a guessed place.
 */
import type { FileDiffIndex } from './diff.js';
import { normaliseCode } from './fingerprint.js';

export type Placement =
  /** On a diff line: `line` (and `startLine` for a range) are valid for an inline comment. */
  | { kind: 'inline'; line: number; startLine?: number | undefined; repaired: boolean; code: string }
  /** In a file of the diff but not on one of its lines: summary only. */
  | { kind: 'file'; reason: string }
  /** In no reviewed file (an invented path): dropped. */
  | { kind: 'none'; reason: string };

export interface PlaceRequest {
  file: string;
  line: number;
  startLine?: number | undefined;
  snippet?: string | undefined;
}

/** How far from the stated line a quoted snippet may be found, within the same hunk. */
const REPAIR_DISTANCE = 30;

function hunkFor(index: FileDiffIndex, line: number): number | undefined {
  const exact = index.right.get(line);
  if (exact) return exact.hunk;
  let best: { hunk: number; distance: number } | undefined;
  index.ranges.forEach((range, hunk) => {
    if (!range) return;
    const distance = line < range.first ? range.first - line : line > range.last ? line - range.last : 0;
    if (distance <= REPAIR_DISTANCE && (!best || distance < best.distance)) best = { hunk, distance };
  });
  return best?.hunk;
}

/** A range is kept only when every line of it is commentable and in the same hunk, else it shrinks to `line`. */
function validStart(index: FileDiffIndex, startLine: number | undefined, line: number): number | undefined {
  if (startLine === undefined || startLine >= line) return undefined;
  const hunk = index.right.get(line)?.hunk;
  for (let n = startLine; n <= line; n++) {
    if (index.right.get(n)?.hunk !== hunk) return undefined;
  }
  return startLine;
}

function snippetMatches(snippet: string, code: string): boolean {
  const wanted = normaliseCode(snippet);
  const have = normaliseCode(code);
  return wanted !== '' && (have === wanted || (wanted.length >= 8 && have.includes(wanted)));
}

/** Pure: where the finding goes, given the diff of its file (undefined when the file is not in the review). */
export function placeFinding(request: PlaceRequest, index: FileDiffIndex | undefined): Placement {
  if (!index) return { kind: 'none', reason: `${request.file} is not among the reviewed files` };
  const snippet = request.snippet && request.snippet.trim() !== '' ? request.snippet : undefined;
  const stated = index.right.get(request.line);
  if (stated && (!snippet || snippetMatches(snippet, stated.text))) {
    return {
      kind: 'inline',
      line: request.line,
      startLine: validStart(index, request.startLine, request.line),
      repaired: false,
      code: normaliseCode(stated.text),
    };
  }
  if (!snippet) return { kind: 'file', reason: `line ${request.line} is not a line of the diff` };
  const hunk = hunkFor(index, request.line);
  if (hunk === undefined) return { kind: 'file', reason: `line ${request.line} is not a line of the diff` };
  let best: { line: number; distance: number } | undefined;
  for (const [line, info] of index.right) {
    if (info.hunk !== hunk || !snippetMatches(snippet, info.text)) continue;
    const distance = Math.abs(line - request.line);
    if (distance <= REPAIR_DISTANCE && (!best || distance < best.distance || (distance === best.distance && line < best.line))) best = { line, distance };
  }
  if (!best) return { kind: 'file', reason: `the quoted code is not at or near line ${request.line} of the diff` };
  // A range moves with its last line; it is kept only if it still lies within the hunk.
  const shift = best.line - request.line;
  const startLine = request.startLine !== undefined ? validStart(index, request.startLine + shift, best.line) : undefined;
  const text = index.right.get(best.line)?.text ?? '';
  return { kind: 'inline', line: best.line, startLine, repaired: true, code: normaliseCode(text) };
}
