/**
 * The implement agent's edit-and-test loop: the model works through the tools until it finishes with green
 * tests, or a bound stops it (turns, failing test runs, deadline, cost). Every stop is a status the caller
 * can act on; only a refused model key or an internal fault escapes as an exception.
 */
import {
  CostBudgetExceededError,
  IMPLEMENT_TEMPERATURE,
  InputTooLargeError,
  ModelOutputError,
  ModelRequestError,
  ModelUnavailableError,
  sanitizeUntrusted,
  type Message,
  type ToolCall,
} from '../../core/llm/index.js';
import { indexRepository, rankIndexedFiles, renderRepoMap } from '../context/index.js';
import { detectTestCommand } from '../test-runner/detect.js';
import { isDocsIssue, withDocExamples } from '../test-runner/doc-examples.js';
import { runTests, type TestRun } from '../test-runner/run-tests.js';
import { ALWAYS_PROTECTED } from '../../core/protected-paths.js';
import { compactHistory } from './history.js';
import { checkReproduction, reproductionRefusal, type Reproduction } from './reproduction.js';
import { buildSystemPrompt, firstMessage } from './prompt.js';
import { parseToolCall, TOOL_SPECS, type AgentToolCall } from './tool-specs.js';
import type { BugFix, ExecutionRequest, ExecutionResult, ExecutionStatus } from './types.js';
import { WorkspaceTools, type ToolOutcome } from './workspace-tools.js';

/** One test run never takes longer than this, whatever is left of the deadline. */
export const TEST_TIMEOUT_MS = 15 * 60_000;

/**
 * How often finish is refused for a bug fix without a reproduction. After that the fix is accepted as
 * unproven: the pull request says so and opens as a draft, so no person mistakes it for a proven fix.
 */
export const REPRODUCTION_REFUSALS = 1;

interface Stop {
  status: ExecutionStatus;
  summary: string;
  detail?: string;
}

type Step = ToolOutcome & { stop?: Stop };

/** The repository map for the prompt: the plan's files first, then the ranking for the task. */
async function repositoryMap(request: ExecutionRequest): Promise<string> {
  const query = [request.issue.title, request.issue.body, request.plan.problem, ...request.plan.steps, ...request.plan.files.map((file) => file.path)]
    .map((part) => sanitizeUntrusted(part))
    .join('\n');
  try {
    const ranked = rankIndexedFiles(await indexRepository(request.workspace), query);
    const planned = new Set(request.plan.files.map((file) => file.path));
    const ordered = [...ranked.filter((file) => planned.has(file.path)), ...ranked.filter((file) => !planned.has(file.path))];
    return renderRepoMap(ordered, request.contextTokens);
  } catch (error) {
    // The map is a head start, not a requirement: the model can still list and search.
    return `(the repository map could not be built: ${error instanceof Error ? error.message : String(error)})`;
  }
}

function testReport(run: TestRun, failedRuns: number, maxIterations: number): string {
  const verdict = run.passed
    ? `Tests passed (\`${run.command}\`, exit 0).`
    : run.timedOut
      ? `Tests did not finish in time (\`${run.command}\`). Failing run ${failedRuns} of at most ${maxIterations}.`
      : `Tests failed (\`${run.command}\`, exit ${run.exitCode ?? 'none'}). Failing run ${failedRuns} of at most ${maxIterations}.`;
  return `${verdict}\n\n${run.output}`;
}

export async function executePlan(request: ExecutionRequest): Promise<ExecutionResult> {
  const now = request.now ?? Date.now;
  const log = request.log ?? (() => undefined);
  const { limits } = request;
  const maxIterations = Math.max(1, limits.maxIterations);
  const protectedPaths = [...new Set([...ALWAYS_PROTECTED, ...request.protectedPaths])];
  const tools = new WorkspaceTools(request.workspace, { scopeMode: request.scopeMode, planFiles: request.plan.files, protectedPaths });
  const testCommand = request.testCommand?.trim() || (await detectTestCommand(request.workspace));
  const system = buildSystemPrompt({ request, protectedPaths, testCommand, repoMap: await repositoryMap(request), maxIterations });
  const messages: Message[] = [{ role: 'user', content: firstMessage(request) }];

  let turns = 0;
  let testRuns = 0;
  let failedRuns = 0;
  let lastTest: TestRun | undefined;
  // True when files changed after the last test run: a green run before an edit proves nothing about it.
  let untested = true;
  let reproductionRefusals = 0;
  let rootCauseAsked = false;
  let bugFix: Omit<BugFix, 'fixedOutput'> | undefined;

  const result = async (stop: Stop): Promise<ExecutionResult> => {
    log(`implement agent stopped: ${stop.status} after ${turns} turn(s), ${testRuns} test run(s)`);
    return {
      status: stop.status,
      summary: stop.summary,
      changedFiles: await tools.changedFiles(),
      test: {
        command: testCommand,
        ran: testRuns > 0,
        passed: lastTest?.passed ?? false,
        exitCode: lastTest?.exitCode ?? null,
        output: lastTest?.output ?? '',
        iterations: testRuns,
        ...(testRuns > 0 && !request.sandbox.isolation.isolated ? { unisolated: request.sandbox.isolation.reason ?? 'no isolation on this runner' } : {}),
      },
      refusals: [...tools.refusals],
      turns,
      ...(stop.detail !== undefined ? { detail: stop.detail } : {}),
      ...(bugFix && stop.status === 'passed' ? { bug: { ...bugFix, fixedOutput: lastTest?.output ?? '' } } : {}),
    };
  };

  const testTimeout = () => Math.max(1_000, Math.min(TEST_TIMEOUT_MS, limits.deadline - now()));

  const runSuite = async (command: string): Promise<TestRun> => {
    const tests = await runTests({ sandbox: request.sandbox, command, timeoutMs: testTimeout() });
    // A [Docs] issue's examples are part of what the tests check: the code blocks it adds or edits must run.
    const run =
      tests.passed && isDocsIssue(request.issue.title)
        ? await withDocExamples(tests, {
            sandbox: request.sandbox,
            workspace: request.workspace,
            changed: (await tools.changedFiles()).map((file) => file.path),
            timeoutMs: Math.min(60_000, testTimeout()),
          })
        : tests;
    testRuns++;
    if (!run.passed) failedRuns++;
    lastTest = run;
    untested = false;
    log(`tests: ${run.passed ? 'passed' : `failed (exit ${run.exitCode ?? 'none'})`} in ${run.durationMs} ms`);
    return run;
  };

  /** The agent's regression tests against the base code: they must fail, for the reported reason. */
  const reproduce = async (command: string): Promise<Reproduction> => {
    const reproduction = await checkReproduction({
      workspace: request.workspace,
      changed: await tools.changedFiles(),
      command,
      error: request.bug?.error,
      runSuite: () => runTests({ sandbox: request.sandbox, command, timeoutMs: testTimeout() }),
    });
    log(`reproduction on the base code: ${reproduction.status}`);
    return reproduction;
  };

  /** A failing run: either the model gets the output to fix, or the iterations are spent. */
  const afterFailure = (run: TestRun, prefix = ''): Step => {
    if (now() >= limits.deadline)
      return { content: '', isError: true, stop: { status: 'timed-out', summary: 'The time limit was reached while the tests were running.' } };
    if (failedRuns >= maxIterations) {
      return {
        content: '',
        isError: true,
        stop: { status: 'tests-failed', summary: `The tests still failed after ${failedRuns} failing run(s) (max-iterations ${maxIterations}).` },
      };
    }
    return { content: `${prefix}${testReport(run, failedRuns, maxIterations)}`, isError: true };
  };

  const perform = async (call: AgentToolCall): Promise<Step> => {
    switch (call.tool) {
      case 'read_file':
        return tools.readFile(call.path, call.lineStart, call.lineEnd);
      case 'list_directory':
        return tools.listDirectory(call.path, call.recursive);
      case 'search_files':
        return tools.searchFiles(call.pattern, call.glob);
      case 'edit_file':
        return tools.editFile(call.path, call.oldString, call.newString);
      case 'create_file':
        return tools.createFile(call.path, call.content);
      case 'delete_file':
        return tools.deleteFile(call.path);
      case 'run_tests': {
        if (!testCommand)
          return {
            content: 'This repository has no test command (none configured, none detected). Review your change by reading it, then call finish.',
            isError: true,
          };
        const run = await runSuite(testCommand);
        return run.passed ? { content: testReport(run, failedRuns, maxIterations), isError: false } : afterFailure(run);
      }
      case 'finish': {
        const summary = sanitizeUntrusted(call.summary).trim() || 'Implemented the approved plan.';
        if ((await tools.changedFiles()).length === 0) return { content: '', isError: false, stop: { status: 'no-changes', summary } };
        if (!testCommand) {
          if (request.bug) bugFix = { rootCause: call.rootCause ?? summary, reproduction: { status: 'no-test', tests: [], command: '', baseOutput: '' } };
          return { content: '', isError: false, stop: { status: 'passed', summary } };
        }
        if (lastTest && !untested && !lastTest.passed) {
          return {
            content: `finish refused: the last test run failed and nothing changed since.\n\n${testReport(lastTest, failedRuns, maxIterations)}`,
            isError: true,
          };
        }
        if (request.bug) {
          if (!call.rootCause && !rootCauseAsked) {
            rootCauseAsked = true;
            return {
              content: 'finish refused: this issue reports a bug; call finish again with root_cause: what failed, why, and where in the code (file and line).',
              isError: true,
            };
          }
          const reproduction = await reproduce(testCommand);
          if (reproduction.status !== 'reproduced' && reproductionRefusals < REPRODUCTION_REFUSALS) {
            reproductionRefusals++;
            return { content: reproductionRefusal(reproduction), isError: true };
          }
          bugFix = { rootCause: call.rootCause ?? summary, reproduction };
        }
        // The model may finish without running the tests; nothing is accepted untested.
        const run = lastTest && !untested ? lastTest : await runSuite(testCommand);
        if (run.passed) return { content: '', isError: false, stop: { status: 'passed', summary } };
        return afterFailure(run, 'finish refused: the tests fail.\n\n');
      }
    }
  };

  const handle = async (call: ToolCall): Promise<Step> => {
    const parsed = parseToolCall(call);
    if (!parsed.ok) return { content: parsed.message, isError: true };
    const step = await perform(parsed.call);
    if (step.wrote) untested = true;
    // The path comes from the model: quoted, so a newline in it cannot start a workflow command in the log.
    const target = 'path' in parsed.call ? ` ${JSON.stringify(parsed.call.path.slice(0, 200))}` : '';
    log(`turn ${turns}: ${call.name}${target}${step.refusal ? ' (refused)' : step.isError ? ' (error)' : ''}`);
    return step;
  };

  for (;;) {
    if (now() >= limits.deadline) return result({ status: 'timed-out', summary: `The time limit was reached after ${turns} turn(s).` });
    if (turns >= limits.maxTurns) return result({ status: 'turns-exhausted', summary: `Stopped after ${turns} model turn(s) (max-turns) without finishing.` });
    turns++;
    let reply;
    try {
      // Each turn resends the history with more appended: mark it as a cache prefix for the next turn.
      reply = await request.model.chat({
        system,
        messages: compactHistory(messages),
        tools: TOOL_SPECS,
        toolChoice: 'auto',
        temperature: IMPLEMENT_TEMPERATURE,
        cacheConversation: true,
      });
    } catch (error) {
      if (error instanceof CostBudgetExceededError) {
        return result({ status: 'budget-exhausted', summary: 'The model cost budget was exhausted.', detail: error.message });
      }
      if (
        error instanceof ModelOutputError ||
        error instanceof ModelUnavailableError ||
        error instanceof ModelRequestError ||
        error instanceof InputTooLargeError
      ) {
        return result({ status: 'model-error', summary: 'The model could not be used to continue.', detail: error.message });
      }
      // A refused key or model (ConfigurationError) is the user's to fix, anything else is a fault: the caller reports both.
      throw error;
    }
    messages.push(reply.message);
    if (reply.toolCalls.length === 0) {
      messages.push({ role: 'user', content: 'Continue with the tools. When the change is complete and the tests pass, call finish with a summary.' });
      continue;
    }
    for (const call of reply.toolCalls) {
      const step = await handle(call);
      if (step.stop) return result(step.stop);
      messages.push({ role: 'tool', toolCallId: call.id, content: step.content, ...(step.isError ? { isError: true } : {}) });
    }
  }
}
