/**
 * The thinking before the edit loop: the repository context, the clarification decision and the plan. The
 * model and the workspace are passed in; the prompts and the plan checks are pure (prompts.ts, normalisePlan).
 */
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelClient } from '../core/llm/index.js';
import { indexRepository, rankIndexedFiles, renderRepoMap, selectFromIndex } from './context/index.js';
import { protectingGlob } from '../core/protected-paths.js';
import { pathProblem } from './gates/path-gates.js';
import { implementationPlanSchema, type ImplementationPlan } from './plan-schema.js';
import { CLARIFY_SYSTEM, clarificationSchema, clarifyMessage, planMessage, planSystem, type Answer, type Clarification, type IssueText } from './prompts.js';

export interface RepoContext {
  repoMap: string;
  files: Array<{ path: string; content: string }>;
}

/** The repository map (about a quarter of the budget) and the most relevant files' contents (the rest). */
export async function buildRepoContext(workspace: string, query: string, budgetTokens: number): Promise<RepoContext> {
  const index = await indexRepository(workspace);
  const mapBudget = Math.max(300, Math.floor(budgetTokens / 4));
  const repoMap = renderRepoMap(rankIndexedFiles(index, query), mapBudget);
  const selected = selectFromIndex(index, query, budgetTokens - mapBudget);
  const files: RepoContext['files'] = [];
  for (const file of selected) {
    const content = await readFile(join(workspace, file.path), 'utf8').catch(() => null);
    if (content !== null) files.push({ path: file.path, content });
  }
  return { repoMap, files };
}

export async function clarify(model: ModelClient, issue: IssueText, context: RepoContext): Promise<Clarification> {
  const { value } = await model.structured({
    system: CLARIFY_SYSTEM,
    messages: [{ role: 'user', content: clarifyMessage(issue, context.repoMap) }],
    schema: clarificationSchema,
    name: 'clarification',
    description: 'Whether the issue needs clarifying questions before it can be implemented, and which.',
  });
  const questions = value.questions.map((question) => question.trim()).filter(Boolean);
  // "Ambiguous" without a question to ask is not actionable: go ahead.
  return { ambiguous: value.ambiguous && questions.length > 0, questions };
}

export interface PlanRequest {
  issue: IssueText;
  answers: readonly Answer[];
  context: RepoContext;
  protectedPaths: readonly string[];
  testCommand: string | undefined;
  bug?: boolean;
}

export async function requestPlan(model: ModelClient, request: PlanRequest): Promise<ImplementationPlan> {
  const { value } = await model.structured({
    system: planSystem(request.protectedPaths),
    messages: [
      {
        role: 'user',
        content: planMessage({
          issue: request.issue,
          answers: request.answers,
          repoMap: request.context.repoMap,
          files: request.context.files,
          protectedPaths: request.protectedPaths,
          testCommand: request.testCommand,
          ...(request.bug ? { bug: true } : {}),
        }),
      },
    ],
    schema: implementationPlanSchema,
    name: 'implementation_plan',
    description: 'The implementation plan (SPEC) for the issue.',
  });
  return value;
}

export interface PlanCheck {
  plan: ImplementationPlan | null;
  /** What was corrected or dropped, for the SPEC and the summary. */
  notes: string[];
}

/**
 * Pure: a plan the loop can run. Unsafe paths and protected paths are dropped (with a note: a human must
 * make those changes), duplicate entries merged, and each action set by whether the file exists, since
 * models confuse "modify" and "create". A plan with no file left is no plan.
 */
export function normalisePlan(plan: ImplementationPlan, exists: ReadonlySet<string>, protectedPaths: readonly string[]): PlanCheck {
  const notes: string[] = [];
  const files: ImplementationPlan['files'] = [];
  const seen = new Set<string>();
  for (const file of plan.files) {
    const path = file.path.trim().replace(/^\.\//, '');
    const problem = pathProblem(path);
    if (problem) {
      notes.push(`dropped ${JSON.stringify(file.path)} from the plan: ${problem}`);
      continue;
    }
    const glob = protectingGlob(path, protectedPaths);
    if (glob) {
      notes.push(`dropped ${path} from the plan: it is protected (${glob}); a human has to make that change`);
      continue;
    }
    if (seen.has(path)) continue;
    seen.add(path);
    const present = exists.has(path);
    let action = file.action;
    if (action === 'create' && present) action = 'modify';
    if ((action === 'modify' || action === 'delete') && !present) {
      if (action === 'delete') {
        notes.push(`dropped the deletion of ${path}: it does not exist`);
        continue;
      }
      action = 'create';
    }
    if (action !== file.action) notes.push(`${path}: ${file.action} corrected to ${action}`);
    files.push({ ...file, path, action });
  }
  if (files.length === 0) return { plan: null, notes: [...notes, 'the plan names no file the agent may change'] };
  return { plan: { ...plan, files }, notes };
}

/** Which of the planned paths exist in the workspace as files. */
export async function existingPaths(workspace: string, plan: ImplementationPlan): Promise<Set<string>> {
  const present = new Set<string>();
  for (const file of plan.files) {
    const path = file.path.trim().replace(/^\.\//, '');
    if (pathProblem(path)) continue;
    const stat = await lstat(join(workspace, path)).catch(() => null);
    if (stat?.isFile()) present.add(path);
  }
  return present;
}
