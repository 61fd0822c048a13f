import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitCommandError, GitRunner, identityEnv, type GitIdentity } from './git-runner.js';
import { writeLooseBlob } from './loose-objects.js';
import { readRefFromFiles } from './ref-reader.js';

export interface GitPerson {
  name: string;
  email: string;
  date: Date;
}

export interface GitCommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}

export interface GitTreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}

export interface GitPathObject {
  sha: string;
  type: 'blob' | 'tree' | 'commit';
  size: number;
  content: Buffer;
}

export interface TreeChange {
  path: string;
  /** null deletes the path */
  sha: string | null;
  mode?: string;
}

export interface MergeTreeResult {
  clean: boolean;
  tree: string;
}

const ZERO_SHA = '0'.repeat(40);

/**
 * GitHub refuses pushes that change workflow files from a GitHub App token (GITHUB_TOKEN) without
 * the `workflows` permission. The HTTP front end sets EMULATOR_DENY_WORKFLOW_CHANGES for such pushes.
 */
const WORKFLOW_GUARD_HOOK = `#!/bin/sh
[ "$EMULATOR_DENY_WORKFLOW_CHANGES" = "1" ] || exit 0
zero=${'0'.repeat(40)}
while read old new ref; do
  [ "$new" = "$zero" ] && continue
  if [ "$old" = "$zero" ]; then
    changed=$(git log --format= --name-only "$new" --not --all -- .github/workflows | head -n 1)
  else
    changed=$(git log --format= --name-only "$old..$new" -- .github/workflows | head -n 1)
  fi
  if [ -n "$changed" ]; then
    printf 'refusing to allow a GitHub App to create or update workflow \`%s\` without \`workflows\` permission\n' "$changed" >&2
    exit 1
  fi
done
exit 0
`;
const SHA = /^[0-9a-f]{40}$/;

/**
 * The remote: a real bare repository, read and written with git plumbing. Everything addressed
 * by sha is immutable, so those results are cached for the emulator's lifetime; refs are not.
 */
export class BareRepo {
  readonly git: GitRunner;
  private readonly commits = new Map<string, GitCommitInfo>();
  private readonly types = new Map<string, string>();
  private readonly trees = new Map<string, GitTreeEntry[]>();
  private readonly paths = new Map<string, GitPathObject | null>();
  private readonly mergeBases = new Map<string, string | null>();
  private readonly ancestry = new Map<string, boolean>();
  private readonly ranges = new Map<string, string[]>();
  private readonly diffs = new Map<string, string>();
  private readonly merges = new Map<string, MergeTreeResult>();
  private scratchCounter = 0;

  private constructor(
    readonly gitDir: string,
    private readonly scratchDir: string,
  ) {
    this.git = new GitRunner(gitDir);
  }

  static create(gitDir: string, scratchDir: string, defaultBranch: string): BareRepo {
    const repo = new BareRepo(gitDir, scratchDir);
    repo.git.run(['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`, gitDir], { cwd: scratchDir });
    // Clients push to this repository over the file protocol; accept any push like GitHub does.
    repo.git.text(['config', 'receive.denyNonFastForwards', 'false']);
    writeFileSync(join(gitDir, 'hooks', 'pre-receive'), WORKFLOW_GUARD_HOOK, { mode: 0o755 });
    return repo;
  }

  /** Resolves a sha, a full ref, `heads/x`, `tags/x` or a bare branch name; undefined if unknown. */
  resolve(name: string): string | undefined {
    if (SHA.test(name)) return this.hasObject(name) ? name : undefined;
    const candidates = name.startsWith('refs/') ? [name] : [`refs/${name}`, `refs/heads/${name}`, `refs/tags/${name}`];
    for (const ref of candidates) {
      const sha = readRefFromFiles(this.gitDir, ref);
      if (sha) return this.peel(sha);
    }
    // GitHub also accepts abbreviated commit shas.
    if (/^[0-9a-f]{7,39}$/.test(name)) {
      const result = this.git.run(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
      if (result.status === 0) return result.stdout.toString('utf8').trim();
    }
    return undefined;
  }

  /** The sha a ref points at without peeling tags; undefined if the ref does not exist. */
  readRef(ref: string): string | undefined {
    return readRefFromFiles(this.gitDir, ref);
  }

  listRefs(prefix: string): Array<{ ref: string; sha: string }> {
    const out = this.git.text(['for-each-ref', '--format=%(objectname) %(refname)', prefix]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const space = line.indexOf(' ');
        return { sha: line.slice(0, space), ref: line.slice(space + 1) };
      })
      .filter((entry) => entry.ref.startsWith(prefix));
  }

  /** Moves a ref; `expectedOld` makes it a compare-and-swap as GitHub's ref updates are. */
  updateRef(ref: string, sha: string, expectedOld?: string): void {
    this.git.text(['update-ref', ref, sha, ...(expectedOld === undefined ? [] : [expectedOld])]);
  }

  deleteRef(ref: string): void {
    this.git.text(['update-ref', '-d', ref]);
  }

  hasObject(sha: string): boolean {
    return this.objectType(sha) !== undefined;
  }

  objectType(sha: string): string | undefined {
    const known = this.types.get(sha);
    if (known) return known;
    const result = this.git.run(['cat-file', '-t', sha]);
    if (result.status !== 0) return undefined;
    const type = result.stdout.toString('utf8').trim();
    this.types.set(sha, type);
    return type;
  }

  writeBlob(content: Buffer): string {
    const sha = writeLooseBlob(this.gitDir, content);
    this.types.set(sha, 'blob');
    return sha;
  }

  readBlob(sha: string): Buffer {
    return this.git.buffer(['cat-file', 'blob', sha]);
  }

  readCommit(sha: string): GitCommitInfo | undefined {
    const cached = this.commits.get(sha);
    if (cached) return cached;
    if (this.objectType(sha) !== 'commit') return undefined;
    const info = parseCommit(sha, this.git.text(['cat-file', 'commit', sha]));
    this.commits.set(sha, info);
    return info;
  }

  /** Entries of a tree (or of a commit's tree); `recursive` lists subtrees' contents too. */
  readTree(treeish: string, recursive: boolean): GitTreeEntry[] | undefined {
    const key = `${treeish}:${recursive}`;
    const cached = this.trees.get(key);
    if (cached) return cached;
    const type = this.objectType(treeish);
    if (type !== 'tree' && type !== 'commit') return undefined;
    const out = this.git.text(['ls-tree', '-z', '-l', ...(recursive ? ['-r', '-t'] : []), treeish]);
    const entries = out
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode = '', kind = '', sha = '', size = '-'] = line.slice(0, tab).split(/\s+/);
        const entry: GitTreeEntry = { path: line.slice(tab + 1), mode, type: kind as GitTreeEntry['type'], sha };
        if (size !== '-') entry.size = Number(size);
        return entry;
      });
    this.trees.set(key, entries);
    return entries;
  }

  /** The object at `path` in a commit, read with one `cat-file --batch`; null if absent. */
  readPath(commitSha: string, path: string): GitPathObject | null {
    const key = `${commitSha}:${path}`;
    const cached = this.paths.get(key);
    if (cached !== undefined) return cached;
    const out = this.git.buffer(['cat-file', '--batch'], { input: `${key}\n` });
    const newline = out.indexOf(10);
    const header = out.subarray(0, newline).toString('utf8');
    const match = /^([0-9a-f]{40}) (blob|tree|commit) (\d+)$/.exec(header);
    const found = match
      ? {
          sha: match[1] ?? '',
          type: match[2] as GitPathObject['type'],
          size: Number(match[3]),
          content: out.subarray(newline + 1, newline + 1 + Number(match[3])),
        }
      : null;
    this.paths.set(key, found);
    return found;
  }

  /** Applies path changes to `baseTree` (or an empty tree) through a private index file. */
  makeTree(baseTree: string | undefined, changes: readonly TreeChange[]): string {
    const index = join(this.scratchDir, `index-${process.pid}-${++this.scratchCounter}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      this.git.text(baseTree ? ['read-tree', baseTree] : ['read-tree', '--empty'], { env });
      if (changes.length > 0) {
        const lines = changes.map((change) =>
          change.sha === null ? `0 ${ZERO_SHA}\t${change.path}` : `${change.mode ?? '100644'} ${change.sha}\t${change.path}`,
        );
        this.git.text(['update-index', '--index-info'], { env, input: `${lines.join('\n')}\n` });
      }
      return this.git.text(['write-tree'], { env }).trim();
    } finally {
      rmSync(index, { force: true });
    }
  }

  commitTree(tree: string, parents: readonly string[], message: string, author: GitIdentity, committer: GitIdentity = author): string {
    const args = ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent])];
    return this.git.text(args, { input: message, env: identityEnv(author, committer) }).trim();
  }

  mergeBase(a: string, b: string): string | undefined {
    const key = `${a}:${b}`;
    if (!this.mergeBases.has(key)) {
      const result = this.git.run(['merge-base', a, b]);
      this.mergeBases.set(key, result.status === 0 ? result.stdout.toString('utf8').trim() : null);
    }
    return this.mergeBases.get(key) ?? undefined;
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    const key = `${ancestor}:${descendant}`;
    let known = this.ancestry.get(key);
    if (known === undefined) {
      known = this.git.run(['merge-base', '--is-ancestor', ancestor, descendant]).status === 0;
      this.ancestry.set(key, known);
    }
    return known;
  }

  /** Commits reachable from `head` and not from `base`, oldest first (what a PR contains). */
  commitsBetween(base: string, head: string): string[] {
    const key = `${base}..${head}`;
    let shas = this.ranges.get(key);
    if (!shas) {
      shas = this.git.text(['rev-list', '--reverse', '--topo-order', key]).split('\n').filter(Boolean);
      this.ranges.set(key, shas);
    }
    return shas;
  }

  /** `git diff from to` with full blob ids and rename detection, as GitHub shows it. */
  diff(from: string, to: string): string {
    const key = `${from}:${to}`;
    let text = this.diffs.get(key);
    if (text === undefined) {
      text = this.git.text(['diff', '--no-color', '--no-ext-diff', '--full-index', '-M', from, to]);
      this.diffs.set(key, text);
    }
    return text;
  }

  /** A real three-way merge of two commits without a work tree. */
  mergeTree(ours: string, theirs: string): MergeTreeResult {
    const key = `${ours}:${theirs}`;
    let result = this.merges.get(key);
    if (!result) {
      const run = this.git.run(['merge-tree', '--write-tree', '--no-messages', ours, theirs]);
      if (run.status !== 0 && run.status !== 1) throw new GitCommandError(['merge-tree', ours, theirs], run);
      result = { clean: run.status === 0, tree: run.stdout.toString('utf8').split('\n')[0]?.trim() ?? '' };
      this.merges.set(key, result);
    }
    return result;
  }

  /**
   * Replays `commits` one by one on top of `onto` (a rebase merge), keeping each author and
   * message: each commit's patch is applied with a three-way fallback to a private index, since
   * git 2.39's merge-tree cannot take an explicit merge base. Undefined when one does not apply.
   */
  replay(onto: string, commits: readonly string[], committer: GitIdentity): string | undefined {
    let tip = onto;
    for (const sha of commits) {
      const original = this.readCommit(sha);
      if (!original) return undefined;
      const parent = original.parents[0];
      const tipTree = this.readCommit(tip)?.tree;
      if (!parent || !tipTree) return undefined;
      const patch = this.git.buffer(['diff-tree', '-p', '--binary', '--full-index', parent, sha]);
      const index = join(this.scratchDir, `index-${process.pid}-${++this.scratchCounter}`);
      const env = { GIT_INDEX_FILE: index };
      try {
        this.git.text(['read-tree', tipTree], { env });
        if (patch.length > 0 && this.git.run(['apply', '--cached', '--3way'], { env, input: patch }).status !== 0) return undefined;
        const tree = this.git.text(['write-tree'], { env }).trim();
        tip = this.commitTree(tree, [tip], original.message, original.author, committer);
      } finally {
        rmSync(index, { force: true });
      }
    }
    return tip;
  }

  private peel(sha: string): string {
    if (this.objectType(sha) !== 'tag') return sha;
    return this.git.text(['rev-parse', `${sha}^{commit}`]).trim();
  }
}

function parsePerson(value: string): GitPerson {
  const match = /^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/.exec(value);
  if (!match) return { name: value, email: '', date: new Date(0) };
  return { name: match[1] ?? '', email: match[2] ?? '', date: new Date(Number(match[3]) * 1000) };
}

export function parseCommit(sha: string, raw: string): GitCommitInfo {
  const split = raw.indexOf('\n\n');
  const headers = (split === -1 ? raw : raw.slice(0, split)).split('\n');
  const message = split === -1 ? '' : raw.slice(split + 2);
  const info: GitCommitInfo = { sha, tree: '', parents: [], author: parsePerson(''), committer: parsePerson(''), message };
  for (const line of headers) {
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') info.tree = value;
    else if (key === 'parent') info.parents.push(value);
    else if (key === 'author') info.author = parsePerson(value);
    else if (key === 'committer') info.committer = parsePerson(value);
  }
  return info;
}
