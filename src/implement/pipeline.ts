/**
 * The implement pipeline, shared by the first implementation of an issue (propose) and the review follow-up on
 * its pull request: the run's share of the issue's budget and a clean checkout before any model call, then in
 * the sandbox: install → the agent's edit loop → the working-tree changes → the pre-write gates → the files
 * to write. Each caller passes what differs (the plan, a bug report or the review feedback, the test command)
 * and turns the outcome into its own report: propose seals a bundle, the follow-up pushes a commit and replies.
 * No GitHub write happens here.
 */
import { createGitWorkspace } from '../core/git.js';
import type { ModelClient } from '../core/llm/index.js';
import type { Sandbox } from '../core/sandbox/index.js';
import type { ExecutionRequest, ExecutionResult } from './agent/index.js';
import type { BugReport } from './bug-report.js';
import { sha256 } from '../core/digest.js';
import type { BundleFile } from './bundle/bundle-schema.js';
import { collectChanges, readHeadFile, type ChangeSetFile } from './change-set.js';
import { failureFromError, failureFromExecution, type BudgetNames, type FailureOutcome } from './failures.js';
import type { DependencyCheckSettings } from './gates/dependency-gate.js';
import { runGates } from './gates/index.js';
import { installDependencies, type InstallReport } from './install/index.js';
import type { ImplementationPlan } from './plan-schema.js';
import type { ImplementSettings } from './settings.js';

/** The adapters and settings the pipeline runs with. */
export interface PipelineDeps {
  settings: ImplementSettings;
  workspace: string;
  execute: (request: ExecutionRequest) => Promise<ExecutionResult>;
  /** The sandbox repository code runs in; opened per agent run and closed after it. */
  openSandbox: () => Promise<Sandbox>;
  dependencies: DependencyCheckSettings;
  now: () => Date;
  startedAt: number;
  log: (message: string) => void;
}

export interface IssueRunBudget {
  /** What earlier runs of this issue spent. */
  spent: number;
  /** What is left of max-cost-usd-per-issue; at or below zero nothing may run. */
  remaining: number;
  /** This run's cost limit: the smaller of max-cost-usd and what is left for the issue. */
  costLimitUsd: number;
  /** The limits by their setting names, for failure reports. */
  names: BudgetNames;
}

export function runBudget(settings: ImplementSettings, spent: number): IssueRunBudget {
  const remaining = settings.maxCostUsdPerIssue - spent;
  const costLimitUsd = Math.max(0, Math.min(settings.maxCostUsdRun, remaining));
  return {
    spent,
    remaining,
    costLimitUsd,
    names: {
      costLimitUsd,
      perIssueBound: remaining < settings.maxCostUsdRun,
      maxTurns: settings.maxTurns,
      maxIterations: settings.maxIterations,
      timeoutMinutes: settings.timeoutMs / 60_000,
    },
  };
}

/** The agent's changes are read back from the working tree, so it must hold none before the agent starts. */
export async function checkoutIsClean(workspace: string): Promise<boolean> {
  return (await createGitWorkspace(workspace).changedFiles()).length === 0;
}

/** What the agent works on; untrusted text (issue, feedback) is fenced by the agent. */
export interface ChangeRequest {
  issue: { number: number; title: string; body: string };
  plan: ImplementationPlan;
  model: ModelClient;
  testCommand?: string;
  /** The issue reports a bug: the fix must come with a test that fails on the base code. */
  bug?: BugReport;
  /** Review comments to address. */
  feedback?: string;
  /** Called as soon as the install ran, so the report keeps it even if a later step throws. */
  onInstalled?: (install: InstallReport) => void;
}

export type ChangeOutcome =
  | { kind: 'install-failed'; install: InstallReport }
  /** The edit loop stopped without passing (tests, a budget, the model). */
  | { kind: 'agent-stopped'; failure: FailureOutcome; result: ExecutionResult }
  /** The loop passed but the working tree holds no change. */
  | { kind: 'no-change'; result: ExecutionResult }
  | { kind: 'blocked'; problems: string[]; result: ExecutionResult }
  | { kind: 'changed'; files: BundleFile[]; result: ExecutionResult };

/**
 * Runs the agent on the request in a fresh sandbox (closed whatever happens) and gates what it changed.
 * Errors are thrown as they come; `knownFailure` turns the expected ones into a failure report.
 */
export async function implementChange(deps: PipelineDeps, request: ChangeRequest, names: BudgetNames): Promise<ChangeOutcome> {
  const { settings } = deps;
  const sandbox = await deps.openSandbox();
  // Installed in the sandbox the tests then run in.
  const install = await installDependencies({
    sandbox,
    workspace: deps.workspace,
    configured: settings.installCommand,
    timeoutMs: settings.installTimeoutMs,
    log: deps.log,
  }).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  request.onInstalled?.(install);
  if (install.status === 'failed') {
    await sandbox.close();
    return { kind: 'install-failed', install };
  }
  const result = await deps
    .execute({
      workspace: deps.workspace,
      sandbox,
      issue: request.issue,
      plan: request.plan,
      ...(request.bug ? { bug: request.bug } : {}),
      scopeMode: settings.scopeMode,
      protectedPaths: settings.protectedPaths,
      ...(request.testCommand ? { testCommand: request.testCommand } : {}),
      model: request.model,
      limits: { maxTurns: settings.maxTurns, maxIterations: settings.maxIterations, deadline: deps.startedAt + settings.timeoutMs },
      contextTokens: settings.contextTokens,
      ...(request.feedback !== undefined ? { feedback: request.feedback } : {}),
      log: deps.log,
      now: () => deps.now().getTime(),
    })
    .finally(() => sandbox.close());
  if (result.status !== 'passed') return { kind: 'agent-stopped', failure: failureFromExecution(result, names), result };

  const changes = await collectChanges(deps.workspace);
  if (changes.length === 0) return { kind: 'no-change', result };
  const gates = await runGates(changes, {
    plan: request.plan,
    scopeMode: settings.scopeMode,
    protectedPaths: settings.protectedPaths,
    size: settings.size,
    readBase: async (path) => (await readHeadFile(deps.workspace, path))?.toString('utf8') ?? null,
    dependencies: deps.dependencies,
    now: deps.now().getTime(),
  });
  if (!gates.ok) return { kind: 'blocked', problems: gates.problems.map((problem) => problem.message), result };
  return { kind: 'changed', files: bundleFiles(changes), result };
}

/** The changes as the files a commit writes: content in base64 with its SHA-256, deletions without content. */
export function bundleFiles(changes: ChangeSetFile[]): BundleFile[] {
  return changes.map((change) =>
    change.action === 'delete' || !change.content
      ? { path: change.path, action: 'delete' as const }
      : { path: change.path, action: change.action, mode: change.mode ?? '100644', content: change.content.toString('base64'), sha256: sha256(change.content) },
  );
}

/** An expected error (budget, model, a service, a setting) as a failure report; anything else is a bug and is thrown again. */
export function knownFailure(error: unknown, names: BudgetNames): FailureOutcome {
  const failure = failureFromError(error, names);
  if (!failure) throw error;
  return failure;
}
