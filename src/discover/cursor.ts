/**
 * Where the log miner resumes after a night that GitHub's rate limit or its own request budget cut short. The
 * cursor lives in the marker of one issue the bot opens and closes at once (label `agentic-state`), found by
 * label, the bot as author (by id) and its marker, never by title alone: an issue someone else writes is
 * ignored. A night that read every run clears it, so the next night reads the whole window again.
 */
import type { GitHub } from '../core/github.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import { ensureLabels, type LabelNames } from '../core/labels.js';
import { CURSOR_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker, writeMarker } from '../core/markers/registry.js';
import type { RepoRef } from '../core/repo.js';
import type { DiscoverCursor } from './analyst-context.js';
import type { AnalystReport, Candidate } from './candidate.js';

export const CURSOR_TITLE = 'Discover: where the next night resumes';

export interface CursorIssue {
  number: number;
  cursor: DiscoverCursor;
}

/** The bot's cursor issue, or null (none yet, or only issues someone else wrote). One request. */
export async function readCursor(gh: GitHub, repo: RepoRef, bot: BotIdentity, names: LabelNames): Promise<CursorIssue | null> {
  const { data } = await gh.rest.issues.listForRepo({
    owner: repo.owner,
    repo: repo.repo,
    labels: names.agentState,
    state: 'all',
    creator: bot.login,
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  for (const issue of data) {
    if (issue.pull_request || issue.title !== CURSOR_TITLE || !isBot(issue.user, bot)) continue;
    const cursor = readMarker(CURSOR_MARKER_KIND, issue.body);
    if (cursor)
      return {
        number: issue.number,
        cursor: {
          ...(cursor.logMinerAfter === undefined ? {} : { logMinerAfter: cursor.logMinerAfter }),
          ...(cursor.sentryCursor === undefined ? {} : { sentryCursor: cursor.sentryCursor }),
        },
      };
  }
  return null;
}

/**
 * Pure: the cursor the next night starts from. Only an interrupted night leaves one: every run up to it was read
 * in full and its clusters filed, known or rejected. A cluster held back by the nightly cap keeps the cursor
 * before its oldest run, so the next night finds it again.
 */
export function nextCursor(previous: DiscoverCursor, reports: readonly AnalystReport[], deferred: readonly Candidate[]): DiscoverCursor {
  const miner = reports.find((report) => report.analyst === 'log-miner');
  if (!miner?.mined) return previous;
  const { sentryCursor } = miner.mined;
  const sentry = sentryCursor === undefined ? previous.sentryCursor : (sentryCursor ?? undefined);
  const withSentry = (cursor: DiscoverCursor): DiscoverCursor => (sentry === undefined ? cursor : { ...cursor, sentryCursor: sentry });
  return withSentry(nextRunCursor(previous, miner.mined, deferred));
}

/** The Actions part: the last failed run mined before the first one a deferred cluster was seen in. */
function nextRunCursor(previous: DiscoverCursor, mined: NonNullable<AnalystReport['mined']>, deferred: readonly Candidate[]): DiscoverCursor {
  if (!mined.interrupted) return {};
  const held = deferred.filter((candidate) => candidate.analyst === 'log-miner').flatMap((candidate) => candidate.runIds ?? []);
  const blockedAt = held.length > 0 ? Math.min(...held) : Number.POSITIVE_INFINITY;
  let after = previous.logMinerAfter;
  for (const id of mined.runIds) {
    if (id >= blockedAt) break;
    after = id;
  }
  return after === undefined ? {} : { logMinerAfter: after };
}

function cursorBody(cursor: DiscoverCursor): string {
  return [
    'The discover action keeps here where the log miner resumes after a night that a rate limit (GitHub’s or Sentry’s) or its request budget cut short.',
    'Leave it closed and unedited; deleting it makes the next night read the whole window again.',
    '',
    writeMarker(CURSOR_MARKER_KIND, { ...cursor }),
  ].join('\n');
}

/** Writes the cursor when it changed: edits the existing issue, or opens and closes a new one. Returns the writes made. */
export async function writeCursor(gh: GitHub, repo: RepoRef, names: LabelNames, existing: CursorIssue | null, cursor: DiscoverCursor): Promise<number> {
  const same =
    (existing?.cursor.logMinerAfter ?? null) === (cursor.logMinerAfter ?? null) && (existing?.cursor.sentryCursor ?? null) === (cursor.sentryCursor ?? null);
  if (same) return 0;
  const base = { owner: repo.owner, repo: repo.repo };
  if (existing) {
    await gh.rest.issues.update({ ...base, issue_number: existing.number, body: cursorBody(cursor) });
    return 1;
  }
  await ensureLabels(gh, repo, [names.agentState], names);
  const { data } = await gh.rest.issues.create({ ...base, title: CURSOR_TITLE, body: cursorBody(cursor), labels: [names.agentState] });
  await gh.rest.issues.update({ ...base, issue_number: data.number, state: 'closed', state_reason: 'completed' });
  return 2;
}
