/**
 * The write steps of a pull request, resumable. Before the branch moves, the sticky comment records what is
 * being published (stage `publishing`: the bot's commit and the pull request's text). Every step after that
 * converges when repeated: pointing the branch at the recorded commit, opening the pull request or finding
 * it, labelling it, settling the issue. When GitHub fails one of them with a transient error (5xx, timeout,
 * rate limit), the issue stays `agent:in-progress` with its claim released and a comment that says what
 * exists and what failed; the next run, whatever started it, repeats the steps from the record without the
 * model. A permanent refusal (a missing permission, a branch someone else uses) ends in `agent:failed`.
 */
import { describeFailure } from '../../core/failure.js';
import { attemptsOf, describeAnswer, gitHubStatus, isResumable } from '../../core/github-errors.js';
import { ensureLabels } from '../../core/labels.js';
import { upsertStickyComment } from '../../core/sticky-comment.js';
import { oneLine } from '../../core/untrusted-markdown.js';
import { releaseClaims } from '../claim.js';
import type { IssueThread } from '../issue-thread.js';
import { IMPLEMENT_MARKER_KIND } from '../../core/markers/kinds.js';
import type { ImplementMarker, PendingPublish } from '../../core/markers/schemas.js';
import { planHash, type ImplementationPlan } from '../plan-schema.js';
import { failureBody, inline, interruptedBody, prBody, prOpenBody, publishingBody } from '../render.js';
import type { IssueResult } from '../result.js';
import { botPerson, commitEmailsBetween, readBranch, setBranch, treeOf } from './git-data.js';
import { nextMarker, settleIssue, type IssueWriteDeps } from './issue-writes.js';
import { findOpenPull, upsertPull, type OpenPull } from './pull-request.js';

export interface FinishDeps extends IssueWriteDeps {
  defaultBranch: string;
  runId: number | undefined;
  runUrl: string | undefined;
  now: () => Date;
}

type Step = 'push' | 'pull-request' | 'labels' | 'issue';

const STEP_FAILED: Record<Step, string> = {
  push: 'the branch could not be pushed',
  'pull-request': 'the pull request could not be opened',
  labels: 'the pull request could not be labelled',
  issue: 'this issue could not be updated',
};

interface Progress {
  step: Step;
  pushed?: string;
  pull?: OpenPull;
  tries: { creates: number };
}

function runFields(deps: FinishDeps): Pick<ImplementMarker, 'runId' | 'runUrl'> {
  return { ...(deps.runId !== undefined ? { runId: deps.runId } : {}), ...(deps.runUrl ? { runUrl: deps.runUrl } : {}) };
}

/** The marker without this run's publishing record (once the pull request is open, or the run failed for good). */
function settled(marker: ImplementMarker | null): ImplementMarker | null {
  if (!marker) return null;
  const { pending: _pending, failure: _failure, ...rest } = marker;
  return rest;
}

/**
 * Records the change on the issue before anything else is written (and adds this run's spend once). Returns
 * the thread as it now stands, for the steps that follow.
 */
export async function recordPending(
  deps: FinishDeps,
  thread: IssueThread,
  pending: PendingPublish,
  plan: ImplementationPlan,
  spentUsd: number,
): Promise<IssueThread> {
  const marker = nextMarker(
    thread.marker,
    { stage: 'publishing', branch: pending.branch, plan, planHash: planHash(plan), pending, ...runFields(deps) },
    spentUsd,
  );
  const { comment } = await upsertStickyComment(
    deps.gh,
    deps.repo,
    thread.issue.number,
    IMPLEMENT_MARKER_KIND,
    deps.bot.id,
    publishingBody(pending.branch, pending.commit),
    marker,
    { existing: thread.sticky },
  );
  return { ...thread, sticky: comment, marker };
}

function pullBody(thread: IssueThread, pending: PendingPublish, plan: ImplementationPlan): string {
  const number = thread.issue.number;
  return prBody({
    issueNumber: number,
    plan,
    planNotes: pending.planNotes,
    summary: pending.summary,
    files: pending.files,
    test: pending.test,
    refusals: pending.refusals,
    cost: pending.usage,
    ...(pending.approvedBy ? { approvedBy: pending.approvedBy } : {}),
    ...(pending.bugSections ? { bugSections: pending.bugSections } : {}),
    marker: {
      v: 1,
      issue: number,
      costUsd: thread.marker?.costUsd ?? 0,
      openedAt: pending.recordedAt,
      ...(pending.claimedAt ? { claimedAt: pending.claimedAt } : {}),
    },
  });
}

/** Points the branch at the recorded commit unless it already is; never over commits someone else pushed. */
async function pushBranch(deps: FinishDeps, pending: PendingPublish): Promise<{ ok: true; head: string } | { ok: false; reason: string }> {
  const { gh, repo } = deps;
  const current = await readBranch(gh, repo, pending.branch);
  if (current === pending.commit) return { ok: true, head: current };
  if (current !== null) {
    if ((await treeOf(gh, repo, current)) === (await treeOf(gh, repo, pending.commit))) return { ok: true, head: current };
    const person = botPerson(deps.bot);
    const others = (await commitEmailsBetween(gh, repo, pending.baseSha, current)).filter((email) => email.toLowerCase() !== person.email.toLowerCase());
    if (others.length > 0)
      return { ok: false, reason: `${pending.branch} holds commits by someone else (${[...new Set(others)].join(', ')}); it was not overwritten` };
  }
  await setBranch(gh, repo, pending.branch, pending.commit, current);
  return { ok: true, head: pending.commit };
}

/** Every write after the record: branch, pull request, its label, the issue. */
export async function finishPublish(deps: FinishDeps, thread: IssueThread, pending: PendingPublish, plan: ImplementationPlan): Promise<IssueResult> {
  const { gh, repo } = deps;
  const number = thread.issue.number;
  const { branch } = pending;
  const progress: Progress = { step: 'push', tries: { creates: 0 } };
  try {
    const pushed = await pushBranch(deps, pending);
    if (!pushed.ok) return settleFailed(deps, thread, { title: 'branch in use', category: 'user', reason: pushed.reason });
    progress.pushed = pushed.head;
    progress.step = 'pull-request';
    const { pull, created } = await upsertPull(
      gh,
      repo,
      { branch, base: deps.defaultBranch, title: thread.issue.title, body: pullBody(thread, pending, plan), ...(pending.draft ? { draft: true } : {}) },
      deps.log,
      progress.tries,
    );
    progress.pull = pull;
    progress.step = 'labels';
    await ensureLabels(gh, repo, [deps.labels.automated], deps.labels);
    await gh.rest.issues.addLabels({ owner: repo.owner, repo: repo.repo, issue_number: pull.number, labels: [deps.labels.automated] });
    progress.step = 'issue';
    const costUsd = thread.marker?.costUsd ?? 0;
    await settleIssue(deps, thread, {
      to: 'pr-open',
      body: prOpenBody(pull.number, branch, costUsd),
      marker: nextMarker(
        settled(thread.marker),
        {
          stage: 'pr-open',
          prNumber: pull.number,
          branch,
          plan,
          planHash: planHash(plan),
          prOpenedAt: pending.recordedAt,
          ...(pending.claimedAt ? { claimedAt: pending.claimedAt } : {}),
          ...runFields(deps),
        },
        0,
      ),
      unassign: false,
    });
    return {
      status: 'opened',
      issueNumber: number,
      prNumber: pull.number,
      prUrl: pull.htmlUrl,
      branch,
      message: `#${number}: ${created ? 'opened' : 'updated'} pull request #${pull.number} on ${branch}`,
      details: [
        `- **#${number}** → ${created ? 'opened' : 'updated'} [#${pull.number}](${pull.htmlUrl}) on \`${branch}\` (${pushed.head.slice(0, 12)}); tests ${pending.test.ran ? (pending.test.passed ? 'passed' : 'failed') : 'did not run'}`,
      ],
    };
  } catch (error) {
    return stopped(deps, thread, pending, progress, error);
  }
}

/** A later run: the change recorded on the issue, finished without the model. */
export async function resumePublish(deps: FinishDeps, thread: IssueThread, commit: string): Promise<IssueResult> {
  const number = thread.issue.number;
  const marker = thread.marker;
  const pending = marker?.stage === 'publishing' ? marker.pending : undefined;
  if (!pending || !marker?.plan || pending.commit !== commit) {
    const reason = `#${number} has no unfinished pull request at ${commit.slice(0, 7)} to finish; the bundle is stale`;
    return { status: 'no-work', issueNumber: number, message: reason, details: [`- ${reason}`] };
  }
  // The record is the bot's own comment; the commit it names must be the bot's, on the recorded base.
  const { data } = await deps.gh.rest.git.getCommit({ owner: deps.repo.owner, repo: deps.repo.repo, commit_sha: pending.commit });
  const person = botPerson(deps.bot);
  if (data.author.email.toLowerCase() !== person.email.toLowerCase() || data.parents[0]?.sha !== pending.baseSha) {
    return settleFailed(deps, thread, {
      title: 'recorded change refused',
      category: 'critical',
      reason: `commit ${pending.commit.slice(0, 7)} recorded on the issue is not the bot's commit on ${pending.baseSha.slice(0, 7)}; nothing was published`,
    });
  }
  deps.log(`#${number}: finishing the pull request recorded at ${pending.commit.slice(0, 7)} on ${pending.branch}; no model call`);
  return finishPublish(deps, thread, pending, marker.plan);
}

function isPullCreate(error: unknown): boolean {
  const request = (error as { request?: { method?: unknown; url?: unknown } } | null)?.request;
  return request?.method === 'POST' && typeof request.url === 'string' && /\/pulls$/.test(request.url.split('?')[0] ?? '');
}

/** What exists on GitHub after a failed step, in words; re-read where the run cannot know (a write may have landed). */
async function whatExists(deps: FinishDeps, pending: PendingPublish, progress: Progress): Promise<{ text: string; pushed: boolean; pull?: OpenPull }> {
  let pushed = progress.pushed;
  if (!pushed) pushed = (await readBranch(deps.gh, deps.repo, pending.branch).catch(() => null)) === pending.commit ? pending.commit : undefined;
  let pull = progress.pull;
  if (!pull && pushed) pull = (await findOpenPull(deps.gh, deps.repo, pending.branch).catch(() => null)) ?? undefined;
  if (!pushed) return { text: `Nothing was pushed yet: the change is committed as \`${pending.commit.slice(0, 7)}\` and recorded here`, pushed: false };
  const branch = `Branch \`${pending.branch}\` pushed at \`${pushed.slice(0, 7)}\``;
  return pull ? { text: `${branch} and pull request #${pull.number} opened`, pushed: true, pull } : { text: branch, pushed: true };
}

async function stopped(deps: FinishDeps, thread: IssueThread, pending: PendingPublish, progress: Progress, error: unknown): Promise<IssueResult> {
  // Not an answer from GitHub: a bug, which surfaces as one.
  if (gitHubStatus(error) === undefined && !isResumable(error)) throw error;
  const number = thread.issue.number;
  const attempts = progress.step === 'pull-request' && isPullCreate(error) ? progress.tries.creates : attemptsOf(error);
  const exists = await whatExists(deps, pending, progress);
  const failed = `${STEP_FAILED[progress.step]}: ${describeAnswer(error, attempts)}`;
  if (!isResumable(error)) {
    return settleFailed(deps, thread, {
      title: STEP_FAILED[progress.step],
      category: 'critical',
      reason: describeFailure(error).message,
      ...(exists.pushed ? { exists: exists.text } : {}),
    });
  }
  const reason = `${exists.text}; ${failed}`;
  const marker = nextMarker(
    thread.marker,
    { stage: 'publishing', pending, failure: { category: 'transient', reason: oneLine(reason, 500) }, ...runFields(deps) },
    0,
  );
  // Both writes are best effort: GitHub is failing right now, and the record from before the push already holds.
  await upsertStickyComment(deps.gh, deps.repo, number, IMPLEMENT_MARKER_KIND, deps.bot.id, interruptedBody(exists.text, failed), marker, {
    existing: thread.sticky,
  }).catch((second: unknown) => {
    deps.log(`could not update the comment on #${number}: ${describeFailure(second).message}`);
  });
  await releaseClaims(deps.gh, deps.repo, thread.claims).catch((second: unknown) => {
    deps.log(`could not release the claim on #${number} (the next run takes it once it is stale): ${describeFailure(second).message}`);
  });
  return {
    status: 'interrupted',
    issueNumber: number,
    branch: pending.branch,
    ...(exists.pull ? { prNumber: exists.pull.number, prUrl: exists.pull.htmlUrl } : {}),
    message: `#${number}: ${oneLine(reason, 500)}; the next run finishes it without the model`,
    details: [`- **#${number}** stays \`agent:in-progress\`: ${reason}. The next run finishes it from there without calling the model.`],
  };
}

interface FailedReport {
  title: string;
  category: string;
  reason: string;
  exists?: string;
}

async function settleFailed(deps: FinishDeps, thread: IssueThread, report: FailedReport): Promise<IssueResult> {
  const number = thread.issue.number;
  await settleIssue(deps, thread, {
    to: 'failed',
    body: failureBody({ title: report.title, reason: report.reason, ...(report.exists ? { exists: report.exists } : {}) }),
    marker: nextMarker(
      settled(thread.marker),
      { stage: 'failed', failure: { category: report.category, reason: oneLine(report.reason, 500) }, ...runFields(deps) },
      0,
    ),
    unassign: true,
  });
  return {
    status: 'failed',
    issueNumber: number,
    message: `#${number}: ${report.title}: ${inline(report.reason, 300)}`,
    details: [`- **#${number}** → \`agent:failed\` (${report.title}): ${inline(report.reason, 500)}${report.exists ? ` ${report.exists}.` : ''}`],
  };
}
