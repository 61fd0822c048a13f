/**
 * Reads the pull request under review through the API, as data: metadata, every changed file with its
 * patch (paginated: GitHub lists up to 3,000), the issue it says it closes, and file contents at the head
 * for surrounding code. Nothing is checked out and nothing from the PR is run.
 */
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import type { PullFile } from './pull-files.js';
import { describeGitHubError, gitHubStatus } from '../core/github-errors.js';

export interface PullAuthor {
  login: string;
  id: number;
  type: string;
}

export interface ReviewPullRequest {
  number: number;
  title: string;
  body: string;
  draft: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  author: PullAuthor | null;
  headSha: string;
  headRef: string;
  baseRef: string;
  htmlUrl: string;
  /** How many files GitHub says changed; more than `files.length` when the listing was capped. */
  changedFiles: number;
  files: PullFile[];
}

export async function readPullRequest(gh: GitHub, repo: RepoRef, number: number): Promise<ReviewPullRequest> {
  const { data: pull } = await gh.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: number });
  const files = await gh.paginate(gh.rest.pulls.listFiles, { owner: repo.owner, repo: repo.repo, pull_number: number, per_page: 100 });
  return {
    number: pull.number,
    title: pull.title,
    body: pull.body ?? '',
    draft: pull.draft === true,
    state: pull.state === 'closed' ? 'closed' : 'open',
    merged: pull.merged === true,
    author: pull.user ? { login: pull.user.login, id: pull.user.id, type: pull.user.type } : null,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    baseRef: pull.base.ref,
    htmlUrl: pull.html_url,
    changedFiles: pull.changed_files,
    files: files.map((file) => ({
      filename: file.filename,
      previousFilename: file.previous_filename,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      patch: file.patch,
    })),
  };
}

const CLOSING_REFERENCE = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/i;

/** Pure: the issue a PR description says it closes (`Fixes #12`), if any. */
export function linkedIssueNumber(body: string): number | undefined {
  const match = CLOSING_REFERENCE.exec(body);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The linked issue's title and body, or undefined when there is none or it cannot be read. */
export async function readLinkedIssue(gh: GitHub, repo: RepoRef, body: string): Promise<{ number: number; title: string; body: string } | undefined> {
  const number = linkedIssueNumber(body);
  if (number === undefined) return undefined;
  try {
    const { data } = await gh.rest.issues.get({ owner: repo.owner, repo: repo.repo, issue_number: number });
    if (data.pull_request) return undefined;
    return { number, title: data.title, body: data.body ?? '' };
  } catch (error) {
    // Context is optional: a missing or transferred issue does not stop the review.
    if (describeGitHubError(error).kind === 'not-found') return undefined;
    throw error;
  }
}

/** A file's text at `ref`, or undefined (too large, not a file, binary, gone). */
export async function readFileText(gh: GitHub, repo: RepoRef, path: string, ref: string, maxBytes = 200_000): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || typeof data.content !== 'string' || data.size > maxBytes) return undefined;
    const text = Buffer.from(data.content, 'base64').toString('utf8');
    return text.includes('\u0000') ? undefined : text;
  } catch (error) {
    if (gitHubStatus(error) === 404) return undefined;
    throw error;
  }
}
