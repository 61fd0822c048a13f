/**
 * Runs repository code (install, build, test, commands from the policy) where it can reach no secret and
 * change nothing the action publishes: as a user created for the run, in a copy of the workspace, with a
 * minimal environment, its own HOME and TMPDIR, no sight of other processes where `unshare` works, and,
 * on request, no network. Where that is impossible the caller decides whether to run without it.
 */
import { ConfigurationError } from '../errors.js';
import { IsolatedSandbox } from './isolated-sandbox.js';
import { probeIsolation, type Probe } from './probe.js';
import type { CommandRun, RunOptions, Sandbox, SandboxOptions } from './types.js';
import { UnisolatedSandbox } from './unisolated-sandbox.js';

export { probeIsolation, type Probe } from './probe.js';
export { IsolatedSandbox } from './isolated-sandbox.js';
export { UnisolatedSandbox } from './unisolated-sandbox.js';
export { runnerPrivatePaths } from './runner-paths.js';
export type { CommandRun, Isolation, NetworkPolicy, RunOptions, Sandbox, SandboxHost, SandboxOptions } from './types.js';

export interface OpenOptions extends SandboxOptions {
  /** Run repository code as the action's user when no sandbox can be made (otherwise that is an error). */
  allowUnisolated: boolean;
}

/** Thrown when repository code would run without isolation and the caller did not allow that. */
export class IsolationUnavailableError extends ConfigurationError {}

/**
 * What a sandbox opened with these options would be, without opening one: throws when the options ask for
 * what this runner cannot give (no network cut, or no isolation when it is required).
 */
export async function checkIsolation(options: Pick<OpenOptions, 'env' | 'network' | 'allowUnisolated'>): Promise<Probe> {
  const probe = await probeIsolation(options.env, options.network);
  if (options.network === 'none' && !probe.capabilities?.networkNamespace) {
    const why = probe.reason ?? '`unshare --net` is not permitted here';
    throw new ConfigurationError(
      `input 'test-network' is "none", but this runner cannot cut the network for repository code: ${why}; use a GitHub-hosted Linux runner or set test-network: allow`,
    );
  }
  if (!probe.capabilities && !options.allowUnisolated)
    throw new IsolationUnavailableError(`repository code cannot be isolated on this runner: ${probe.reason}`);
  return probe;
}

export async function openSandbox(options: OpenOptions): Promise<Sandbox> {
  const probe = await checkIsolation(options);
  if (probe.capabilities) return IsolatedSandbox.open(options, probe.capabilities);
  options.log?.(`sandbox: not isolated: ${probe.reason}`);
  return new UnisolatedSandbox(options, probe.reason);
}

/** One command in a sandbox of its own, opened and closed around it. */
export async function runRepositoryCommand(command: string, options: OpenOptions & RunOptions): Promise<CommandRun> {
  const sandbox = await openSandbox(options);
  try {
    return await sandbox.run(command, options);
  } finally {
    await sandbox.close();
  }
}
