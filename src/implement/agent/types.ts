/** The contract between the implement orchestration and the agent that works inside the checked-out workspace. */
import type { ModelClient } from '../../core/llm/index.js';
import type { ImplementationPlan, ScopeMode } from '../plan-schema.js';
import type { Sandbox } from '../../core/sandbox/index.js';
import type { BugReport } from '../bug-report.js';
import type { Reproduction } from './reproduction.js';

export type { ImplementationPlan, PlanFile, ScopeMode } from '../plan-schema.js';

export interface ExecutionLimits {
  /** Model calls at most. */
  maxTurns: number;
  /** Failing test runs at most (test-fix cycles); default 5. */
  maxIterations: number;
  /** Wall-clock end, epoch ms. */
  deadline: number;
}

export interface ExecutionRequest {
  /** The checked-out repository. */
  workspace: string;
  /** Untrusted: sanitised and fenced before it reaches the model. */
  issue: { number: number; title: string; body: string };
  plan: ImplementationPlan;
  /** 'plan' (default): edits only to plan.files; 'repository': anywhere inside the workspace. */
  scopeMode: ScopeMode;
  /** Globs (minimatch, dot: true); `.github/workflows/**` is always added. */
  protectedPaths: string[];
  /** Configured; else detected from the repository. */
  testCommand?: string;
  /** Where the test command runs: never the workspace itself when the runner can isolate it. */
  sandbox: Sandbox;
  model: ModelClient;
  limits: ExecutionLimits;
  /** Token budget of the repository map in the system prompt. */
  contextTokens: number;
  /** Review comments to address (review follow-up runs); untrusted like the issue. */
  feedback?: string;
  /** Set when the issue reports a bug: the fix must come with a test that fails on the base code. */
  bug?: BugReport;
  log?: (message: string) => void;
  now?: () => number;
}

export interface ToolRefusal {
  tool: string;
  path: string;
  reason: string;
}

export type ExecutionStatus = 'passed' | 'tests-failed' | 'budget-exhausted' | 'turns-exhausted' | 'timed-out' | 'no-changes' | 'model-error';

export interface ChangedFile {
  path: string;
  action: 'modify' | 'create' | 'delete';
}

export interface TestSummary {
  command: string | undefined;
  ran: boolean;
  passed: boolean;
  exitCode: number | null;
  output: string;
  /** Test runs made, passing and failing. */
  iterations: number;
  /** Why the tests ran as the action's own user, when the runner could not isolate them. */
  unisolated?: string;
}

export interface ExecutionResult {
  status: ExecutionStatus;
  /** The model's finish(summary), or why the loop stopped. */
  summary: string;
  changedFiles: ChangedFile[];
  test: TestSummary;
  refusals: ToolRefusal[];
  turns: number;
  /** Error text for model-error and budget stops. */
  detail?: string;
  /** For a bug: the model's root cause and whether its regression test failed on the base code. */
  bug?: BugFix;
}

export interface BugFix {
  rootCause: string;
  reproduction: Reproduction;
  /** The suite's output after the fix (it passed). */
  fixedOutput: string;
}
