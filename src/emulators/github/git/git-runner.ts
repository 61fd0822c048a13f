import { spawnSync } from 'node:child_process';

export interface GitIdentity {
  name: string;
  email: string;
  /** Commit time; defaults to now. */
  date?: Date;
}

export interface GitResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(' ')} exited with ${result.status}: ${result.stderr.trim()}`);
  }
}

/**
 * Runs git against one bare repository. Synchronous on purpose: every API request then acts
 * atomically (two concurrent requests cannot interleave half-made git changes), and the seeding
 * helpers can return shas directly.
 */
export class GitRunner {
  private readonly baseEnv: NodeJS.ProcessEnv;

  constructor(readonly gitDir: string) {
    // Keep the user's and the system's git configuration out: hooks, signing or templates
    // there must not change what the emulator writes.
    this.baseEnv = {
      PATH: process.env['PATH'],
      GIT_DIR: gitDir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      LANG: 'C',
    };
  }

  /** Runs git and returns stdout as text; throws on a non-zero exit. */
  text(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): string {
    return this.buffer(args, options).toString('utf8');
  }

  buffer(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Buffer {
    const result = this.run(args, options);
    if (result.status !== 0) throw new GitCommandError(args, result);
    return result.stdout;
  }

  /** Runs git and reports the exit status instead of throwing (merge-tree, is-ancestor). */
  run(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): GitResult {
    const child = spawnSync('git', ['-c', 'core.quotePath=false', '-c', 'commit.gpgSign=false', ...args], {
      env: { ...this.baseEnv, ...options.env },
      input: options.input,
      cwd: options.cwd ?? this.gitDir,
      maxBuffer: 512 * 1024 * 1024,
    });
    if (child.error) throw child.error;
    return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr.toString('utf8') };
  }
}

export function identityEnv(author: GitIdentity, committer: GitIdentity = author): NodeJS.ProcessEnv {
  const stamp = (date: Date | undefined): string => `${Math.floor((date ?? new Date()).getTime() / 1000)} +0000`;
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: stamp(author.date),
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: stamp(committer.date),
  };
}
