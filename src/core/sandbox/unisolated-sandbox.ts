/**
 * Where no sandbox user can be made (macOS and Windows runners, no sudo, the local CLI without root): the
 * command runs as the action's own user in the checkout, with the child-process allowlist for an environment,
 * and its process group is killed afterwards. Secrets in the action's own process stay within its reach.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { runChild } from './run-child.js';
import { unisolatedEnv } from './sandbox-env.js';
import type { CommandRun, Isolation, RunOptions, Sandbox, SandboxOptions } from './types.js';

function killGroup(pid: number | undefined): Promise<void> {
  if (pid === undefined || process.platform === 'win32') return Promise.resolve();
  try {
    // A negative pid addresses the whole process group: the shell, the test runner and anything it forked.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  return Promise.resolve();
}

export class UnisolatedSandbox implements Sandbox {
  readonly isolation: Isolation;

  constructor(
    private readonly options: SandboxOptions,
    reason: string,
  ) {
    this.isolation = { isolated: false, reason, pidNamespace: false, networkCut: false };
  }

  run(command: string, options: RunOptions): Promise<CommandRun> {
    const windows = process.platform === 'win32';
    return runChild({
      argv: windows ? [command] : ['sh', '-c', command],
      shell: windows,
      cwd: this.options.workspace,
      env: unisolatedEnv(this.options.env, this.options.registries ?? false),
      detached: !windows,
      command,
      label: options.label ?? 'command',
      timeoutMs: options.timeoutMs,
      stop: killGroup,
    });
  }

  async readFile(path: string): Promise<Buffer | null> {
    const relative = normalize(path);
    if (isAbsolute(relative) || relative.startsWith('..')) throw new Error(`not a path inside the workspace: ${path}`);
    // O_NOFOLLOW: a link the command left in the checkout is not followed out of it.
    const handle = await open(join(this.options.workspace, relative), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => null);
    if (!handle) return null;
    try {
      return (await handle.stat()).isFile() ? await handle.readFile() : null;
    } finally {
      await handle.close();
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
