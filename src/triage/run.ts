/**
 * The triage-report action: record the decisions this run was started for (a comment, a label, a close),
 * finish any left over from an earlier run, record decisions made by hand, then write the week's report.
 */
import type { GitHub } from '../core/github.js';
import { isBot, resolveBotIdentity, type BotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import { outcome, type ActionOutcome } from '../core/outcome.js';
import type { RunContext } from '../core/runtime.js';
import { buildDashboard, writeDashboard, type DashboardSettings } from '../dashboard/build.js';
import { createSender, WriteBudget, WriteFailedError } from './apply.js';
import { planHandDecisions } from './decide.js';
import { vetHandApproval } from './hand-approvals.js';
import { identityFromListing, readComment, readListings } from './fetch.js';
import type { ReportMarker, ResumePoint } from './markers.js';
import { computeMetrics } from './metrics.js';
import type { PrefetchedRoadmap } from './policy-and-roadmap.js';
import { isoWeekPeriod } from './period.js';
import { renderReport } from './render-report.js';
import { earlierOpenReports, findReport, planReport, reportBody } from './report-issue.js';
import { TriageSession } from './session.js';
import type { TriageSettings } from './settings.js';
import { buildSnapshot, type NightlyIssue } from './snapshot.js';
import { NOW_VARIABLE, triggerFrom } from './trigger.js';
import { summarise, summariseFailure, withDashboard } from './summary.js';

/** What this run is asked to do: the settings (inputs and the policy's `triage:` section) and the run's clock. */
export interface TriageRequest {
  settings: TriageSettings;
  dryRun: boolean;
  /** Now, and whether a variable pinned it (shown in the summary). */
  clock: { now: Date; pinned: boolean };
  /** Build the dashboard too (absent: no dashboard). */
  dashboard?: DashboardRequest;
}

export interface DashboardRequest {
  /** Folder the page's index.html goes to. */
  dir: string;
  settings: DashboardSettings;
  /** Values that must never appear on the page: the tokens and keys the run holds. */
  secrets: string[];
  /** Where readers find the page: the run's artifacts, or the Pages site. Linked from the report. */
  url?: string;
}

/** The outside world, built by the action entry. */
export interface TriageAdapters {
  gh: GitHub;
  context: RunContext;
  labels: LabelNames;
  /** Where the nightly reports are discussions: lists the bot's (or says why it could not). */
  nightlyDiscussions?: (bot: BotIdentity) => Promise<{ nights: NightlyIssue[] } | { note: string }>;
  /** The open roadmap items the run's first request read with the policy (policy-and-roadmap.ts), if any. */
  roadmap?: PrefetchedRoadmap | null;
}

export async function runTriageReport(request: TriageRequest, adapters: TriageAdapters): Promise<ActionOutcome> {
  const { settings, clock, dryRun } = request;
  const { context, gh, labels: names } = adapters;
  const now = clock.now;
  const trigger = triggerFrom(context.event, names);
  if (trigger.kind === 'skip') {
    return outcome(
      'neutral',
      `triage-report: nothing to do: ${trigger.reason}`,
      {},
      `## agentic-workflow triage-report\n\nNothing to do: ${trigger.reason}.\n`,
    );
  }
  // A comment is checked against the bot's id before anything is listed; otherwise the id comes from the bot's own
  // listing, which triage reads anyway, and is looked up only when the bot has opened nothing yet.
  const resolved = trigger.kind === 'comment' ? await resolveBotIdentity(gh, settings.botLogin) : null;
  if (trigger.kind === 'comment' && resolved && isBot(trigger.comment.user, resolved)) {
    return outcome(
      'neutral',
      'triage-report: nothing to do: the comment is the bot’s own',
      {},
      '## agentic-workflow triage-report\n\nNothing to do: the comment is the bot’s own.\n',
    );
  }

  const login = resolved?.login ?? settings.botLogin;
  const listings = await readListings(gh, context.repo, { login }, names.roadmap, adapters.roadmap ?? null);
  const bot = resolved ?? identityFromListing(listings.botItems, login) ?? (await resolveBotIdentity(gh, login));
  const snapshot = buildSnapshot(listings.botItems, listings.roadmapItems, bot, names);
  const discussed = adapters.nightlyDiscussions ? await adapters.nightlyDiscussions(bot) : undefined;
  if (discussed && 'nights' in discussed) snapshot.nightly.push(...discussed.nights);
  const period = isoWeekPeriod(now);
  const existing = findReport(snapshot, period.id);
  // The report's own writes are set aside first, so decisions can never use up the budget the report needs.
  const reportReserve = existing ? 1 : snapshot.seenLabels.has(names.triageReport.toLowerCase()) ? 1 : 2;
  const budget = new WriteBudget(settings.maxOperations);
  const decisionBudget = new WriteBudget(Math.max(0, settings.maxOperations - reportReserve));
  const decisionSender = createSender(gh, context.repo, names, decisionBudget, dryRun);
  const session = new TriageSession(gh, context.repo, bot, names, decisionSender, now, snapshot, existing?.marker?.approvals ?? []);

  try {
    // 1. Comments an earlier run could not finish (kept in the open reports' markers).
    const pending = new Map<number, ResumePoint>();
    for (const report of snapshot.reports.filter((r) => r.open)) for (const point of report.marker?.resume ?? []) pending.set(point.comment, point);
    for (const point of pending.values()) {
      const comment = await readComment(gh, context.repo, point.issue, point.comment);
      if (comment?.user && !isBot(comment.user, bot))
        await session.handleComment({ id: comment.id, issue: point.issue, body: comment.body, user: comment.user, skip: point.skip });
    }
    // 2. The comment this run was started for.
    if (trigger.kind === 'comment') await session.handleComment({ ...trigger.comment, issue: trigger.issue, skip: 0 });
    // 3. Labels and closes done by hand (attributed to the sender when this run was started by one); a label
    //    approval counts only when the issue's events show a writer added it.
    const attribution = trigger.kind === 'issue-change' && trigger.sender ? { issue: trigger.issue, login: trigger.sender.login } : undefined;
    const vetting = { gh, repo: context.repo, bot, names, now };
    for (const decision of planHandDecisions(session.snapshot, names, now, attribution))
      await session.carryOut(await vetHandApproval(vetting, session.snapshot, decision));

    // 4. The report of the week.
    const ledger = session.ledger.filter((entry) => Date.parse(entry.at) >= period.start.getTime());
    const metrics = computeMetrics(session.snapshot, names, period, ledger);
    const visible = renderReport({
      period,
      now,
      snapshot: session.snapshot,
      names,
      metrics,
      ledger,
      staleAfterDays: settings.staleAfterDays,
      staleClaimHours: settings.staleClaimHours,
      repoUrl: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}`,
      ...(request.dashboard?.url ? { dashboardUrl: request.dashboard.url } : {}),
      ...(discussed && 'note' in discussed ? { nightlyNote: discussed.note } : {}),
    });
    const marker: ReportMarker = { period: period.id, approvals: ledger, resume: session.resume };
    const plan = planReport(
      existing,
      period.id,
      reportBody(visible, marker),
      names.triageReport,
      session.snapshot.seenLabels.has(names.triageReport.toLowerCase()),
    );
    budget.spend(decisionBudget.spent);
    const reportSender = createSender(gh, context.repo, names, budget, dryRun);
    const reportSent = await reportSender.send(plan.writes);
    const reportNumber = existing?.number ?? (reportSent.status === 'done' ? reportSent.results.find((r) => r.createdIssue)?.createdIssue : undefined);
    // One report open at a time: earlier weeks' are closed once this one exists, as far as the budget allows.
    const closing = reportNumber === undefined ? [] : earlierOpenReports(session.snapshot, period.id).filter((r) => r.number !== reportNumber);
    let closedEarlier = 0;
    for (const report of closing) {
      if ((await reportSender.send([{ op: 'close-report', issue: report.number }])).status !== 'deferred') closedEarlier++;
    }

    const account = summarise({
      dryRun: dryRun,
      pinnedClock: clock.pinned ? `${NOW_VARIABLE}=${now.toISOString()}` : null,
      period,
      reportNumber,
      reportAction: reportSent.status === 'deferred' ? 'deferred' : plan.action,
      reportUrl: reportNumber === undefined ? null : `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/issues/${reportNumber}`,
      visible,
      session,
      pendingCount: metrics.outcomes.pending,
      writes: [...decisionSender.log, ...reportSender.log],
      writeCount: budget.spent,
      maxOperations: settings.maxOperations,
      reads: listings.reads,
      closedEarlier,
      leftToClose: closing.length - closedEarlier,
    });
    if (!request.dashboard) return account;
    // The dashboard is built from the same listings, after this run's decisions: no second listing.
    const dashboard = await buildDashboard(
      {
        gh,
        repo: context.repo,
        bot,
        serverUrl: context.serverUrl,
        now,
        secrets: request.dashboard.secrets,
        source: `${context.repo.owner}/${context.repo.repo}`,
      },
      request.dashboard.settings,
      { snapshot: session.snapshot, roadmapItems: listings.roadmapItems, reads: 0 },
    );
    writeDashboard(request.dashboard.dir, dashboard.html);
    return withDashboard(account, request.dashboard.dir, dashboard.reads);
  } catch (error) {
    if (error instanceof WriteFailedError) return summariseFailure(error, period, session);
    throw error;
  }
}
