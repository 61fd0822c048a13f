/**
 * What an approval freezes: hashes of the title and body as they were when a writer approved the work.
 * The bot records them with the approval (triage's decision on a suggestion, implement's approval record on an
 * issue a person filed); implement compares them with the issue it reads before it starts, so nobody can rewrite
 * the task after a maintainer approved it.
 */
import type { ApprovedContent } from './markers/schemas.js';
import { sha256 } from './digest.js';

export type { ApprovedContent } from './markers/schemas.js';
export type ContentPart = 'title' | 'body';

function hashOf(text: string): string {
  // GitHub may hand the same text back with CRLF line ends or trailing blanks; neither changes the task.
  return sha256(text.replace(/\r\n/g, '\n').trim());
}

/** Pure: the hashes an approval records. */
export function contentHashes(title: string, body: string | null | undefined): ApprovedContent {
  return { title: hashOf(title), body: hashOf(body ?? '') };
}

/** Pure: which of the title and body differ from what was approved. */
export function changedSinceApproval(approved: ApprovedContent, title: string, body: string | null | undefined): ContentPart[] {
  const now = contentHashes(title, body);
  return (['title', 'body'] as const).filter((part) => approved[part] !== now[part]);
}

/** Pure: "title", "description" or "title and description", for messages. */
export function partsText(parts: readonly ContentPart[]): string {
  return parts.length === 2 ? 'title and description' : parts[0] === 'title' ? 'title' : 'description';
}
