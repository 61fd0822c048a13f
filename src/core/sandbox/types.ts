/** What the sandbox promises its callers, and what a run of a repository command returns. */

/** `none` cuts repository code off the network (a network namespace); `allow` leaves it as the runner's. */
export type NetworkPolicy = 'allow' | 'none';

export interface Isolation {
  /** True when repository code runs as a separate unprivileged user in its own copy of the workspace. */
  isolated: boolean;
  /** Why it is not isolated (no sudo, not Linux, …); absent when isolated. */
  reason?: string;
  /** A private PID namespace: the sandbox sees no other process of the machine. */
  pidNamespace: boolean;
  /** The network is cut for repository code (test-network: none on a runner that can do it). */
  networkCut: boolean;
}

export interface CommandRun {
  command: string;
  /** null when the command was stopped (timeout) or did not start. */
  exitCode: number | null;
  timedOut: boolean;
  /** stdout and stderr interleaved as they arrived, first and last 512 KB when longer. */
  output: string;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  /** How to call the command in messages ("test command", "install command"). */
  label?: string;
}

export interface Sandbox {
  readonly isolation: Isolation;
  /**
   * Runs one repository command: the agent's edits are synced into the sandbox copy first, and afterwards
   * every process the command started is gone, detached ones included.
   */
  run(command: string, options: RunOptions): Promise<CommandRun>;
  /**
   * A file of the sandbox's copy as repository code left it (a lockfile a package manager rewrote), read as the
   * sandbox user and never through a symbolic link; null when it is not a regular file there.
   */
  readFile(path: string): Promise<Buffer | null>;
  /** Kills what is left, removes the sandbox copy and the sandbox user. */
  close(): Promise<void>;
}

/** What the runner's side contributes to every sandbox of a run. */
export interface SandboxHost {
  /**
   * Folders the sandbox user must not read: the runner's temp folder, the folders of the command files, the
   * action's own files. Made private to the action's user (mode 700) for the rest of the job.
   */
  privatePaths: readonly string[];
  /** The action's environment; only locale, PATH and toolchain locations reach repository code. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface SandboxOptions extends SandboxHost {
  /** The action's checkout. Repository code never runs in it: it gets a copy (without .git). */
  workspace: string;
  network: NetworkPolicy;
  /** Pass the runner's package registry settings (npm registry, Python index, Go proxy; see registry-env.ts). */
  registries?: boolean;
  log?: (message: string) => void;
}
