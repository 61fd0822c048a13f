/**
 * The diff budget: every reviewable file is sent to the model within `maxCalls` calls of at most
 * `maxInputTokens` estimated input tokens each (the estimate the model layer enforces), leaving room for
 * the one repair round structured output may need. What is given up, in order, when the diff does not
 * fit: the repository context, then hunks that only delete lines, then whole files, which are listed by
 * name so the review never looks complete when it was not.
 */
import type { Hunk } from './diff.js';
import { packItems } from './chunking.js';
import { buildChunkMessage, renderContext, type ReviewContext } from './prompt.js';
import { renderFilePieces, type DiffPiece } from './render-diff.js';

export interface BudgetFile {
  path: string;
  status: string;
  hunks: Hunk[];
}

/** Why a reviewable file was not (fully) reviewed. */
export type LeftOutReason = 'no-patch' | 'budget' | 'partial';

export interface LeftOutFile {
  path: string;
  reason: LeftOutReason;
}

export interface ChunkPlan {
  /** 1-based position among the plan's chunks, and their number. */
  part: number;
  parts: number;
  pieces: DiffPiece[];
  /** Files this chunk shows (fully or in part). */
  files: string[];
  /** The user message, ready to send. */
  message: string;
  /** Estimated input tokens of the first call for this chunk (model layer's estimate). */
  estimatedTokens: number;
  /** Files whose surrounding code is included. */
  surroundingsFor: string[];
}

export interface BudgetPlan {
  chunks: ChunkPlan[];
  /** Files the model saw completely. */
  covered: string[];
  leftOut: LeftOutFile[];
  /** Files with nothing left to review once deletion-only hunks were dropped. */
  deletionOnly: string[];
  /** The context every chunk carries (empty when the budget had no room for it). */
  context: ReviewContext;
  contextIncluded: boolean;
  deletionOnlyHunksDropped: boolean;
  /** Estimated input tokens each chunk may use (limit minus the repair reserve). */
  tokensPerChunk: number;
}

export interface BudgetRequest {
  repository: string;
  pullNumber: number;
  files: readonly BudgetFile[];
  /** Reviewable files GitHub sent no patch for (diff too large to show). */
  withoutPatch: readonly string[];
  context: ReviewContext;
  maxCalls: number;
  maxInputTokens: number;
  /** Tokens kept free in each call for the repair round (the model's reply and the problems found). */
  reserveTokens: number;
  /** Estimated input tokens of a full request with this user message (system prompt and tool included). */
  tokensFor: (message: string) => number;
}

// Fence lengths and part numbers vary by a few characters between the measured base and the real message.
const SLACK_CHARS = 64;
const CHARS_PER_TOKEN = 4;

interface Attempt {
  withContext: boolean;
  dropDeletionOnly: boolean;
}

const ATTEMPTS: readonly Attempt[] = [
  { withContext: true, dropDeletionOnly: false },
  { withContext: false, dropDeletionOnly: false },
  { withContext: false, dropDeletionOnly: true },
];

interface Packed {
  attempt: Attempt;
  bins: DiffPiece[][];
  unplaced: DiffPiece[];
  emptyFiles: string[];
}

function pack(request: BudgetRequest, attempt: Attempt, capacity: number): Packed {
  const pieces: Array<DiffPiece & { file: string; size: number }> = [];
  const emptyFiles: string[] = [];
  for (const file of request.files) {
    const rendered = renderFilePieces(file.path, file.status, file.hunks, capacity, { dropDeletionOnlyHunks: attempt.dropDeletionOnly });
    if (rendered.length === 0) emptyFiles.push(file.path);
    // +1 for the newline that joins pieces in a chunk.
    for (const piece of rendered) pieces.push({ ...piece, file: piece.path, size: piece.text.length + 1 });
  }
  const { bins, unplaced } = packItems(pieces, request.maxCalls, capacity);
  return { attempt, bins, unplaced, emptyFiles };
}

function coveredCount(packed: Packed): number {
  const missing = new Set(packed.unplaced.map((piece) => piece.path));
  return new Set(
    packed.bins
      .flat()
      .map((piece) => piece.path)
      .filter((path) => !missing.has(path)),
  ).size;
}

function sortPieces(pieces: DiffPiece[]): DiffPiece[] {
  return [...pieces].sort((a, b) => (a.path === b.path ? a.part - b.part : a.path < b.path ? -1 : 1));
}

/** Pure: the chunks to send and what had to be left out. */
export function planBudget(request: BudgetRequest): BudgetPlan {
  const limit = request.maxInputTokens - request.reserveTokens;
  const base = request.tokensFor(
    buildChunkMessage({ repository: request.repository, pullNumber: request.pullNumber, part: 99, parts: 99, context: {}, diff: '' }),
  );
  const room = (limit - base) * CHARS_PER_TOKEN - SLACK_CHARS;
  const contextText = renderContext(request.context);
  const contextCost = contextText ? contextText.length + 2 : 0;

  let best: Packed | undefined;
  for (const attempt of ATTEMPTS) {
    if (attempt.withContext && !contextText) continue;
    const capacity = room - (attempt.withContext ? contextCost : 0);
    if (capacity < 256) continue;
    const packed = pack(request, attempt, capacity);
    if (!best || coveredCount(packed) > coveredCount(best) || (packed.unplaced.length === 0 && best.unplaced.length > 0)) best = packed;
    if (packed.unplaced.length === 0) break;
  }
  const packed = best ?? { attempt: { withContext: false, dropDeletionOnly: true }, bins: [], unplaced: [], emptyFiles: [] };
  if (!best && request.files.length > 0) packed.unplaced = request.files.map((file) => ({ path: file.path, part: 1, parts: 1, text: '' }));

  const context = packed.attempt.withContext ? request.context : {};
  const unplaced = [...packed.unplaced];
  const chunks: ChunkPlan[] = [];
  const bins = packed.bins.filter((bin) => bin.length > 0);
  bins.forEach((bin, index) => {
    const pieces = sortPieces(bin);
    const render = (list: DiffPiece[]) =>
      buildChunkMessage({
        repository: request.repository,
        pullNumber: request.pullNumber,
        part: index + 1,
        parts: bins.length,
        context,
        diff: list.map((piece) => piece.text).join('\n'),
      });
    // Verify with the real estimate; the packing's arithmetic is an approximation of it.
    let message = render(pieces);
    while (pieces.length > 0 && request.tokensFor(message) > limit) {
      const largest = pieces.reduce((a, b) => (b.text.length > a.text.length ? b : a));
      pieces.splice(pieces.indexOf(largest), 1);
      unplaced.push(largest);
      message = render(pieces);
    }
    if (pieces.length === 0) return;
    chunks.push({
      part: index + 1,
      parts: bins.length,
      pieces,
      files: [...new Set(pieces.map((piece) => piece.path))],
      message,
      estimatedTokens: request.tokensFor(message),
      surroundingsFor: [],
    });
  });

  const partly = new Set(unplaced.map((piece) => piece.path));
  const placed = new Set(chunks.flatMap((chunk) => chunk.files));
  const leftOut: LeftOutFile[] = [
    ...request.withoutPatch.map((path) => ({ path, reason: 'no-patch' as const })),
    ...[...partly].sort().map((path) => ({ path, reason: placed.has(path) ? ('partial' as const) : ('budget' as const) })),
  ];
  return {
    chunks,
    covered: [...placed].filter((path) => !partly.has(path)).sort(),
    leftOut,
    deletionOnly: packed.emptyFiles,
    context,
    contextIncluded: packed.attempt.withContext,
    deletionOnlyHunksDropped: packed.attempt.dropDeletionOnly,
    tokensPerChunk: limit,
  };
}

function renderChunk(request: Pick<BudgetRequest, 'repository' | 'pullNumber'>, plan: BudgetPlan, chunk: ChunkPlan, surroundings: string): string {
  return buildChunkMessage({
    repository: request.repository,
    pullNumber: request.pullNumber,
    part: chunk.part,
    parts: chunk.parts,
    context: plan.context,
    diff: chunk.pieces.map((piece) => piece.text).join('\n'),
    surroundings,
  });
}

/** Pure: adds each file's surrounding code to its chunk, file by file, while the chunk stays within the limit. */
export function addSurroundings(
  request: Pick<BudgetRequest, 'repository' | 'pullNumber' | 'tokensFor'>,
  plan: BudgetPlan,
  chunk: ChunkPlan,
  surroundings: ReadonlyMap<string, string>,
): ChunkPlan {
  let text = '';
  let current = chunk;
  for (const path of chunk.files) {
    const block = surroundings.get(path);
    if (!block) continue;
    const candidate = text ? `${text}\n${block}` : block;
    const message = renderChunk(request, plan, chunk, candidate);
    const tokens = request.tokensFor(message);
    if (tokens > plan.tokensPerChunk) continue;
    text = candidate;
    current = { ...current, message, estimatedTokens: tokens, surroundingsFor: [...current.surroundingsFor, path] };
  }
  return current;
}
