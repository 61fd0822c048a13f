/**
 * How the action gets the rights to create a user and switch to it: it is root (containers, this project's
 * CI), or it may use sudo without a password (GitHub-hosted Linux runners give the `runner` user that).
 */
import { exec, type ExecResult } from './exec.js';

export type Privilege = 'root' | 'sudo';

export async function detectPrivilege(env: Record<string, string>): Promise<Privilege | undefined> {
  if (process.getuid?.() === 0) return 'root';
  const sudo = await exec(['sudo', '-n', 'true'], { env });
  return sudo.code === 0 ? 'sudo' : undefined;
}

/** argv run with the privilege: as is for root, through `sudo -n` (never prompting) otherwise. */
export function privileged(privilege: Privilege, argv: readonly string[]): string[] {
  return privilege === 'root' ? [...argv] : ['sudo', '-n', '--', ...argv];
}

export function execPrivileged(privilege: Privilege, argv: readonly string[], options: { env: Record<string, string>; input?: string }): Promise<ExecResult> {
  return exec(privileged(privilege, argv), options);
}
