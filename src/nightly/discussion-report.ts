/**
 * Writes the day's nightly report as a discussion: edits today's when it changed, else creates it once; then
 * closes the bot's earlier days' report discussions as outdated, so one is open at a time, as with issues.
 * What it did becomes summary lines; a Discussion that cannot be written (turned off, no such category, a
 * token without `discussions: write`, GitHub failing) is one line naming what to do, and the step fails.
 */
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import type { RepoRef } from '../core/repo.js';
import { reportChanged } from '../triage/report-issue.js';
import {
  closeNightlyDiscussion,
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
  bot: BotIdentity;
  dryRun: boolean;
  maxOperations: number;
}

export interface DiscussionPosted {
  /** The summary's line on the report. */
  line: string;
  writes: number;
  /** The writes a real run sends: `writes`, or in a dry run what it would have sent. */
  planned: number;
  deferred: boolean;
  number?: number;
  url?: string;
  /** Set when the discussion could not be written: the step fails with it. */
  failure?: string;
}

export async function postNightlyDiscussion(post: DiscussionPost): Promise<DiscussionPosted> {
  if ('unavailable' in post.target)
    return { line: `- ❌ Report not posted: ${post.target.unavailable}.`, writes: 0, planned: 0, deferred: false, failure: post.target.unavailable };
  const target = post.target;
  const where = `in [${target.name}](${target.url})`;
  const today = post.today;
  const shown = (number: number, url: string) => `[discussion #${number}](${url}) ${where}`;
  if (today && !reportChanged(today.body, post.body))
    return {
      line: `- Report ${shown(today.number, today.url)}: unchanged (nothing written).`,
      writes: 0,
      planned: 0,
      deferred: false,
      number: today.number,
      url: today.url,
    };
  const action = today ? 'updated' : 'created';
  if (post.dryRun) {
    const what = today ? shown(today.number, today.url) : `"${post.title}" ${where}`;
    return {
      line: `- Report ${what}: dry run, would be ${action}.`,
      writes: 0,
      planned: 1,
      deferred: false,
      ...(today ? { number: today.number, url: today.url } : {}),
    };
  }
  if (post.maxOperations < 1) return { line: '- Report not fully written: max-operations leaves no room.', writes: 0, planned: 0, deferred: true };
  try {
    if (today) {
      await updateNightlyDiscussion(post.gh, today.id, post.body);
      return { line: `- Report ${shown(today.number, today.url)}: updated.`, writes: 1, planned: 1, deferred: false, number: today.number, url: today.url };
    }
    const created = await createNightlyDiscussion(post.gh, post.repo, target, { title: post.title, body: post.body, day: post.day, bot: post.bot });
    const note =
      created.how === 'found-after-failure' ? ' (GitHub answered the create with an error after making it; it was found in the category, not sent twice)' : '';
    return {
      line: `- Report ${shown(created.number, created.url)}: created${note}.`,
      writes: 1,
      planned: 1,
      deferred: false,
      number: created.number,
      url: created.url,
    };
  } catch (error) {
    if (!(error instanceof DiscussionUnavailableError)) throw error;
    return { line: `- ❌ Report not posted: ${error.message}.`, writes: 0, planned: 0, deferred: false, failure: error.message };
  }
}

/**
 * Earlier reports closed in one run at most: one a night once the reports are in step; a backlog (reports
 * from before they were closed) is worked off over the next nights, a few requests at a time.
 */
export const MAX_DISCUSSION_CLOSES = 10;

export interface EarlierClosed {
  lines: string[];
  writes: number;
  /** max-operations left no room for all of them: the run ends neutral, as when an issue close is deferred. */
  deferred: boolean;
  /** A close GitHub did not accept: the step fails with it; the next run reads the discussion open and sends it again. */
  failure?: string;
}

/**
 * Closes the bot's earlier days' report discussions as outdated, oldest first, within `room` writes and
 * MAX_DISCUSSION_CLOSES. `earlier` holds only discussions the bot wrote with the report's marker, still open:
 * a rerun reads the ones it closed as closed and sends nothing for them.
 */
export async function closeEarlierDiscussions(input: {
  gh: GitHub;
  earlier: readonly NightlyDiscussion[];
  room: number;
  dryRun: boolean;
}): Promise<EarlierClosed> {
  const { earlier } = input;
  if (earlier.length === 0) return { lines: [], writes: 0, deferred: false };
  const batch = earlier.slice(0, Math.max(0, Math.min(input.room, MAX_DISCUSSION_CLOSES)));
  const links = (items: readonly NightlyDiscussion[]) => items.map((item) => `[#${item.number}](${item.url})`).join(', ');
  const left = earlier.length - batch.length;
  const why = input.room < MAX_DISCUSSION_CLOSES ? 'max-operations leaves no room' : `at most ${MAX_DISCUSSION_CLOSES} are closed a run`;
  const leftLine = left > 0 ? [`- ${left} earlier report(s) left open (${why}); the next run closes them.`] : [];
  const deferred = left > 0 && input.room < MAX_DISCUSSION_CLOSES;
  if (batch.length === 0) return { lines: leftLine, writes: 0, deferred };
  if (input.dryRun)
    return { lines: [`- Dry run: would close ${batch.length} earlier report(s) as outdated: ${links(batch)}.`, ...leftLine], writes: 0, deferred };
  const closed: NightlyDiscussion[] = [];
  for (const discussion of batch) {
    try {
      await closeNightlyDiscussion(input.gh, discussion);
      closed.push(discussion);
    } catch (error) {
      if (!(error instanceof DiscussionUnavailableError)) throw error;
      // A close sent once and failed may still have happened: the next run reads it and decides.
      return {
        lines: [
          ...(closed.length > 0 ? [`- Closed ${closed.length} earlier report(s) as outdated: ${links(closed)}.`] : []),
          `- ❌ ${error.message}; the next run reads the earlier reports again and closes those still open.`,
        ],
        writes: closed.length + 1,
        deferred: false,
        failure: error.message,
      };
    }
  }
  return { lines: [`- Closed ${closed.length} earlier report(s) as outdated: ${links(closed)}.`, ...leftLine], writes: closed.length, deferred };
}
