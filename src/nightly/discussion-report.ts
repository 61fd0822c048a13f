/**
 * Writes the day's nightly report as a discussion: edits today's when it changed, else creates it once. What
 * it did becomes summary lines; a Discussion that cannot be written (turned off, no such category, a token
 * without `discussions: write`, GitHub failing) is one line naming what to do, and the step fails.
 */
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import { reportChanged } from '../triage/report-issue.js';
import {
  createNightlyDiscussion,
  DiscussionUnavailableError,
  updateNightlyDiscussion,
  type DiscussionCategoryTarget,
  type NightlyDiscussion,
} from './discussion.js';

export interface DiscussionPost {
  gh: GitHub;
  repo: RepoRef;
  /** The category found, or why there is none (read before the report was built). */
  target: DiscussionCategoryTarget | { unavailable: string };
  today: NightlyDiscussion | null;
  title: string;
  day: string;
  body: string;
  botLogin: string;
  dryRun: boolean;
  maxOperations: number;
}

export interface DiscussionPosted {
  /** The summary's line on the report. */
  line: string;
  writes: number;
  deferred: boolean;
  number?: number;
  url?: string;
  /** Set when the discussion could not be written: the step fails with it. */
  failure?: string;
}

export async function postNightlyDiscussion(post: DiscussionPost): Promise<DiscussionPosted> {
  if ('unavailable' in post.target)
    return { line: `- ❌ Report not posted: ${post.target.unavailable}.`, writes: 0, deferred: false, failure: post.target.unavailable };
  const target = post.target;
  const where = `in [${target.name}](${target.url})`;
  const today = post.today;
  const shown = (number: number, url: string) => `[discussion #${number}](${url}) ${where}`;
  if (today && !reportChanged(today.body, post.body))
    return {
      line: `- Report ${shown(today.number, today.url)}: unchanged (nothing written).`,
      writes: 0,
      deferred: false,
      number: today.number,
      url: today.url,
    };
  const action = today ? 'updated' : 'created';
  if (post.dryRun) {
    const what = today ? shown(today.number, today.url) : `"${post.title}" ${where}`;
    return { line: `- Report ${what}: dry run, would be ${action}.`, writes: 0, deferred: false, ...(today ? { number: today.number, url: today.url } : {}) };
  }
  if (post.maxOperations < 1) return { line: '- Report not fully written: max-operations leaves no room.', writes: 0, deferred: true };
  try {
    if (today) {
      await updateNightlyDiscussion(post.gh, today.id, post.body);
      return { line: `- Report ${shown(today.number, today.url)}: updated.`, writes: 1, deferred: false, number: today.number, url: today.url };
    }
    const created = await createNightlyDiscussion(post.gh, post.repo, target, { title: post.title, body: post.body, day: post.day, botLogin: post.botLogin });
    const note =
      created.how === 'found-after-failure' ? ' (GitHub answered the create with an error after making it; it was found in the category, not sent twice)' : '';
    return { line: `- Report ${shown(created.number, created.url)}: created${note}.`, writes: 1, deferred: false, number: created.number, url: created.url };
  } catch (error) {
    if (!(error instanceof DiscussionUnavailableError)) throw error;
    return { line: `- ❌ Report not posted: ${error.message}.`, writes: 0, deferred: false, failure: error.message };
  }
}
