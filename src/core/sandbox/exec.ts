/**
 * Small process helpers for the sandbox's own plumbing (creating the user, copying files, killing what is
 * left). These children get a bare environment: nothing of the action's reaches them.
 */
import { spawn } from 'node:child_process';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** PATH only: enough to find useradd, tar and friends, and no secret of the action. */
export function plumbingEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return { PATH: env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };
}

export function exec(argv: readonly string[], options: { env: Record<string, string>; input?: string }): Promise<ExecResult> {
  const [file, ...args] = argv;
  if (!file) return Promise.resolve({ code: null, stdout: '', stderr: 'empty command' });
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: '/', env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: null, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
