/**
 * The publish step: every GitHub write of an implement run happens here, from a bundle, after the bundle is
 * checked again with this job's own settings (the propose job ran the repository's code and its output
 * crossed a job boundary). Each outcome ends in a known label state with its explanation on the issue.
 */
import type { GitHub } from '../../core/github.js';
import type { BotIdentity } from '../../core/identity.js';
import { currentState } from '../../core/issue-state.js';
import type { LabelNames } from '../../core/labels.js';
import { formatRepository, type RepoRef } from '../../core/repo.js';
import { createRedactor } from '../../core/redact.js';
import { AUTOMATED_BRANCH_PREFIX } from '../../core/contracts.js';
import { branchFor } from '../branch.js';
import type { Bundle, Outcome } from '../bundle/bundle-schema.js';
import type { DependencyCheckSettings } from '../gates/dependency-gate.js';
import { runGates } from '../gates/index.js';
import { readIssueThread, type IssueThread } from '../issue-thread.js';
import type { ImplementMarker, PendingPublish } from '../../core/markers/schemas.js';
import { planHash } from '../plan-schema.js';
import { oneLine } from '../../core/untrusted-markdown.js';
import { failureBody, questionsBody, specBody, inline, tail } from '../render.js';
import type { IssueResult } from '../result.js';
import type { ImplementSettings } from '../settings.js';
import { apiBaseReader } from './base-files.js';
import { finishPublish, recordPending, resumePublish } from './finish.js';
import { botPerson, isAncestor, readBranch, treeOf, writeCommit, writeTree } from './git-data.js';
import { nextMarker, settleIssue } from './issue-writes.js';
import { prsOpenedToday } from './pull-request.js';
import { bugPlaces } from './bug-places.js';
import { bugSections, isReproduced } from '../render-bug.js';

export interface PublishDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  settings: ImplementSettings;
  defaultBranch: string;
  runId: number | undefined;
  runUrl: string | undefined;
  /** The repository's web address, for permalinks (`https://github.com/acme/widgets`). */
  repoUrl: string;
  dependencies: DependencyCheckSettings;
  now: () => Date;
  log: (message: string) => void;
}

type FailureOutcome = Extract<Outcome, { kind: 'failure' }>;

const CATEGORY_TITLES: Record<FailureOutcome['category'], string> = {
  code: 'tests still fail',
  critical: 'blocked by a safety gate',
  budget: 'budget exhausted',
  model: 'the model did not produce a usable result',
  user: 'a setting needs fixing',
  transient: 'a service kept failing',
  dependencies: 'dependencies could not be installed',
};

function runFields(deps: PublishDeps): Pick<ImplementMarker, 'runId' | 'runUrl'> {
  return { ...(deps.runId !== undefined ? { runId: deps.runId } : {}), ...(deps.runUrl ? { runUrl: deps.runUrl } : {}) };
}

async function fail(deps: PublishDeps, thread: IssueThread, bundle: Bundle, failure: Omit<FailureOutcome, 'kind'>): Promise<IssueResult> {
  const title = failure.title || CATEGORY_TITLES[failure.category];
  await settleIssue(deps, thread, {
    to: 'failed',
    body: failureBody({
      title,
      reason: failure.reason,
      ...(failure.tried ? { tried: failure.tried } : {}),
      ...(failure.lastOutput
        ? { lastOutput: failure.lastOutput, outputOf: failure.category === 'dependencies' ? ('install' as const) : ('test' as const) }
        : {}),
      ...(failure.problems ? { problems: failure.problems } : {}),
    }),
    marker: nextMarker(
      thread.marker,
      { stage: 'failed', failure: { category: failure.category, reason: oneLine(failure.reason, 500) }, ...runFields(deps) },
      bundle.usage.costUsd,
    ),
    unassign: true,
  });
  return {
    status: 'failed',
    issueNumber: thread.issue.number,
    message: `#${thread.issue.number}: ${title}: ${inline(failure.reason, 300)}`,
    details: [
      `- **#${thread.issue.number}** → \`agent:failed\` (${title}): ${inline(failure.reason, 500)}`,
      ...(failure.problems ?? []).map((problem) => `  - ${inline(problem)}`),
    ],
  };
}

/** Pure: whether the issue's live state lets this bundle be published, and why not. */
export function publishableFrom(thread: IssueThread, bundle: Bundle, labels: LabelNames): { ok: true } | { ok: false; reason: string } {
  const state = currentState(thread.issue.labels, labels).state;
  if (thread.issue.state !== 'open') return { ok: false, reason: `#${thread.issue.number} was closed meanwhile` };
  if (bundle.outcome.kind === 'spec-rejected' && state === 'spec-review') return { ok: true };
  if (state === 'in-progress') return { ok: true };
  return { ok: false, reason: `#${thread.issue.number} is ${state ? `in ${state}` : 'in no agent state'}, not claimed; the bundle is stale` };
}

export async function publishBundle(deps: PublishDeps, bundle: Bundle): Promise<IssueResult> {
  const { gh, repo } = deps;
  const number = bundle.issue.number;
  if (bundle.repository.toLowerCase() !== formatRepository(repo).toLowerCase()) {
    return {
      status: 'failed',
      issueNumber: number,
      message: `the bundle is for ${bundle.repository}, not ${formatRepository(repo)}; nothing published`,
      details: [],
    };
  }
  const thread = await readIssueThread(gh, repo, number, deps.bot);
  const { outcome } = bundle;
  if (outcome.kind === 'no-work') return { status: 'no-work', issueNumber: number, message: outcome.reason, details: [`- #${number}: ${outcome.reason}`] };
  if (outcome.kind === 'pull-request' && thread.marker?.stage === 'pr-open' && currentState(thread.issue.labels, deps.labels).state === 'pr-open') {
    // A rerun after a complete publish: the PR exists; write nothing.
    const branch = thread.marker.branch ?? outcome.branch;
    return {
      status: 'opened',
      issueNumber: number,
      ...(thread.marker.prNumber ? { prNumber: thread.marker.prNumber } : {}),
      branch,
      message: `#${number} already has pull request #${thread.marker.prNumber ?? '?'}`,
      details: [`- #${number}: already published as #${thread.marker.prNumber ?? '?'}; nothing written`],
    };
  }
  const publishable = publishableFrom(thread, bundle, deps.labels);
  if (!publishable.ok) return { status: 'no-work', issueNumber: number, message: publishable.reason, details: [`- ${publishable.reason}`] };

  switch (outcome.kind) {
    case 'questions':
      await settleIssue(deps, thread, {
        to: 'needs-clarification',
        body: questionsBody(outcome.questions),
        marker: nextMarker(
          thread.marker,
          { stage: 'questions', questions: outcome.questions, askedAt: deps.now().toISOString(), ...runFields(deps) },
          bundle.usage.costUsd,
        ),
        unassign: true,
      });
      return {
        status: 'needs-clarification',
        issueNumber: number,
        message: `#${number}: asked ${outcome.questions.length} clarifying question(s)`,
        details: [`- **#${number}** → \`agent:needs-clarification\`: ${outcome.questions.length} question(s) posted`],
      };
    case 'spec':
      await settleIssue(deps, thread, {
        to: 'spec-review',
        body: specBody(outcome.plan, outcome.planNotes),
        marker: nextMarker(
          thread.marker,
          { stage: 'spec', plan: outcome.plan, planHash: planHash(outcome.plan), specPostedAt: deps.now().toISOString(), ...runFields(deps) },
          bundle.usage.costUsd,
        ),
        unassign: true,
      });
      return {
        status: 'awaiting-spec-approval',
        issueNumber: number,
        message: `#${number}: SPEC posted; waiting for /approve-spec`,
        details: [`- **#${number}** → \`agent:spec-review\`: SPEC with ${outcome.plan.files.length} file(s) posted`],
      };
    case 'spec-rejected':
      return fail(deps, thread, bundle, { category: 'user', title: 'SPEC rejected', reason: `@${outcome.by} rejected the SPEC: ${outcome.reason}` });
    case 'failure':
      return fail(deps, thread, bundle, outcome);
    case 'pull-request':
      return publishPullRequest(deps, thread, bundle, outcome);
    case 'resume':
      return resumePublish(deps, thread, outcome.commit);
  }
}

async function publishPullRequest(
  deps: PublishDeps,
  thread: IssueThread,
  bundle: Bundle,
  outcome: Extract<Outcome, { kind: 'pull-request' }>,
): Promise<IssueResult> {
  const { gh, repo, settings } = deps;
  const number = thread.issue.number;
  // Settings, base and gates are this job's own; the bundle only proposes. The plan that bounds the change is
  // the one the bot recorded on the issue (its own comment, found by account id) when there is one.
  const recorded = thread.marker?.plan;
  if (settings.requireSpecApproval && (thread.marker?.planHash === undefined || thread.marker.planHash !== planHash(outcome.plan))) {
    return fail(deps, thread, bundle, {
      category: 'critical',
      title: 'bundle rejected',
      reason: 'the plan in the bundle is not the SPEC a maintainer approved',
    });
  }
  const plan = settings.requireSpecApproval && recorded ? recorded : outcome.plan;
  const defaultHead = await readBranch(gh, repo, deps.defaultBranch);
  if (defaultHead === null || !(await isAncestor(gh, repo, outcome.baseSha, defaultHead))) {
    return fail(deps, thread, bundle, {
      category: 'critical',
      title: 'bundle rejected',
      reason: `the bundle's base ${outcome.baseSha.slice(0, 12)} is not on ${deps.defaultBranch}`,
    });
  }
  const files = outcome.files.map((file) => ({
    path: file.path,
    action: file.action,
    ...(file.content !== undefined ? { content: Buffer.from(file.content, 'base64') } : {}),
  }));
  const gates = await runGates(files, {
    plan,
    scopeMode: settings.scopeMode,
    protectedPaths: settings.protectedPaths,
    size: settings.size,
    readBase: apiBaseReader(gh, repo, outcome.baseSha),
    dependencies: deps.dependencies,
    now: deps.now().getTime(),
  });
  if (!gates.ok) {
    return fail(deps, thread, bundle, {
      category: 'critical',
      title: 'bundle rejected',
      reason: 'the change failed the pre-write gates; nothing was pushed',
      problems: gates.problems.map((problem) => problem.message),
    });
  }
  const branch = thread.marker?.branch ?? branchFor(number, bundle.issue.title);
  const redact = createRedactor(gates.secrets);

  // The bot's commit first (content-addressed objects, no branch moves yet), then the record on the issue.
  const tree = await writeTree(gh, repo, outcome.baseSha, outcome.files);
  const current = await readBranch(gh, repo, branch);
  const reuse = current !== null && (await treeOf(gh, repo, current)) === tree;
  if (current === null) {
    const opened = await prsOpenedToday(gh, repo, deps.bot, AUTOMATED_BRANCH_PREFIX, deps.now());
    if (opened >= settings.maxPrsPerDay) {
      return fail(deps, thread, bundle, {
        category: 'budget',
        title: 'max-prs-per-day reached',
        reason: `${opened} pull requests were opened in the last 24 hours (max-prs-per-day is ${settings.maxPrsPerDay}); comment /retry later`,
      });
    }
  }
  const bug = outcome.bug;
  const commit =
    reuse && current !== null
      ? current
      : await writeCommit(gh, repo, {
          tree,
          parent: outcome.baseSha,
          message: `${bug ? 'fix' : 'feat'}: ${oneLine(thread.issue.title, 200)}\n\nFixes #${number}`,
          person: botPerson(deps.bot),
          date: deps.now(),
        });
  const places = bug
    ? await bugPlaces({ repoUrl: deps.repoUrl, baseSha: outcome.baseSha, readBase: apiBaseReader(gh, repo, outcome.baseSha) }, bug, outcome.files)
    : undefined;
  const pending: PendingPublish = {
    branch,
    baseSha: outcome.baseSha,
    commit,
    summary: redact(outcome.summary.slice(0, 4000)),
    planNotes: outcome.planNotes.map((note) => redact(note)),
    files: outcome.files.map((file) => ({ path: file.path, action: file.action })),
    test: {
      ...(outcome.test.command ? { command: outcome.test.command } : {}),
      ran: outcome.test.ran,
      passed: outcome.test.passed,
      iterations: outcome.test.iterations,
      output: redact(tail(outcome.test.output, 6000)),
      ...(outcome.test.unisolated ? { unisolated: outcome.test.unisolated } : {}),
    },
    refusals: outcome.refusals.slice(0, 30).map((refusal) => ({ ...refusal, reason: redact(refusal.reason) })),
    usage: bundle.usage,
    ...(outcome.approvedBy ? { approvedBy: outcome.approvedBy } : {}),
    ...(thread.claims[0] ? { claimedAt: thread.claims[0].data.claimedAt } : {}),
    ...(bug && places ? { bugSections: redact(bugSections({ bug, baseSha: outcome.baseSha, ...places })) } : {}),
    ...(bug && !isReproduced(bug) ? { draft: true } : {}),
    recordedAt: deps.now().toISOString(),
  };
  const withRecord = await recordPending(deps, thread, pending, outcome.plan, bundle.usage.costUsd);
  return finishPublish(deps, withRecord, pending, outcome.plan);
}
