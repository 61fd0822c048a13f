/**
 * Taking work: deciding about one issue and claiming it, or picking the next issues from the backlog and
 * claiming as many as the run may work on. A dry run decides the same way and claims nothing.
 */
import { isRunActive } from '../core/claims.js';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import { formatRepository, type RepoRef } from '../core/repo.js';
import { AUTOMATED_BRANCH_PREFIX } from '../core/contracts.js';
import { changedReason, checkApproval, moveBackToApproval, recordApproval, refuseLabel } from './approval-check.js';
import type { SeenAtPick } from './body-edits.js';
import { claimIssue } from './claim.js';
import { awaitsHumans, commentsSince, decideIssue, liveClaims } from './decide.js';
import { readIssueThread, type ClaimComment } from './issue-thread.js';
import { judgeComments } from './judge-comments.js';
import { pickNextIssues } from './pick-query.js';
import { toIssueSummary } from './pick-query.js';
import type { PickRules } from './pick.js';
import { nextMarker, settleIssue } from './publish/issue-writes.js';
import { prsOpenedToday } from './publish/pull-request.js';
import { failureBody } from './render.js';
import type { IssueResult } from './result.js';
import type { ImplementSettings } from './settings.js';
import { gitHubStatus } from '../core/github-errors.js';

export interface TakeDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  settings: ImplementSettings;
  rules: PickRules;
  runId: number | undefined;
  runUrl: string | undefined;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: (message: string) => void;
}

export type Taken = { kind: 'take'; issueNumber: number; reason: string } | { kind: 'done'; result: IssueResult };

async function runActivity(gh: GitHub, repo: RepoRef, claims: readonly ClaimComment[]): Promise<Map<number, boolean | undefined>> {
  const activity = new Map<number, boolean | undefined>();
  for (const claim of claims) activity.set(claim.commentId, claim.data.runId === undefined ? undefined : await isRunActive(gh, repo, claim.data.runId));
  return activity;
}

/** `seen`: what the pick's search read of the issue, which spares the approval check a request. */
export async function takeIssue(deps: TakeDeps, issueNumber: number, dryRun: boolean, seen?: SeenAtPick): Promise<Taken> {
  const { gh, repo, settings } = deps;
  const thread = await readIssueThread(gh, repo, issueNumber, deps.bot);
  const judged = awaitsHumans(thread, deps.labels) ? await judgeComments(gh, repo, deps.bot, commentsSince(thread)) : [];
  const claimRunActive = thread.claims.length > 0 ? await runActivity(gh, repo, thread.claims) : new Map<number, boolean | undefined>();
  const options = { rules: deps.rules, labels: deps.labels, now: deps.now(), staleHours: settings.staleClaimHours, runId: deps.runId, claimRunActive };
  const decision = decideIssue(thread, judged, options);
  if (decision.kind === 'skip')
    return { kind: 'done', result: { status: 'no-work', issueNumber, message: decision.reason, details: [`- ${decision.reason}`] } };
  if (decision.kind === 'reject-spec') {
    const reason = `@${decision.by} rejected the SPEC: ${decision.reason}`;
    if (!dryRun) {
      await settleIssue(deps, thread, {
        to: 'failed',
        body: failureBody({ title: 'SPEC rejected', reason }),
        marker: nextMarker(thread.marker, { stage: 'failed', failure: { category: 'user', reason } }, 0),
        unassign: true,
      });
    }
    return {
      kind: 'done',
      result: {
        status: 'failed',
        issueNumber,
        message: `#${issueNumber}: ${reason}`,
        details: [`- **#${issueNumber}** → \`agent:failed\`: ${reason}${dryRun ? ' (dry run: not written)' : ''}`],
      },
    };
  }
  const approvalDeps = { gh, repo, bot: deps.bot, labels: deps.labels, candidateLabels: deps.rules.candidateLabels };
  const approval = await checkApproval(approvalDeps, thread, seen);
  if (approval.kind !== 'holds') {
    const reason =
      approval.kind === 'not-writer'
        ? `#${issueNumber} is not approved: ${approval.authority.reason}`
        : `#${issueNumber} was moved back to ${deps.labels.needsApproval}: ${changedReason(approval)}`;
    if (!dryRun) {
      if (approval.kind === 'not-writer') await refuseLabel(approvalDeps, thread, approval.authority);
      else await moveBackToApproval(approvalDeps, thread, approval);
    }
    return { kind: 'done', result: { status: 'no-work', issueNumber, message: reason, details: [`- ${reason}${dryRun ? ' (dry run: not written)' : ''}`] } };
  }
  if (dryRun) return { kind: 'take', issueNumber, reason: decision.reason };
  const stale = decision.reclaim ? thread.claims.filter((claim) => !liveClaims([claim], options).length) : [];
  const outcome = await claimIssue(
    {
      gh,
      repo,
      bot: deps.bot,
      labels: deps.labels,
      runId: deps.runId,
      runUrl: deps.runUrl,
      now: deps.now,
      sleep: deps.sleep,
      settleMs: settings.claimSettleMs,
      staleHours: settings.staleClaimHours,
      log: deps.log,
    },
    issueNumber,
    thread.issue.labels,
    stale,
  );
  if (!outcome.won) return { kind: 'done', result: { status: 'no-work', issueNumber, message: outcome.reason, details: [`- ${outcome.reason}`] } };
  // The first run to see a label approval records what was approved, so a later edit is noticed.
  if (approval.recordNow) await recordApproval(approvalDeps, thread, approval.by, deps.now());
  deps.log(`claimed #${issueNumber} (${decision.reason})`);
  return { kind: 'take', issueNumber, reason: decision.reason };
}

export interface PickOutcome {
  taken: Array<{ issueNumber: number; reason: string }>;
  notes: IssueResult[];
  searchRequests: number;
  capped?: string;
}

/** Picks and claims up to `want` issues: fresh candidates first, then stale claims while capacity remains. */
export async function pickAndTake(deps: TakeDeps, want: number, dryRun: boolean): Promise<PickOutcome> {
  const { gh, repo, settings } = deps;
  // A pick job without pull-requests: read cannot count; publish checks the cap again before it opens a PR.
  const opened = await prsOpenedToday(gh, repo, deps.bot, AUTOMATED_BRANCH_PREFIX, deps.now()).catch((error: unknown) => {
    if (gitHubStatus(error) !== 403) throw error;
    deps.log('could not list pull requests (no pull-requests: read); max-prs-per-day is checked when publishing');
    return 0;
  });
  if (opened >= settings.maxPrsPerDay) {
    return {
      taken: [],
      notes: [],
      searchRequests: 0,
      capped: `${opened} pull requests were opened in the last 24 hours; max-prs-per-day is ${settings.maxPrsPerDay}`,
    };
  }
  const room = Math.min(want, settings.maxPrsPerDay - opened);
  const taken: PickOutcome['taken'] = [];
  const notes: IssueResult[] = [];
  const tried = new Set<number>();
  let requests = 0;
  // Ask for exactly as many as there is room for (one page per band); when a concurrent run wins a claim, search
  // again: its label now keeps that issue out of the results.
  for (let round = 0; round < 3 && taken.length < room; round++) {
    const found = await pickNextIssues(gh, repo, deps.rules, room - taken.length);
    requests += found.requests;
    const fresh = found.picks.filter((pick) => !tried.has(pick.number));
    if (fresh.length === 0) break;
    for (const pick of fresh) {
      tried.add(pick.number);
      const result = await takeIssue(deps, pick.number, dryRun, { updatedAt: pick.updatedAt, lastEditedAt: pick.lastEditedAt });
      if (result.kind === 'take') taken.push({ issueNumber: result.issueNumber, reason: result.reason });
      else notes.push(result.result);
    }
  }
  let searchRequests = requests;
  if (taken.length < room) {
    const { data } = await gh.rest.search.issuesAndPullRequests({
      q: [
        `repo:${formatRepository(repo)}`,
        'is:issue',
        'is:open',
        ...deps.rules.candidateLabels.map((label) => `label:"${label}"`),
        `label:"${deps.labels.agentInProgress}"`,
      ].join(' '),
      sort: 'created',
      order: 'asc',
      per_page: 20,
    });
    searchRequests += 1;
    for (const item of data.items.map((entry) => toIssueSummary(entry as Parameters<typeof toIssueSummary>[0]))) {
      if (taken.length >= room) break;
      const result = await takeIssue(deps, item.number, dryRun);
      if (result.kind === 'take') taken.push({ issueNumber: result.issueNumber, reason: result.reason });
    }
  }
  return { taken, notes, searchRequests };
}
