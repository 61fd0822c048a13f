/**
 * Keeps the sandbox copy of the workspace up to date with the action's checkout, copying only what changed
 * since the last sync. The action reads its own files and streams them as a tar archive to a `tar -x` that
 * runs as the sandbox user, so the copy stays owned by that user and the action never writes into it.
 */
import { spawn } from 'node:child_process';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exec } from './exec.js';

/** What identifies one version of a file: a write changes its size, mtime or ctime. */
type Signature = string;

async function scan(root: string): Promise<Map<string, Signature>> {
  const found = new Map<string, Signature>();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        // The repository's history and credentials stay with the action.
        if (entry.name === '.git') return;
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) return walk(path);
        const stat = await lstat(join(root, path), { bigint: true });
        found.set(path, `${stat.mode}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`);
      }),
    );
  };
  await walk('');
  return found;
}

export interface MirrorTransport {
  /** argv of a command that extracts a tar archive from stdin into the copy, as the sandbox user. */
  extract: readonly string[];
  /** argv of a command that deletes the NUL-separated absolute paths on stdin, as the sandbox user. */
  remove: readonly string[];
  copyDir: string;
  env: Record<string, string>;
}

export interface SyncResult {
  copied: number;
  removed: number;
}

function pipeTar(workspace: string, paths: readonly string[], transport: MirrorTransport): Promise<void> {
  return new Promise((resolve, reject) => {
    const [extractFile, ...extractArgs] = transport.extract;
    if (!extractFile) return reject(new Error('no extract command'));
    // --verbatim-files-from: a file named like an option is still a file name.
    const producer = spawn('tar', ['-c', '-f', '-', '-C', workspace, '--null', '--verbatim-files-from', '-T', '-'], {
      cwd: '/',
      env: transport.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const consumer = spawn(extractFile, extractArgs, { cwd: '/', env: transport.env, stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    producer.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    consumer.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    producer.stdout.pipe(consumer.stdin);
    consumer.stdin.on('error', () => undefined);
    producer.stdin.on('error', () => undefined);
    producer.stdin.end(paths.map((path) => `./${path}\0`).join(''));
    let pending = 2;
    let failed = false;
    const done = (who: string) => (code: number | null) => {
      if (code !== 0 && !failed) {
        failed = true;
        reject(new Error(`copying the workspace into the sandbox failed (${who} exit ${code ?? 'none'}): ${errors.trim().slice(0, 500)}`));
      }
      if (--pending === 0 && !failed) resolve();
    };
    producer.on('error', (error) => reject(error));
    consumer.on('error', (error) => reject(error));
    producer.on('close', done('tar -c'));
    consumer.on('close', done('tar -x'));
  });
}

export class WorkspaceMirror {
  private synced = new Map<string, Signature>();

  constructor(
    private readonly workspace: string,
    private readonly transport: MirrorTransport,
  ) {}

  async sync(): Promise<SyncResult> {
    const current = await scan(this.workspace);
    const changed = [...current].filter(([path, signature]) => this.synced.get(path) !== signature).map(([path]) => path);
    const removed = [...this.synced.keys()].filter((path) => !current.has(path));
    if (removed.length > 0) {
      const result = await exec(this.transport.remove, {
        env: this.transport.env,
        input: removed.map((path) => `${join(this.transport.copyDir, path)}\0`).join(''),
      });
      if (result.code !== 0)
        throw new Error(`removing deleted files from the sandbox failed (exit ${result.code ?? 'none'}): ${result.stderr.trim().slice(0, 500)}`);
    }
    // Sorted so an archive lists a folder's files together, and runs are reproducible.
    if (changed.length > 0) await pipeTar(this.workspace, changed.sort(), this.transport);
    this.synced = current;
    return { copied: changed.length, removed: removed.length };
  }
}
