/**
 * Runs one repository command and collects its output. `stop` ends everything the command started (the
 * sandbox user's processes, or the process group when there is no sandbox); it runs at the deadline, and
 * after the command exits so background processes cannot hold the pipes open or outlive the run.
 */
import { spawn } from 'node:child_process';
import { BoundedOutput } from './bounded-output.js';
import type { CommandRun } from './types.js';

export interface ChildSpec {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Its own process group, so `stop` can address it (the fallback without a sandbox user). */
  detached: boolean;
  /** Windows only: argv[0] is a command line for cmd.exe. */
  shell?: boolean;
  command: string;
  label: string;
  timeoutMs: number;
  stop: (pid: number | undefined) => Promise<void>;
}

export function runChild(spec: ChildSpec): Promise<CommandRun> {
  const started = Date.now();
  const output = new BoundedOutput();
  const [file, ...args] = spec.argv;
  return new Promise<CommandRun>((resolve, reject) => {
    const child = spawn(file ?? 'sh', args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: spec.detached,
      shell: spec.shell ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let timedOut = false;
    let settled = false;
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= spec.stop(child.pid));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      stop().catch(() => undefined);
    }, spec.timeoutMs);
    const finish = (exitCode: number | null, note?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const stopped = `the ${spec.label} did not finish within ${Math.round(spec.timeoutMs / 1000)} s and was stopped`;
      const text = timedOut ? stopped : note;
      if (text) output.push(`\n${text}\n`);
      // Whatever the command left behind must be gone before the caller looks at the workspace again.
      (stopping ?? stop()).then(
        () => resolve({ command: spec.command, exitCode: timedOut ? null : exitCode, timedOut, output: output.text(), durationMs: Date.now() - started }),
        reject,
      );
    };
    child.on('error', (error) => finish(null, `could not start the ${spec.label}: ${error.message}`));
    child.on('exit', () => {
      stop().catch(() => undefined);
    });
    child.on('close', (code, signal) => finish(code, signal ? `the ${spec.label} was ended by ${signal}` : undefined));
  });
}
