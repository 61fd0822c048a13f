/**
 * The nightly report: what the factory did in the last 24 hours, as a sticky issue per day (or a discussion per
 * day in a named category) and in the job summary; once the day's exists, the bot's earlier days' reports are
 * closed, so one is open at a time either way. It reads what the triage report reads (two listings) plus auto-merge's gate table on the pull
 * requests the night touched and implement's record on issues in flight or failed, each capped; then the
 * dashboard is built from the same reads.
 */
import type { GitHub } from '../core/github.js';
import { resolveBotIdentity, type BotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import { outcome, type ActionOutcome } from '../core/outcome.js';
import type { RunContext } from '../core/runtime.js';
import { buildDashboard, writeDashboard } from '../dashboard/build.js';
import { issuesToRead } from '../dashboard/now.js';
import { DEFAULT_READ_LIMITS, readGateStates, readWorkStates, type ReadLimits } from '../dashboard/read.js';
import { createSender, WriteBudget, WriteFailedError } from '../triage/apply.js';
import { readListings } from '../triage/fetch.js';
import type { DashboardRequest } from '../triage/run.js';
import { buildSnapshot } from '../triage/snapshot.js';
import { withDashboard } from '../triage/summary.js';
import { findCategory, listNightlyDiscussions, DiscussionUnavailableError, type DiscussionCategoryTarget, type NightlyDiscussion } from './discussion.js';
import { closeEarlierDiscussions, postNightlyDiscussion, type EarlierClosed } from './discussion-report.js';
import { nightlyFacts, pullsToRead } from './facts.js';
import { renderNightly } from './render.js';
import { earlierOpenNightlies, findNightly, nightlyBody, planNightly } from './report-issue.js';
import { dayOf, nightlyTitle, nightlyWindow } from './window.js';

export interface NightlyRequest {
  now: Date;
  dryRun: boolean;
  botLogin: string;
  /** Most the factory should spend in a day, in US dollars; null when none is set. */
  budgetUsd: number | null;
  /** Most writes the run makes. */
  maxOperations: number;
  limits?: ReadLimits;
  dashboard?: DashboardRequest;
  /** Post the report as a discussion in this category (its name or slug) instead of an issue. */
  discussionCategory?: string;
}

export interface NightlyAdapters {
  gh: GitHub;
  context: RunContext;
  labels: LabelNames;
}

const ACTION_TEXT = { create: 'created', update: 'updated', unchanged: 'unchanged (nothing written)' } as const;

export async function runNightlyReport(request: NightlyRequest, adapters: NightlyAdapters): Promise<ActionOutcome> {
  const { gh, context, labels: names } = adapters;
  const limits = request.limits ?? DEFAULT_READ_LIMITS;
  const repoUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}`;
  const bot = await resolveBotIdentity(gh, request.botLogin);
  const listings = await readListings(gh, context.repo, bot, names.roadmap);
  const snapshot = buildSnapshot(listings.botItems, listings.roadmapItems, bot, names);
  const discussions = request.discussionCategory ? await readDiscussions(gh, context, request.discussionCategory, bot) : undefined;
  const nightlies = discussions ? discussions.nightlies : snapshot.nightly;
  const today = findNightly(nightlies, dayOf(request.now));
  const window = nightlyWindow(request.now, today, nightlies);

  const pulls = pullsToRead(snapshot, window);
  const issues = issuesToRead(snapshot);
  const gateStates = await readGateStates(gh, context.repo, bot, pulls.slice(0, limits.maxPulls));
  const workStates = await readWorkStates(gh, context.repo, bot, issues.slice(0, limits.maxIssues));
  const unread = Math.max(0, pulls.length - limits.maxPulls) + Math.max(0, issues.length - limits.maxIssues);
  const reads = listings.reads + Math.min(pulls.length, limits.maxPulls) + Math.min(issues.length, limits.maxIssues);

  const facts = nightlyFacts({ snapshot, names, window, workStates, gateStates, budgetUsd: request.budgetUsd });
  const visible = renderNightly({ facts, repoUrl, ...(request.dashboard?.url ? { dashboardUrl: request.dashboard.url } : {}) });
  const headline = `${facts.picked.length} picked, ${facts.opened.length} PRs opened, ${facts.merged.length} merged, ${facts.failed.length} failed, ${facts.filed.reduce((sum, group) => sum + group.suggestions.length, 0)} suggestions filed`;
  const unreadLine =
    unread > 0 ? [`- ⚠️ ${unread} pull request(s) or issue(s) past the read caps are counted without their gate table or implement's record.`] : [];

  if (discussions) {
    const posted = await postNightlyDiscussion({
      gh,
      repo: context.repo,
      target: discussions.target,
      today: discussions.nightlies.find((night) => night === today) ?? null,
      title: nightlyTitle(window.id),
      day: window.id,
      body: nightlyBody(visible, window),
      bot,
      dryRun: request.dryRun,
      maxOperations: request.maxOperations,
    });
    // One report open at a time, as with issues: earlier days' are closed once today's exists (a dry run says which).
    const written = !posted.failure && !posted.deferred && (posted.number !== undefined || request.dryRun);
    const closed: EarlierClosed = written
      ? await closeEarlierDiscussions({
          gh,
          earlier: earlierOpenNightlies(discussions.nightlies, window.id),
          room: request.maxOperations - posted.planned,
          dryRun: request.dryRun,
        })
      : { lines: [], writes: 0, deferred: false };
    const lines = [
      posted.line,
      ...closed.lines,
      `- Requests: ${reads + discussions.reads} reads; ${request.dryRun ? 'no write sent (dry run)' : `${posted.writes + closed.writes} writes`} of max-operations ${request.maxOperations}.`,
      ...unreadLine,
    ];
    const summary = [`## agentic-workflow nightly report: ${window.id}`, '', ...lines, '', '---', '', visible].join('\n');
    // The report is in the summary either way; a discussion that could not be written fails the step, so the night is not silently green.
    const result = posted.failure
      ? outcome('failure', `nightly report for ${window.id} not posted as a discussion: ${posted.failure}`, {}, summary)
      : closed.failure
        ? outcome('failure', `nightly report ${posted.url ?? window.id} posted; ${closed.failure}`, { 'report-url': posted.url }, summary)
        : outcome(
            posted.deferred || closed.deferred ? 'neutral' : 'success',
            `nightly report ${posted.url ?? `"${nightlyTitle(window.id)}"`}: ${headline}`,
            { 'report-url': posted.url },
            summary,
          );
    return withNightlyDashboard(result, request, adapters, snapshot, listings.roadmapItems, bot);
  }

  const existing = today;
  const plan = planNightly(existing, window.id, nightlyBody(visible, window), names.nightlyReport, snapshot.seenLabels.has(names.nightlyReport.toLowerCase()));
  const budget = new WriteBudget(request.maxOperations);
  const sender = createSender(gh, context.repo, names, budget, request.dryRun);
  let number = existing?.number;
  let closed = 0;
  let deferred = false;
  try {
    const sent = await sender.send(plan.writes);
    if (sent.status === 'deferred') deferred = true;
    else number ??= sent.status === 'done' ? sent.results.find((result) => result.createdIssue)?.createdIssue : undefined;
    // One nightly report open at a time: earlier days' are closed once today's exists.
    const earlier = number === undefined && !request.dryRun ? [] : earlierOpenNightlies(snapshot.nightly, window.id);
    for (const issue of earlier) {
      if ((await sender.send([{ op: 'close-report', issue: issue.number }])).status === 'deferred') deferred = true;
      else closed++;
    }
  } catch (error) {
    if (!(error instanceof WriteFailedError)) throw error;
    return outcome(
      'failure',
      `nightly report for ${window.id}: ${error.message}`,
      {},
      `## agentic-workflow nightly report: ${window.id}\n\n- ❌ ${error.message}\n- The next run reads the issues again and writes the report.\n`,
    );
  }

  const shown = number !== undefined ? `#${number}` : `"${nightlyTitle(window.id)}"`;
  const did = deferred
    ? 'not fully written: max-operations leaves no room'
    : request.dryRun && plan.action !== 'unchanged'
      ? `dry run, would be ${ACTION_TEXT[plan.action]}`
      : ACTION_TEXT[plan.action];
  const lines = [
    `- Report ${shown}: ${did}.`,
    `- Requests: ${reads} reads; ${request.dryRun ? `${budget.spent} writes planned, none sent (dry run)` : `${budget.spent} writes`} of max-operations ${request.maxOperations}.`,
    ...(closed > 0 ? [`- Closed ${closed} earlier nightly report(s).`] : []),
    ...unreadLine,
    ...(request.dryRun && sender.log.length > 0
      ? ['', '<details><summary>Writes a real run would make</summary>', '', ...sender.log.map((line) => `- ${line}`), '', '</details>']
      : []),
  ];
  const summary = [`## agentic-workflow nightly report: ${window.id}`, '', ...lines, '', '---', '', visible].join('\n');
  const message = `nightly report ${shown}: ${headline}`;
  const url = number !== undefined ? `${repoUrl}/issues/${number}` : undefined;
  const result = outcome(deferred ? 'neutral' : 'success', message, { 'report-issue-number': number, 'report-url': url }, summary);
  return withNightlyDashboard(result, request, adapters, snapshot, listings.roadmapItems, bot);
}

/** The category and the bot's earlier reports in it; a category that cannot be read leaves the reason, and the report is still built. */
async function readDiscussions(
  gh: GitHub,
  context: RunContext,
  category: string,
  bot: BotIdentity,
): Promise<{ target: DiscussionCategoryTarget | { unavailable: string }; nightlies: NightlyDiscussion[]; reads: number }> {
  try {
    const target = await findCategory(gh, context.repo, context.serverUrl, category);
    return { target, nightlies: await listNightlyDiscussions(gh, context.repo, target, bot), reads: 2 };
  } catch (error) {
    if (!(error instanceof DiscussionUnavailableError)) throw error;
    return { target: { unavailable: error.message }, nightlies: [], reads: 1 };
  }
}

async function withNightlyDashboard(
  result: ActionOutcome,
  request: NightlyRequest,
  adapters: NightlyAdapters,
  snapshot: ReturnType<typeof buildSnapshot>,
  roadmapItems: Awaited<ReturnType<typeof readListings>>['roadmapItems'],
  bot: Awaited<ReturnType<typeof resolveBotIdentity>>,
): Promise<ActionOutcome> {
  const { gh, context } = adapters;
  if (!request.dashboard) return result;
  const dashboard = await buildDashboard(
    {
      gh,
      repo: context.repo,
      bot,
      serverUrl: context.serverUrl,
      now: request.now,
      secrets: request.dashboard.secrets,
      source: `${context.repo.owner}/${context.repo.repo}`,
    },
    request.dashboard.settings,
    { snapshot, roadmapItems, reads: 0 },
  );
  writeDashboard(request.dashboard.dir, dashboard.html);
  return withDashboard(result, request.dashboard.dir, dashboard.reads);
}
