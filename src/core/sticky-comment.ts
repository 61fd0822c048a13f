/**
 * One bot comment per kind on an issue or PR, edited in place. It is identified by its marker AND the bot's
 * user id: headings change and anyone can paste a marker, but only the bot can author as the bot.
 */
import type { z } from 'zod';
import { createOnce } from './create-once.js';
import type { GitHub } from './github.js';
import { formatMarker, hasMarker, parseMarker, type MarkerKind } from './marker.js';
import type { RepoRef } from './repo.js';

export interface StickyComment {
  id: number;
  body: string;
  userId: number | null;
  htmlUrl: string;
  updatedAt: string;
}

interface ApiComment {
  id: number;
  body?: string | null;
  user?: { id: number } | null;
  html_url: string;
  updated_at: string;
}

function toSticky(comment: ApiComment): StickyComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    userId: comment.user?.id ?? null,
    htmlUrl: comment.html_url,
    updatedAt: comment.updated_at,
  };
}

/** Pure: whether a comment is the bot's sticky comment of this kind. */
export function isStickyComment(comment: { body?: string | null; user?: { id: number } | null }, kind: MarkerKind, botId: number): boolean {
  return comment.user?.id === botId && hasMarker(kind, comment.body);
}

/**
 * The bot's sticky comment of `kind`, or null. Pages through all comments (issues can have hundreds) but stops
 * at the first match, which is the oldest: if a concurrent run ever made a second one, every run still agrees
 * on which to edit.
 */
export async function findStickyComment(gh: GitHub, repo: RepoRef, issueNumber: number, kind: MarkerKind, botId: number): Promise<StickyComment | null> {
  const pages = gh.paginate.iterator(gh.rest.issues.listComments, { owner: repo.owner, repo: repo.repo, issue_number: issueNumber, per_page: 100 });
  for await (const page of pages) {
    const found = page.data.find((comment) => isStickyComment(comment, kind, botId));
    if (found) return toSticky(found);
  }
  return null;
}

/** Pure: the body as stored: the visible text, then the marker on its own line. */
export function renderStickyBody(kind: MarkerKind, body: string, data: Readonly<Record<string, unknown>>): string {
  return `${body.trimEnd()}\n\n${formatMarker(kind, data)}`;
}

// GitHub may hand back CRLF or drop trailing whitespace; neither is a change worth a write.
function normalise(body: string): string {
  return body.replace(/\r\n/g, '\n').trimEnd();
}

/** Pure: whether the stored body differs from what would be written. */
export function stickyBodyChanged(existing: string, rendered: string): boolean {
  return normalise(existing) !== normalise(rendered);
}

export interface UpsertOptions {
  /** The comment as the caller just found it (null: known absent); saves paging through the comments again. */
  existing?: StickyComment | null;
}

export interface UpsertResult {
  comment: StickyComment;
  written: boolean;
}

/**
 * Creates the sticky comment once, or edits it in place. Makes no write at all when the rendered body equals
 * the stored one, so a rerun on unchanged input leaves no trace (0 writes).
 */
export async function upsertStickyComment(
  gh: GitHub,
  repo: RepoRef,
  issueNumber: number,
  kind: MarkerKind,
  botId: number,
  body: string,
  data: Readonly<Record<string, unknown>>,
  options: UpsertOptions = {},
): Promise<UpsertResult> {
  const rendered = renderStickyBody(kind, body, data);
  const existing = options.existing !== undefined ? options.existing : await findStickyComment(gh, repo, issueNumber, kind, botId);
  if (existing && !stickyBodyChanged(existing.body, rendered)) return { comment: existing, written: false };
  if (existing) {
    const { data: updated } = await gh.rest.issues.updateComment({ owner: repo.owner, repo: repo.repo, comment_id: existing.id, body: rendered });
    return { comment: toSticky(updated), written: true };
  }
  // A 502 may come after GitHub created the comment: look for it before creating it a second time.
  const comment = await createOnce(
    async () => toSticky((await gh.rest.issues.createComment({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber, body: rendered })).data),
    async () => (await findStickyComment(gh, repo, issueNumber, kind, botId)) ?? undefined,
  );
  return { comment, written: true };
}

/** The bot's sticky comment of `kind` with its marker data (null when absent or unreadable). */
export async function readStickyState<T>(
  gh: GitHub,
  repo: RepoRef,
  issueNumber: number,
  kind: MarkerKind,
  botId: number,
  schema: z.ZodType<T>,
): Promise<{ comment: StickyComment | null; data: T | null }> {
  const comment = await findStickyComment(gh, repo, issueNumber, kind, botId);
  return { comment, data: comment ? parseMarker(kind, comment.body, schema) : null };
}
