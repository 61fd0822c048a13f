/**
 * The propose step: all the thinking of a run, with no GitHub write. It reads the issue, decides (clarify,
 * plan, SPEC gate), runs the edit loop in the workspace, gates the result, and returns a sealed bundle with
 * the outcome whatever it is. `phase: propose` writes the bundle to a file for the publish job; `phase: all`
 * hands it straight to publish; a dry run only reports it.
 */
import { changedSinceApproval } from '../core/approval.js';
import { approvalRecordOf, changedReason } from './approval-check.js';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { currentState } from '../core/issue-state.js';
import type { LabelNames } from '../core/labels.js';
import type { ModelClient } from '../core/llm/index.js';
import { formatRepository, type RepoRef } from '../core/repo.js';
import { branchFor } from './branch.js';
import { sealBundle, type Bundle, type Outcome, type UsageSummary } from './bundle/bundle-schema.js';
import { awaitsHumans, decideIssue, decideWorkMode, commentsSince, type DecideOptions } from './decide.js';
import { readIssueThread } from './issue-thread.js';
import { judgeComments } from './judge-comments.js';
import type { ImplementationPlan } from './plan-schema.js';
import { buildRepoContext, clarify, existingPaths, normalisePlan, requestPlan } from './planning.js';
import type { PickRules } from './pick.js';
import { detectTestCommand } from './test-runner/index.js';
import type { InstallReport } from './install/index.js';
import { createGitWorkspace } from '../core/git.js';
import { checkoutIsClean, implementChange, knownFailure, runBudget, type PipelineDeps } from './pipeline.js';
import { tail } from './render.js';
import { bugReportReason, describeError, readBugReport } from './bug-report.js';
import { readRepoFiles } from './context/index.js';

export interface ProposeDeps extends PipelineDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  rules: PickRules;
  runId: number | undefined;
  runUrl: string | undefined;
  /** Builds the model client with this run's cost limit; called only when a model is needed. */
  model: (maxCostUsd: number) => ModelClient;
}

export interface ProposeOptions {
  /** The issue must already be claimed (phase all after the claim, phase propose after pick). */
  expectClaimed: boolean;
}

const NO_USAGE: UsageSummary = { costUsd: 0, inputTokens: 0, outputTokens: 0, calls: 0 };

function usageOf(model: ModelClient | undefined): UsageSummary {
  if (!model) return NO_USAGE;
  const usage = model.usage;
  return { costUsd: usage.costUsd, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, calls: usage.calls };
}

export async function propose(deps: ProposeDeps, issueNumber: number, options: ProposeOptions): Promise<Bundle> {
  const { gh, repo, settings } = deps;
  const thread = await readIssueThread(gh, repo, issueNumber, deps.bot);
  const used: { model?: ModelClient; install?: InstallReport } = {};
  const seal = (outcome: Outcome): Bundle =>
    sealBundle({
      format: 'agentic-workflow/implement-bundle',
      v: 1,
      repository: formatRepository(repo),
      issue: { number: thread.issue.number, title: thread.issue.title },
      ...(deps.runId !== undefined ? { runId: deps.runId } : {}),
      ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
      createdAt: deps.now().toISOString(),
      usage: usageOf(used.model),
      ...(used.install ? { install: used.install } : {}),
      outcome,
    });

  const judged = awaitsHumans(thread, deps.labels) ? await judgeComments(gh, repo, deps.bot, commentsSince(thread)) : [];
  const state = currentState(thread.issue.labels, deps.labels).state;
  const decideOptions: DecideOptions = {
    rules: deps.rules,
    labels: deps.labels,
    now: deps.now(),
    staleHours: settings.staleClaimHours,
    runId: deps.runId,
    claimRunActive: new Map(),
  };
  if (!options.expectClaimed || state !== 'in-progress') {
    const decision = decideIssue(thread, judged, decideOptions);
    if (decision.kind === 'reject-spec') return seal({ kind: 'spec-rejected', reason: decision.reason, by: decision.by });
    if (decision.kind === 'skip') return seal({ kind: 'no-work', reason: decision.reason });
    if (options.expectClaimed) return seal({ kind: 'no-work', reason: `#${issueNumber} is not claimed (${state ?? 'no state'}); run the pick phase first` });
  }
  // An earlier run recorded its change and GitHub stopped it while publishing: publish finishes that, no model.
  const pending = thread.marker?.stage === 'publishing' ? thread.marker.pending : undefined;
  if (pending) return seal({ kind: 'resume', branch: pending.branch, commit: pending.commit });

  // The pick checked the approval; the text is compared again here, since a split pick and propose are minutes apart.
  const approved = approvalRecordOf(thread, deps.bot);
  const changed = approved ? changedSinceApproval(approved.content, thread.issue.title, thread.issue.body) : [];
  if (approved && changed.length > 0) {
    return seal({
      kind: 'failure',
      category: 'user',
      title: 'task changed after approval',
      reason: `${changedReason({ kind: 'changed', parts: changed, by: approved.by })}; the agent works only on the task as it was approved. A maintainer comments /retry to send it back to needs-approval for a new approval.`,
    });
  }

  const { spent, remaining, costLimitUsd, names } = runBudget(settings, thread.marker?.costUsd ?? 0);
  if (remaining <= 0) {
    return seal({
      kind: 'failure',
      category: 'budget',
      title: 'per-issue budget exhausted',
      reason: `This issue has used $${spent.toFixed(4)} of its max-cost-usd-per-issue budget ($${settings.maxCostUsdPerIssue.toFixed(2)}) over earlier runs; raise the budget and comment /retry to continue.`,
    });
  }

  if (!(await checkoutIsClean(deps.workspace))) {
    return seal({
      kind: 'failure',
      category: 'user',
      title: 'workspace not clean',
      reason: `The checkout at ${deps.workspace} has changes before the agent started; check out the default branch cleanly.`,
    });
  }
  const baseSha = await createGitWorkspace(deps.workspace).headSha();
  const mode = decideWorkMode(thread, judged);
  const issue = { number: thread.issue.number, title: thread.issue.title, body: thread.issue.body };
  const testCommand = settings.testCommand ?? (await detectTestCommand(deps.workspace));
  const model = deps.model(costLimitUsd);
  used.model = model;

  // Only a bug report needs the repository's file list (to map its trace), so other issues skip the read.
  const bugIssue = { ...issue, labels: thread.issue.labels };
  const bug = bugReportReason(bugIssue)
    ? readBugReport(
        bugIssue,
        (await readRepoFiles(deps.workspace)).map((file) => file.path),
      )
    : null;
  if (bug) deps.log(`#${issue.number} reports a bug (${bug.because}): the fix must come with a test that fails on the base code`);
  try {
    let plan: ImplementationPlan;
    let planNotes: string[] = [];
    let approvedBy: string | undefined;
    if (mode.kind === 'approved-spec') {
      plan = mode.plan;
      approvedBy = mode.approvedBy;
    } else {
      const context = await buildRepoContext(deps.workspace, `${issue.title}\n${issue.body}`, settings.contextTokens);
      if (mode.kind === 'fresh') {
        const clarification = await clarify(model, issue, context);
        if (clarification.ambiguous) return seal({ kind: 'questions', questions: clarification.questions });
      }
      const answers = mode.kind === 'answers' ? mode.answers.map((answer) => ({ author: answer.user?.login ?? 'unknown', body: answer.body })) : [];
      const raw = await requestPlan(model, { issue, answers, context, protectedPaths: settings.protectedPaths, testCommand, ...(bug ? { bug: true } : {}) });
      const checked = normalisePlan(raw, await existingPaths(deps.workspace, raw), settings.protectedPaths);
      planNotes = checked.notes;
      if (!checked.plan)
        return seal({
          kind: 'failure',
          category: 'model',
          title: 'no usable plan',
          reason: 'The plan named no file the agent may change.',
          problems: checked.notes,
        });
      plan = checked.plan;
      if (settings.requireSpecApproval) return seal({ kind: 'spec', plan, planNotes });
    }

    // Installed once the work is certain (not for questions or a SPEC).
    const change = await implementChange(
      deps,
      { issue, plan, model, ...(testCommand ? { testCommand } : {}), ...(bug ? { bug } : {}), onInstalled: (install) => (used.install = install) },
      names,
    );
    if (change.kind === 'install-failed') {
      return seal({
        kind: 'failure',
        category: 'dependencies',
        title: 'dependencies could not be installed',
        reason: `${change.install.note ?? 'the install failed'}. The agent made no change; fix the install (or set install-command in .github/agentic.yml) and comment /retry.`,
        ...(change.install.output ? { lastOutput: change.install.output } : {}),
      });
    }
    if (change.kind === 'agent-stopped') return seal(change.failure);
    if (change.kind === 'no-change')
      return seal({ kind: 'failure', category: 'model', title: 'no change made', reason: 'The agent reported success but the working tree has no change.' });
    if (change.kind === 'blocked') {
      return seal({
        kind: 'failure',
        category: 'critical',
        title: 'blocked by a safety gate',
        reason: 'The change failed the pre-write gates; nothing was pushed.',
        problems: change.problems,
        tried: change.result.summary,
      });
    }
    const { result } = change;
    return seal({
      kind: 'pull-request',
      baseSha,
      branch: thread.marker?.branch ?? branchFor(issue.number, issue.title),
      plan,
      planNotes,
      ...(approvedBy ? { approvedBy } : {}),
      summary: result.summary,
      files: change.files,
      test: result.test,
      refusals: result.refusals,
      ...(bug && result.bug
        ? {
            bug: {
              ...(bug.error ? { error: describeError(bug.error) } : {}),
              frames: bug.frames,
              outsideFrames: bug.outsideFrames,
              rootCause: result.bug.rootCause,
              reproduction: { ...result.bug.reproduction, baseOutput: tail(result.bug.reproduction.baseOutput, 6000) },
              fixedOutput: tail(result.bug.fixedOutput, 6000),
            },
          }
        : {}),
    });
  } catch (error) {
    return seal(knownFailure(error, names));
  }
}
