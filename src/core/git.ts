/**
 * The git working tree the implement agent edits, behind a small interface so domain code never spawns git
 * itself. Every child process (git here, the repository's test command elsewhere) gets an environment built
 * from an allowlist: the agent runs untrusted code from the repository and must not be able to read tokens.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, lstat, mkdtemp, readlink, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

/**
 * Variables a build or test needs and that carry no credential. Entries ending in `*` are prefixes. Names are
 * compared case-insensitively (Windows spells them `Path`, `SystemRoot`).
 */
export const CHILD_ENV_ALLOWLIST: readonly string[] = [
  // where things are and who runs them
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'PWD',
  // locale and terminal, so tools print and sort the same way as on a developer's machine
  'LANG',
  'LANGUAGE',
  'LC_*',
  'TZ',
  'TERM',
  'NO_COLOR',
  'FORCE_COLOR',
  'CI',
  // toolchains installed on runner images
  'JAVA_HOME',
  'JAVA_HOME_*',
  'GOROOT',
  'GOPATH',
  'GOCACHE',
  'GOMODCACHE',
  'CARGO_HOME',
  'RUSTUP_HOME',
  'DOTNET_ROOT',
  'PNPM_HOME',
  'NVM_DIR',
  'VIRTUAL_ENV',
  'PYTHONPATH',
  'RUNNER_TEMP',
  'RUNNER_TOOL_CACHE',
  // git identity and behaviour; never GIT_CONFIG_* (checkout passes its auth header that way), GIT_ASKPASS or
  // GIT_SSH_COMMAND (credential helpers), nor GIT_DIR/GIT_WORK_TREE/GIT_INDEX_FILE (they would redirect git)
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_TERMINAL_PROMPT',
  'GIT_CONFIG_NOSYSTEM',
  // Windows essentials: processes fail to start without them
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'PROGRAMFILES',
  'PROGRAMFILES(X86)',
  'NUMBER_OF_PROCESSORS',
  'PROCESSOR_ARCHITECTURE',
];

/**
 * Names that hold or lead to credentials. Checked after the allowlist as a second line of defence, so an
 * extra name a caller allows (or a future allowlist entry) can never pass a secret.
 */
const SECRET_NAME_PATTERNS: readonly RegExp[] = [
  /TOKEN/i,
  /KEY/i,
  /SECRET/i,
  /PASSWORD/i,
  /PASSWD/i,
  /CREDENTIAL/i,
  /AUTH(?!OR)/i,
  /PRIVATE/i,
  /COOKIE/i,
  /SESSION/i,
  /^INPUT_/i,
  /^ACTIONS_/i,
  /^GITHUB_TOKEN$/i,
  /^GH_/i,
  /^OPENAI_/i,
  /^ANTHROPIC_/i,
  /^AWS_/i,
  /^AZURE_/i,
  /^GOOGLE_/i,
  /^GCP_/i,
  /^NPM_/i,
  /^NODE_AUTH/i,
  /^GIT_CONFIG_(?!NOSYSTEM$)/i,
  /ASKPASS/i,
  /^SSH_/i,
  /^GIT_SSH/i,
];

export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name));
}

function allowed(name: string, allowlist: readonly string[]): boolean {
  const upper = name.toUpperCase();
  return allowlist.some((entry) => (entry.endsWith('*') ? upper.startsWith(entry.slice(0, -1).toUpperCase()) : upper === entry.toUpperCase()));
}

/**
 * Pure: the environment for a child process: only allowlisted names (plus `extraAllowed`, e.g. a configured
 * test variable), and never one that looks like a secret, whatever the lists say.
 */
export function safeChildEnv(env: Readonly<Record<string, string | undefined>>, extraAllowed: readonly string[] = []): Record<string, string> {
  const allowlist = [...CHILD_ENV_ALLOWLIST, ...extraAllowed];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !allowed(name, allowlist) || isSecretEnvName(name)) continue;
    out[name] = value;
  }
  return out;
}

export type ChangeKind = 'added' | 'modified' | 'deleted' | 'type-changed' | 'untracked' | 'conflicted';

export interface FileChange {
  path: string;
  kind: ChangeKind;
}

export interface DiffFile {
  path: string;
  kind: Exclude<ChangeKind, 'untracked' | 'conflicted'>;
  binary: boolean;
  /** Line counts; 0 for binary files. */
  additions: number;
  deletions: number;
}

export interface WorkspaceDiff {
  /** Unified diff of the working tree against HEAD, new files included; binary files as `Binary files ... differ`. */
  patch: string;
  files: DiffFile[];
}

export interface GitWorkspace {
  readonly dir: string;
  /** Every changed path, staged or not, untracked files included (ignored ones not). */
  status(): Promise<FileChange[]>;
  diff(): Promise<WorkspaceDiff>;
  headSha(): Promise<string>;
  /** The checked-out branch, or null on a detached HEAD. */
  currentBranch(): Promise<string | null>;
  /** Sorted paths from `status()`. */
  changedFiles(): Promise<string[]>;
  /** Discards every change: tracked files back to HEAD, untracked files removed (ignored files kept). */
  resetHard(): Promise<void>;
  isInsideWorkspace(path: string): Promise<boolean>;
  /** The content of `path` at HEAD, or null when it did not exist there. */
  readHeadFile(path: string): Promise<Buffer | null>;
  /** Tracked and untracked paths, .gitignore applied; undefined when this is not a work tree or git lists nothing. */
  listFiles(): Promise<string[] | undefined>;
  /** The commit a ref names, or null when it names none. */
  resolveRef(ref: string): Promise<string | null>;
  /** Fetches one branch of `origin` into its remote-tracking ref (the remote's configured credentials apply). */
  fetchBranch(branch: string): Promise<void>;
  /** Detaches HEAD at `sha`. */
  checkoutDetached(sha: string): Promise<void>;
}

const MAX_SYMLINK_DEPTH = 40;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/** The real path of `path`, following symlinks even where the end of the path does not exist yet. */
async function resolveReal(path: string, depth = 0): Promise<string> {
  if (depth > MAX_SYMLINK_DEPTH) throw new Error(`too many symbolic links resolving ${path}`);
  try {
    return await realpath(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw error;
  }
  // A dangling symlink: writing through it would create its target, wherever that is.
  const stat = await lstat(path).catch(() => null);
  if (stat?.isSymbolicLink()) {
    const target = await readlink(path);
    return resolveReal(resolve(dirname(path), target), depth + 1);
  }
  const parent = dirname(path);
  if (parent === path) return path;
  return join(await resolveReal(parent, depth + 1), basename(path));
}

/**
 * Whether `path` (absolute, or relative to `root`) lies in the work tree of `root` once every symlink is
 * resolved, so `link -> /etc` or `../x` are outside. `.git` is not part of the work tree: writing hooks or
 * config there would run code or redirect pushes, so it counts as outside too.
 */
export async function isInsideWorkspace(root: string, path: string): Promise<boolean> {
  try {
    const realRoot = await realpath(root);
    const real = await resolveReal(resolve(root, path));
    const rel = relative(realRoot, real);
    if (rel === '') return true;
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
    return rel.split(sep)[0]?.toLowerCase() !== '.git';
  } catch {
    // Loops and unreadable paths cannot be shown to be inside.
    return false;
  }
}

// simple-git drops or refuses GIT_* variables it is not told about; these are the ones this module sets.
const GIT_ENV_NAMES = CHILD_ENV_ALLOWLIST.filter((name) => name.startsWith('GIT_'));

function gitClient(dir: string, env: Record<string, string>): SimpleGit {
  return simpleGit({ baseDir: dir, allowEnvironment: [...GIT_ENV_NAMES, 'GIT_INDEX_FILE'] }).env(env);
}

/** Pure: parses `git status --porcelain=v1 -z --no-renames`. */
export function parseStatus(output: string): FileChange[] {
  const changes: FileChange[] = [];
  for (const entry of output.split('\0')) {
    if (entry.length < 4) continue;
    const x = entry[0] ?? ' ';
    const y = entry[1] ?? ' ';
    const path = entry.slice(3);
    changes.push({ path, kind: statusKind(x, y) });
  }
  return changes;
}

function statusKind(x: string, y: string): ChangeKind {
  if (x === '?' && y === '?') return 'untracked';
  if (x === 'U' || y === 'U' || (x === 'A' && y === 'A') || (x === 'D' && y === 'D')) return 'conflicted';
  if (x === 'D' || y === 'D') return 'deleted';
  if (x === 'A') return 'added';
  if (x === 'T' || y === 'T') return 'type-changed';
  return 'modified';
}

/** Pure: joins `diff --name-status -z` and `diff --numstat -z` output into per-file entries. */
export function parseDiffSummary(nameStatus: string, numstat: string): DiffFile[] {
  const kinds = new Map<string, DiffFile['kind']>();
  const parts = nameStatus.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const code = parts[i] ?? '';
    const path = parts[i + 1] ?? '';
    if (!code || !path) continue;
    kinds.set(path, code.startsWith('A') ? 'added' : code.startsWith('D') ? 'deleted' : code.startsWith('T') ? 'type-changed' : 'modified');
  }
  const files: DiffFile[] = [];
  for (const entry of numstat.split('\0')) {
    const match = /^(-|\d+)\t(-|\d+)\t(.+)$/s.exec(entry);
    if (!match) continue;
    const [, added = '0', deleted = '0', path = ''] = match;
    const binary = added === '-' && deleted === '-';
    files.push({
      path,
      kind: kinds.get(path) ?? 'modified',
      binary,
      additions: binary ? 0 : Number(added),
      deletions: binary ? 0 : Number(deleted),
    });
  }
  return files;
}

/** The real workspace over simple-git, with a child environment free of secrets. */
export function createGitWorkspace(dir: string, env: Readonly<Record<string, string | undefined>> = process.env): GitWorkspace {
  const childEnv = safeChildEnv(env);
  const git = gitClient(dir, childEnv);

  async function status(): Promise<FileChange[]> {
    return parseStatus(await git.raw(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']));
  }

  return {
    dir,
    status,
    async diff() {
      // Untracked files only show in a diff once they are in an index. A throwaway copy of the index gets them
      // there without touching the real one, so the agent's staging state (and a later commit) is unaffected.
      const gitDir = (await git.raw(['rev-parse', '--absolute-git-dir'])).trim();
      const tmp = await mkdtemp(join(tmpdir(), 'agentic-index-'));
      try {
        const indexFile = join(tmp, 'index');
        await copyFile(join(gitDir, 'index'), indexFile).catch((error: unknown) => {
          if (errorCode(error) !== 'ENOENT') throw error;
        });
        const scratch = gitClient(dir, { ...childEnv, GIT_INDEX_FILE: indexFile });
        await scratch.raw(['add', '--all', '--', '.']);
        // --cached without a revision compares with HEAD, or with the empty tree on an unborn branch.
        const base = ['-c', 'core.quotepath=off', 'diff', '--cached', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv'];
        const patch = await scratch.raw(base);
        const nameStatus = await scratch.raw([...base, '--name-status', '-z']);
        const numstat = await scratch.raw([...base, '--numstat', '-z']);
        return { patch, files: parseDiffSummary(nameStatus, numstat) };
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
    async headSha() {
      return (await git.raw(['rev-parse', '--verify', 'HEAD'])).trim();
    },
    async currentBranch() {
      try {
        const name = (await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
        return name === '' ? null : name;
      } catch {
        // symbolic-ref exits 1 on a detached HEAD
        return null;
      }
    },
    async changedFiles() {
      return [...new Set((await status()).map((change) => change.path))].sort();
    },
    async resetHard() {
      await git.raw(['reset', '--hard', '--quiet', 'HEAD']);
      await git.raw(['clean', '-fd', '--quiet']);
    },
    isInsideWorkspace(path: string) {
      return isInsideWorkspace(dir, path);
    },
    async readHeadFile(path: string) {
      try {
        return await git.showBuffer([`HEAD:${path}`]);
      } catch {
        return null;
      }
    },
    async listFiles() {
      try {
        const paths = (await git.raw(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).split('\0').filter((path) => path.length > 0);
        return paths.length > 0 ? paths : undefined;
      } catch {
        return undefined;
      }
    },
    async resolveRef(ref: string) {
      try {
        return (await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || null;
      } catch {
        return null;
      }
    },
    async fetchBranch(branch: string) {
      await git.raw(['fetch', '--no-tags', '--quiet', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
    },
    async checkoutDetached(sha: string) {
      await git.raw(['checkout', '--quiet', '--detach', sha]);
    },
  };
}

/** Read-only questions about a checkout's history: how often files change, when the docs last did, a file as it was. */
export interface GitHistory {
  /** How many commits since `since` touched each file (paths relative to the repository root). */
  commitsPerFile(since: Date): Promise<Map<string, number>>;
  /** The newest commit that touched any of `paths` (files or folders), or null when none did. */
  lastCommitTouching(paths: readonly string[]): Promise<{ sha: string; date: string } | null>;
  /** Files added, modified or deleted between `from` and HEAD (a rename counts as both), relative to the root. */
  changedSince(from: string): Promise<string[]>;
  /** A file's text at `commit`, or null when it did not exist there. */
  fileAt(commit: string, path: string): Promise<string | null>;
}

/** The history of the repository checked out at `dir`, or null when `dir` is not a git work tree with a commit. */
export async function openGitHistory(dir: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<GitHistory | null> {
  const git = gitClient(dir, safeChildEnv(env));
  try {
    await git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch {
    return null;
  }
  return {
    async commitsPerFile(since) {
      const out = await git.raw([
        '-c',
        'core.quotepath=off',
        'log',
        `--since=${since.toISOString()}`,
        '--no-renames',
        '--name-only',
        '--format=',
        '-z',
        'HEAD',
      ]);
      const counts = new Map<string, number>();
      for (const path of out.split(/[\0\n]/)) if (path !== '') counts.set(path, (counts.get(path) ?? 0) + 1);
      return counts;
    },
    async lastCommitTouching(paths) {
      if (paths.length === 0) return null;
      const out = (await git.raw(['log', '-1', '--format=%H %cI', 'HEAD', '--', ...paths])).trim();
      const [sha, date] = out.split(' ');
      return sha && date ? { sha, date } : null;
    },
    async changedSince(from) {
      const out = await git.raw(['-c', 'core.quotepath=off', 'diff', '--no-renames', '--name-only', '-z', `${from}..HEAD`]);
      return out.split('\0').filter((path) => path !== '');
    },
    async fileAt(commit, path) {
      try {
        return await git.show([`${commit}:${path}`]);
      } catch {
        return null;
      }
    },
  };
}

/**
 * Runs git synchronously in `cwd` for tooling that prepares a repository (the demo): the same secret-free
 * environment as every other git child. Returns stdout without its trailing newline.
 */
export function runGitSync(args: readonly string[], cwd?: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return execFileSync('git', [...args], { cwd, env: safeChildEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A git command's raw output (a blob, a NUL-separated listing), in a secret-free environment. */
export function runGitSyncBytes(args: readonly string[], cwd?: string, env: Readonly<Record<string, string | undefined>> = process.env): Buffer {
  return execFileSync('git', [...args], { cwd, env: safeChildEnv(env), maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}
