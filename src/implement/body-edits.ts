/**
 * When an issue's body was last edited. GitHub records no issue event for a body edit (a title has `renamed`),
 * only the edit history, whose time GraphQL names `Issue.lastEditedAt`. The pick reads it with its search; an
 * issue taken by number (its `labeled` event, a dispatch) reads it here, one request, only when it is needed.
 */
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';

/** The GraphQL sent here; the contract test validates each against GitHub's public schema. */
export const BODY_EDIT_DOCUMENTS = {
  lastEdited: `query IssueLastEdited($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) { lastEditedAt }
  }
}`,
} as const;

/** What the pick's search saw of an issue; a field left out was not read. */
export interface SeenAtPick {
  updatedAt?: string | undefined;
  lastEditedAt?: string | null | undefined;
}

function instant(iso: string): number {
  return new Date(iso).getTime();
}

/**
 * Pure: the pick's `lastEditedAt` when it still describes the issue as read now (nothing changed in between:
 * the same `updatedAt`); undefined when it must be read again.
 */
export function lastEditedAtSeen(seen: SeenAtPick | undefined, updatedAtNow: string | undefined): string | null | undefined {
  if (seen?.lastEditedAt === undefined || seen.updatedAt === undefined || updatedAtNow === undefined) return undefined;
  return instant(seen.updatedAt) === instant(updatedAtNow) ? seen.lastEditedAt : undefined;
}

/**
 * Pure: whether the body was edited at or after `approvedAt`. GitHub's timestamps are whole seconds, so an edit in
 * the same second as the approval cannot be ordered before it, and counts as after.
 */
export function editedSince(lastEditedAt: string | null, approvedAt: string): boolean {
  return lastEditedAt !== null && instant(lastEditedAt) >= instant(approvedAt);
}

export async function readLastEditedAt(gh: GitHub, repo: RepoRef, issueNumber: number): Promise<string | null> {
  const answer: { repository: { issue: { lastEditedAt: string | null } | null } | null } = await gh.graphql(BODY_EDIT_DOCUMENTS.lastEdited, {
    owner: repo.owner,
    name: repo.repo,
    number: issueNumber,
  });
  return answer.repository?.issue?.lastEditedAt ?? null;
}
