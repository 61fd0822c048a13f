/**
 * Runs the repository's test command. The command comes from the policy or from detection, never from the
 * model; the code it runs comes from the repository and the agent's edits, so the child gets an environment
 * without a single token, key or runner secret, and its whole process group dies at the deadline.
 */
import { spawn } from 'node:child_process';
import { safeChildEnv } from '../../core/git.js';
import { MAX_TEST_OUTPUT_CHARS, truncateTestOutput } from './truncate.js';

export interface RunTestsOptions {
  workspace: string;
  command: string;
  timeoutMs: number;
  /** The environment to filter (default process.env); only safeChildEnv's allowlist reaches the child. */
  env?: Readonly<Record<string, string | undefined>>;
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

/** Keeps the first and the last part of a stream so a runaway log cannot exhaust memory. */
class BoundedOutput {
  private head = '';
  private tail = '';
  private dropped = 0;
  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    if (this.head.length < this.limit) {
      const room = this.limit - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk.length === 0) return;
    this.tail += chunk;
    if (this.tail.length > this.limit) {
      this.dropped += this.tail.length - this.limit;
      this.tail = this.tail.slice(this.tail.length - this.limit);
    }
  }

  text(): string {
    return this.dropped > 0 ? `${this.head}\n[… ${this.dropped} characters omitted …]\n${this.tail}` : this.head + this.tail;
  }
}

const KILL_GRACE_MS = 2_000;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    // A negative pid addresses the whole process group: the shell, the test runner and anything it forked.
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}

export function runTests(options: RunTestsOptions): Promise<TestRun> {
  const started = Date.now();
  const env = { CI: 'true', ...safeChildEnv(options.env ?? process.env) };
  const output = new BoundedOutput(512 * 1024);
  return new Promise<TestRun>((resolve) => {
    const child =
      process.platform === 'win32'
        ? spawn(options.command, { cwd: options.workspace, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
        : spawn('sh', ['-c', options.command], { cwd: options.workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    let settled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    }, options.timeoutMs);
    const finish = (exitCode: number | null, note?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (note) output.push(`\n${note}\n`);
      const passed = !timedOut && exitCode === 0;
      resolve({
        command: options.command,
        exitCode: timedOut ? null : exitCode,
        passed,
        timedOut,
        output: truncateTestOutput(output.text(), options.maxOutputChars ?? MAX_TEST_OUTPUT_CHARS),
        durationMs: Date.now() - started,
      });
    };
    child.on('error', (error) => finish(null, `could not start the test command: ${error.message}`));
    child.on('exit', () => {
      // Background processes the tests left behind would hold the pipes open (and outlive the run).
      killGroup(child.pid, 'SIGKILL');
      if (timedOut) finish(null, `the test command did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped`);
    });
    child.on('close', (code, signal) => {
      if (timedOut) finish(null, `the test command did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped`);
      else finish(code, signal ? `the test command was ended by ${signal}` : undefined);
    });
  });
}
