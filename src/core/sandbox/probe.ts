/**
 * What this machine allows: a sandbox user (Linux, root or passwordless sudo, the usual tools), a PID
 * namespace and a network namespace (`unshare`, which some container runtimes forbid).
 */
import { exec, plumbingEnv } from './exec.js';
import type { Capabilities } from './isolated-sandbox.js';
import { detectPrivilege, execPrivileged } from './privilege.js';
import type { NetworkPolicy } from './types.js';

export type Probe = { capabilities: Capabilities; reason?: undefined } | { capabilities?: undefined; reason: string };

const TOOLS = ['useradd', 'userdel', 'setpriv', 'install', 'tar', 'xargs', 'pgrep', 'env'];

export async function probeIsolation(env: Readonly<Record<string, string | undefined>>, network: NetworkPolicy): Promise<Probe> {
  if (process.platform !== 'linux') return { reason: `a separate user for repository code needs a Linux runner (this one runs ${process.platform})` };
  const plumbing = plumbingEnv(env);
  const privilege = await detectPrivilege(plumbing);
  if (!privilege) return { reason: 'a separate user for repository code needs root or passwordless sudo, and this runner has neither' };
  const found = await exec(['sh', '-c', 'for tool in "$@"; do command -v "$tool" >/dev/null || echo "$tool"; done', 'probe', ...TOOLS], { env: plumbing });
  const missing = found.stdout.split('\n').filter(Boolean);
  if (missing.length > 0) return { reason: `a separate user for repository code needs ${missing.join(', ')}, missing on this runner` };
  const pid = await execPrivileged(privilege, ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child', '--', 'true'], { env: plumbing });
  const net = network === 'none' ? await execPrivileged(privilege, ['unshare', '--net', '--', 'true'], { env: plumbing }) : undefined;
  return { capabilities: { privilege, pidNamespace: pid.code === 0, networkNamespace: net?.code === 0 } };
}
