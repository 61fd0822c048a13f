/**
 * The unprivileged user that repository code runs as: created for one run with a random name, so its
 * processes can be told from everything else on the machine (and from a concurrent run's), then removed.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { exec } from './exec.js';
import { execPrivileged, type Privilege } from './privilege.js';

export interface SandboxUser {
  name: string;
  uid: number;
  gid: number;
}

// useradd and userdel answer 10 while another process holds the lock on /etc/passwd.
const PASSWD_LOCKED = 10;

async function withPasswdLock(privilege: Privilege, argv: string[], env: Record<string, string>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const result = await execPrivileged(privilege, argv, { env });
    if (result.code === 0) return;
    if (result.code !== PASSWD_LOCKED || attempt >= 50) throw new Error(`${argv[0]} failed (exit ${result.code ?? 'none'}): ${result.stderr.trim()}`);
    await sleep(50 + Math.random() * 100);
  }
}

async function idOf(name: string, flag: '-u' | '-g', env: Record<string, string>): Promise<number> {
  const result = await exec(['id', flag, name], { env });
  const value = Number(result.stdout.trim());
  if (result.code !== 0 || !Number.isInteger(value) || value <= 0) throw new Error(`could not read the id of ${name}: ${result.stderr.trim()}`);
  return value;
}

export async function createSandboxUser(privilege: Privilege, env: Record<string, string>): Promise<SandboxUser> {
  const name = `agentic-sandbox-${randomBytes(4).toString('hex')}`;
  await withPasswdLock(privilege, ['useradd', '--system', '--no-create-home', '--user-group', '--shell', '/bin/false', name], env);
  return { name, uid: await idOf(name, '-u', env), gid: await idOf(name, '-g', env) };
}

export async function removeSandboxUser(privilege: Privilege, user: SandboxUser, env: Record<string, string>): Promise<void> {
  await withPasswdLock(privilege, ['userdel', user.name], env);
}

/** argv run as the sandbox user: no other group, and no way back up (setuid programs such as sudo are inert). */
export function asUser(user: SandboxUser, argv: readonly string[]): string[] {
  return ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--no-new-privs', '--', ...argv];
}

const KILL_DEADLINE_MS = 10_000;

/**
 * Kills every process of the sandbox user, detached and double-forked ones included, and waits until none is
 * left. `kill -9 -1` run as that user reaches all of its processes in one system call, so a process cannot
 * fork its way out between two looks at the process table.
 */
export async function killAllProcesses(privilege: Privilege, user: SandboxUser, env: Record<string, string>): Promise<void> {
  const deadline = Date.now() + KILL_DEADLINE_MS;
  for (;;) {
    await execPrivileged(privilege, asUser(user, ['sh', '-c', 'kill -9 -1']), { env });
    const left = await exec(['pgrep', '-u', String(user.uid)], { env });
    if (left.code === 1) return;
    if (left.code !== 0) throw new Error(`could not list the sandbox user's processes (pgrep exit ${left.code ?? 'none'}): ${left.stderr.trim()}`);
    if (Date.now() > deadline)
      throw new Error(
        `processes of ${user.name} were still running ${KILL_DEADLINE_MS / 1000} s after being killed: ${left.stdout.trim().split('\n').join(', ')}`,
      );
    await sleep(20);
  }
}
