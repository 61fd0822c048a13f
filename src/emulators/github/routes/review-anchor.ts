import { diffHunkFor, type DiffFile } from '../git/diff-files.js';
import { unprocessable, validationFailed } from '../http/api-error.js';
import type { DiffSide, ReviewCommentRecord } from '../state/records.js';
import type { RepositoryState } from '../state/repository-state.js';

export interface AnchorInput {
  path: string;
  line?: number | undefined;
  side?: DiffSide | undefined;
  start_line?: number | undefined;
  start_side?: DiffSide | undefined;
  position?: number | undefined;
  subject_type?: 'line' | 'file' | undefined;
}

export interface Anchor {
  path: string;
  line: number | null;
  side: DiffSide;
  startLine: number | null;
  startSide: DiffSide | null;
  position: number | null;
  diffHunk: string;
  subjectType: 'line' | 'file';
}

/** How a failure is reported: inside a review (plain strings) or as a single review comment. */
export type AnchorErrorStyle = 'review' | 'comment';

function fail(style: AnchorErrorStyle, field: 'line' | 'path' | 'position' | 'start_line', reviewMessage: string): never {
  if (style === 'review') throw unprocessable('Unprocessable Entity', [reviewMessage]);
  throw validationFailed([
    {
      resource: 'PullRequestReviewComment',
      code: 'custom',
      field: `pull_request_review_thread.${field}`,
      message: `pull_request_review_thread.${field} ${field === 'path' ? 'could not be resolved' : 'must be part of the diff'}`,
    },
  ]);
}

/** Places a review comment on the diff exactly as GitHub does, or refuses it with 422. */
export function resolveAnchor(files: readonly DiffFile[], input: AnchorInput, style: AnchorErrorStyle): Anchor {
  const file = files.find((candidate) => candidate.filename === input.path);
  if (!file) fail(style, 'path', 'Path could not be resolved');
  if (input.subject_type === 'file') {
    return {
      path: file.filename,
      line: null,
      side: 'RIGHT',
      startLine: null,
      startSide: null,
      position: null,
      diffHunk: file.patch ?? '',
      subjectType: 'file',
    };
  }
  if (input.line === undefined && input.position !== undefined) {
    const target = file.positions.get(input.position);
    if (!target || input.position < 1) fail(style, 'position', 'Position could not be resolved');
    return {
      path: file.filename,
      line: target.line,
      side: target.side,
      startLine: null,
      startSide: null,
      position: input.position,
      diffHunk: diffHunkFor(file, target.side, target.line),
      subjectType: 'line',
    };
  }
  if (input.line === undefined) fail(style, 'line', 'Line could not be resolved');
  const side = input.side ?? 'RIGHT';
  const lines = side === 'RIGHT' ? file.rightLines : file.leftLines;
  if (!lines.has(input.line)) fail(style, 'line', 'Line could not be resolved');
  let startLine: number | null = null;
  let startSide: DiffSide | null = null;
  if (input.start_line !== undefined) {
    startSide = input.start_side ?? side;
    const startLines = startSide === 'RIGHT' ? file.rightLines : file.leftLines;
    if (input.start_line >= input.line || !startLines.has(input.start_line)) fail(style, 'start_line', 'Start line could not be resolved');
    startLine = input.start_line;
  }
  const offset = file.offsets.get(`${side}:${input.line}`);
  return {
    path: file.filename,
    line: input.line,
    side,
    startLine,
    startSide,
    position: offset ?? null,
    diffHunk: diffHunkFor(file, side, input.line),
    subjectType: 'line',
  };
}

/** Stores a new (non-reply) review comment placed at `anchor`, as part of review `reviewId`. */
export function storeReviewComment(
  state: RepositoryState,
  input: { pullNumber: number; reviewId: number; anchor: Anchor; commitId: string; body: string; author: string; now: string },
): ReviewCommentRecord {
  const record: ReviewCommentRecord = {
    id: state.nextId(),
    pullNumber: input.pullNumber,
    reviewId: input.reviewId,
    ...input.anchor,
    commitId: input.commitId,
    originalCommitId: input.commitId,
    body: input.body,
    author: input.author,
    inReplyTo: null,
    createdAt: input.now,
    updatedAt: input.now,
  };
  state.reviewComments.set(record.id, record);
  return record;
}
