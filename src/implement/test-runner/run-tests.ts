/**
 * Runs the repository's test command. The command comes from the policy or from detection, never from the
 * model; the code it runs comes from the repository and the agent's edits, so it runs in the sandbox
 * (src/core/sandbox): another user, a copy of the workspace, no secret in reach, nothing left running.
 */
import type { Sandbox } from '../../core/sandbox/index.js';
import { MAX_TEST_OUTPUT_CHARS, truncateTestOutput } from './truncate.js';

export interface RunTestsOptions {
  sandbox: Sandbox;
  command: string;
  timeoutMs: number;
  /** Characters of output kept for the model (default about 12k). */
  maxOutputChars?: number;
}

export interface TestRun {
  command: string;
  /** null when the process was killed (timeout) or did not start. */
  exitCode: number | null;
  passed: boolean;
  timedOut: boolean;
  /** stdout and stderr interleaved as they arrived, truncated for the model (head, failures, tail). */
  output: string;
  durationMs: number;
}

export async function runTests(options: RunTestsOptions): Promise<TestRun> {
  const run = await options.sandbox.run(options.command, { timeoutMs: options.timeoutMs, label: 'test command' });
  return {
    command: run.command,
    exitCode: run.exitCode,
    passed: !run.timedOut && run.exitCode === 0,
    timedOut: run.timedOut,
    output: truncateTestOutput(run.output, options.maxOutputChars ?? MAX_TEST_OUTPUT_CHARS),
    durationMs: run.durationMs,
  };
}
