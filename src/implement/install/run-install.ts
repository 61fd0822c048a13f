/**
 * Installs the repository's dependencies before the agent edits and tests. The install runs repository code
 * (lifecycle scripts, build steps), so it runs in the sandbox the tests then run in (src/core/sandbox): what
 * it installs is there for them, and it reaches no token, key or runner secret.
 */
import { createGitWorkspace } from '../../core/git.js';
import type { Sandbox } from '../../core/sandbox/index.js';
import { truncateTestOutput } from '../test-runner/truncate.js';
import { detectInstallSteps, type InstallStep } from './detect.js';

export const NO_INSTALL = 'none';
const OUTPUT_CHARS = 4_000;

export interface InstallStepRun extends InstallStep {
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
}

export interface InstallReport {
  /** ok: everything installed (or nothing to install); failed: see `problem` and `output`. */
  status: 'ok' | 'failed' | 'skipped';
  steps: InstallStepRun[];
  /** Why nothing ran (skipped), or what went wrong (failed). */
  note?: string;
  /** The end of the last step's output, for the job summary and the failure report. */
  output?: string;
}

export interface InstallOptions {
  sandbox: Sandbox;
  /** The action's checkout: an install must leave it as git sees it. */
  workspace: string;
  /** The configured command; undefined detects from the lockfiles; "none" installs nothing. */
  configured: string | undefined;
  timeoutMs: number;
  /** Paths the caller changed in the checkout itself (a lockfile it updated): not the install's doing. */
  changedByCaller?: readonly string[];
  log?: (message: string) => void;
}

export async function installDependencies(options: InstallOptions): Promise<InstallReport> {
  const configured = options.configured?.trim();
  if (configured === NO_INSTALL) return { status: 'skipped', steps: [], note: 'install-command is "none"' };
  const steps = configured ? [{ command: configured, because: 'install-command' }] : await detectInstallSteps(options.workspace);
  if (steps.length === 0) return { status: 'skipped', steps: [], note: 'no lockfile or dependency manifest found; set install-command if the tests need one' };

  const deadline = Date.now() + options.timeoutMs;
  const runs: InstallStepRun[] = [];
  for (const step of steps) {
    options.log?.(`installing dependencies: ${step.command} (${step.because})`);
    const command = await options.sandbox.run(step.command, { timeoutMs: Math.max(1_000, deadline - Date.now()), label: 'install command' });
    const run = { ...command, output: truncateTestOutput(command.output, OUTPUT_CHARS) };
    runs.push({ ...step, exitCode: run.exitCode, timedOut: run.timedOut, durationMs: run.durationMs });
    if (run.timedOut || run.exitCode !== 0) {
      const note = run.timedOut
        ? `\`${step.command}\` did not finish within install-timeout-minutes (${(options.timeoutMs / 60_000).toFixed(1)})`
        : `\`${step.command}\` exited with ${run.exitCode ?? 'no exit code'}`;
      return { status: 'failed', steps: runs, note, output: run.output };
    }
    if (step === steps.at(-1)) {
      // Where the sandbox runs in the checkout itself (no isolation), anything the install leaves that git does
      // not ignore would end up in the pull request.
      const changed = (await createGitWorkspace(options.workspace).changedFiles()).filter((path) => !options.changedByCaller?.includes(path));
      if (changed.length > 0) {
        const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? `, … (${changed.length} paths)` : '');
        return {
          status: 'failed',
          steps: runs,
          note: `the install changed files git tracks or does not ignore (${shown}); add them to .gitignore or set install-command`,
          output: run.output,
        };
      }
      return { status: 'ok', steps: runs, output: run.output };
    }
  }
  return { status: 'ok', steps: runs };
}
