/**
 * The dashboard's reads. The triage report's two listings (everything the bot opened; the open roadmap
 * issues), then one page of comments per open agent pull request (auto-merge's gate table) and per issue in
 * flight or failed (implement's report), each capped. For 1,000 issues and 500 pull requests that is at most
 * 15 + 10 list pages plus the two caps; the caps are stated in `npm run bench`.
 */
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { AUTO_MERGE_MARKER_KIND, IMPLEMENT_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import type { RepoRef } from '../core/repo.js';
import { findStickyComment } from '../core/sticky-comment.js';
import type { IssueWorkState, PullGateState } from './now.js';

export interface ReadLimits {
  /** Open agent pull requests whose gate table is read. */
  maxPulls: number;
  /** Issues in flight or failed whose implement report is read. */
  maxIssues: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxPulls: 50, maxIssues: 50 };

export async function readGateStates(gh: GitHub, repo: RepoRef, bot: BotIdentity, pulls: readonly number[]): Promise<Map<number, PullGateState>> {
  const states = new Map<number, PullGateState>();
  for (const number of pulls) {
    const comment = await findStickyComment(gh, repo, number, AUTO_MERGE_MARKER_KIND, bot.id);
    const data = comment ? readMarker(AUTO_MERGE_MARKER_KIND, comment.body) : null;
    if (comment && data && 'headSha' in data)
      states.set(number, { status: data.status, headSha: data.headSha, gates: data.gates ?? [], commentUrl: comment.htmlUrl });
  }
  return states;
}

export async function readWorkStates(gh: GitHub, repo: RepoRef, bot: BotIdentity, issues: readonly number[]): Promise<Map<number, IssueWorkState>> {
  const states = new Map<number, IssueWorkState>();
  for (const number of issues) {
    const comment = await findStickyComment(gh, repo, number, IMPLEMENT_MARKER_KIND, bot.id);
    const data = comment ? readMarker(IMPLEMENT_MARKER_KIND, comment.body) : null;
    if (comment && data) {
      states.set(number, {
        ...(data.stage ? { stage: data.stage } : {}),
        ...(data.runUrl ? { runUrl: data.runUrl } : {}),
        ...(data.failure ? { failure: data.failure } : {}),
        ...(data.costUsd !== undefined ? { costUsd: data.costUsd } : {}),
        commentUrl: comment.htmlUrl,
        updatedAt: comment.updatedAt,
      });
    }
  }
  return states;
}
