/**
 * The sandbox proper: a user created for this run, a copy of the workspace that only this user can reach, a
 * private PID namespace where `unshare` works, a network namespace for `test-network: none`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, normalize } from 'node:path';
import { plumbingEnv } from './exec.js';
import { execPrivileged, privileged, type Privilege } from './privilege.js';
import { makePrivate } from './private-paths.js';
import { runChild } from './run-child.js';
import { envArguments, sandboxEnv } from './sandbox-env.js';
import { asUser, createSandboxUser, killAllProcesses, removeSandboxUser, type SandboxUser } from './sandbox-user.js';
import type { CommandRun, Isolation, RunOptions, Sandbox, SandboxOptions } from './types.js';
import { WorkspaceMirror } from './workspace-mirror.js';

/** Where sandboxes live: not under the runner's home, work or temp folders, which become private. */
const SANDBOX_PARENT = '/tmp';

// In the network namespace only loopback exists, and it starts down; test servers on localhost need it up.
const LOOPBACK_UP = ['sh', '-c', 'ip link set lo up >/dev/null 2>&1; exec "$@"', 'sandbox-network'];

export interface Capabilities {
  privilege: Privilege;
  pidNamespace: boolean;
  networkNamespace: boolean;
}

export class IsolatedSandbox implements Sandbox {
  readonly isolation: Isolation;
  private readonly mirror: WorkspaceMirror;
  private readonly childEnv: Record<string, string>;
  private closed = false;

  private constructor(
    private readonly options: SandboxOptions,
    private readonly capabilities: Capabilities,
    private readonly user: SandboxUser,
    private readonly root: string,
  ) {
    const plumbing = plumbingEnv(options.env);
    this.isolation = { isolated: true, pidNamespace: capabilities.pidNamespace, networkCut: options.network === 'none' };
    this.childEnv = sandboxEnv(options.env, { home: join(root, 'home'), tmp: join(root, 'tmp'), user: user.name }, options.registries ?? false);
    this.mirror = new WorkspaceMirror(options.workspace, {
      extract: privileged(capabilities.privilege, asUser(user, ['tar', '-x', '-f', '-', '-C', this.copyDir, '--no-same-owner'])),
      remove: privileged(capabilities.privilege, asUser(user, ['xargs', '-0', '-r', 'rm', '-f', '--'])),
      copyDir: this.copyDir,
      env: plumbing,
    });
  }

  get copyDir(): string {
    return join(this.root, 'work');
  }

  static async open(options: SandboxOptions, capabilities: Capabilities): Promise<IsolatedSandbox> {
    const env = plumbingEnv(options.env);
    const { privilege } = capabilities;
    const root = join(SANDBOX_PARENT, `agentic-sandbox-${randomBytes(6).toString('hex')}`);
    const problems = await makePrivate(options.privatePaths, root);
    for (const problem of problems) options.log?.(`sandbox: ${problem}`);
    const user = await createSandboxUser(privilege, env);
    try {
      const made = await execPrivileged(privilege, ['install', '-d', '-m', '700', '-o', String(user.uid), '-g', String(user.gid), root], { env });
      if (made.code !== 0) throw new Error(`could not create the sandbox folder ${root}: ${made.stderr.trim()}`);
      const inner = await execPrivileged(privilege, asUser(user, ['mkdir', '-m', '700', join(root, 'work'), join(root, 'home'), join(root, 'tmp')]), { env });
      if (inner.code !== 0) throw new Error(`could not prepare the sandbox folder ${root}: ${inner.stderr.trim()}`);
    } catch (error) {
      await removeSandboxUser(privilege, user, env).catch(() => undefined);
      throw error;
    }
    options.log?.(
      `sandbox: repository code runs as ${user.name} in ${join(root, 'work')}${capabilities.pidNamespace ? ', in its own PID namespace' : ''}${options.network === 'none' ? ', without network' : ''}`,
    );
    return new IsolatedSandbox(options, capabilities, user, root);
  }

  private commandArgv(command: string): string[] {
    const namespaces: string[] = [];
    if (this.capabilities.pidNamespace || this.options.network === 'none') {
      namespaces.push('unshare');
      if (this.capabilities.pidNamespace) namespaces.push('--pid', '--fork', '--mount-proc', '--kill-child');
      if (this.options.network === 'none') namespaces.push('--net');
      namespaces.push('--');
      if (this.options.network === 'none') namespaces.push(...LOOPBACK_UP);
    }
    const inSandbox = ['env', '-i', '-C', this.copyDir, ...envArguments(this.childEnv), 'sh', '-c', command];
    return privileged(this.capabilities.privilege, [...namespaces, ...asUser(this.user, inSandbox)]);
  }

  private stopAll(): Promise<void> {
    return killAllProcesses(this.capabilities.privilege, this.user, plumbingEnv(this.options.env));
  }

  async run(command: string, options: RunOptions): Promise<CommandRun> {
    if (this.closed) throw new Error('the sandbox is closed');
    const label = options.label ?? 'command';
    const started = Date.now();
    await this.mirror.sync();
    const run = await runChild({
      argv: this.commandArgv(command),
      cwd: '/',
      env: plumbingEnv(this.options.env),
      detached: false,
      command,
      label,
      timeoutMs: Math.max(1, options.timeoutMs - (Date.now() - started)),
      stop: () => this.stopAll(),
    });
    return { ...run, durationMs: Date.now() - started };
  }

  async readFile(path: string): Promise<Buffer | null> {
    if (this.closed) throw new Error('the sandbox is closed');
    const relative = normalize(path);
    if (isAbsolute(relative) || relative.startsWith('..')) throw new Error(`not a path inside the workspace: ${path}`);
    // As the sandbox user (it can read only what it could read anyway), and `iflag=nofollow`: a link planted in
    // the copy does not make the action read a file outside it.
    const argv = privileged(this.capabilities.privilege, asUser(this.user, ['dd', `if=${join(this.copyDir, relative)}`, 'iflag=nofollow', 'status=none']));
    return readStdout(argv, plumbingEnv(this.options.env));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const env = plumbingEnv(this.options.env);
    const { privilege } = this.capabilities;
    await this.stopAll();
    const removed = await execPrivileged(privilege, ['rm', '-rf', '--', this.root], { env });
    if (removed.code !== 0) this.options.log?.(`sandbox: could not remove ${this.root}: ${removed.stderr.trim()}`);
    await removeSandboxUser(privilege, this.user, env);
  }
}

/** A file is at most this large when read back; a lockfile is far smaller. */
const MAX_READ_BYTES = 64 * 1024 * 1024;

/** The bytes a command prints, or null when it fails (no such regular file) or prints too much. */
function readStdout(argv: readonly string[], env: Record<string, string>): Promise<Buffer | null> {
  const [file, ...args] = argv;
  if (!file) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: '/', env, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_READ_BYTES) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 && size <= MAX_READ_BYTES ? Buffer.concat(chunks) : null));
  });
}
