/**
 * Changes inside a file that alter what runs, read by content rather than by path: a `package.json` whose
 * scripts, binaries, git hooks or dependency sources change (`"test": "exit 0"` turns CI green whatever the
 * code does), and a lockfile that fetches from a registry or host it did not use before. A version bump or a
 * new range of a registry dependency is neither. Pure: the caller reads both versions of the file.
 */
import { isDeepStrictEqual } from 'node:util';
import npa from 'npm-package-arg';
import { isRecord } from '../core/is-record.js';
import { code } from './display.js';

/** Keys of package.json that decide which commands run, and with what. */
const RUN_KEYS = ['scripts', 'bin', 'directories', 'config', 'packageManager'] as const;

/** Git-hook managers configured inside package.json. */
const HOOK_KEYS = ['husky', 'simple-git-hooks', 'gitHooks', 'ghooks', 'pre-commit', 'precommit', 'pre-push', 'prepush', 'lint-staged', 'nano-staged'] as const;

/** Keys that redirect where any dependency comes from, whatever its declared range. */
const REDIRECT_KEYS = ['overrides', 'resolutions', 'pnpm', 'bundleDependencies', 'bundledDependencies', 'workspaces'] as const;

const DEPENDENCY_KEYS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Lockfiles by file name; their sources are the URL origins (and local paths) they resolve packages from. */
export const LOCKFILE_NAMES: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
  'pdm.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'packages.lock.json',
  'Package.resolved',
  'go.sum',
  'gradle.lockfile',
  'mix.lock',
  'pubspec.lock',
];

export type RunFileKind = 'package-manifest' | 'lockfile';

/** Pure: whether a path's content must be compared, and as what. */
export function runFileKind(path: string): RunFileKind | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'package.json') return 'package-manifest';
  return LOCKFILE_NAMES.includes(name) ? 'lockfile' : null;
}

type Json = Record<string, unknown>;

function parseManifest(text: string | null): Json | string {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value;
    return 'is not a JSON object';
  } catch {
    return 'is not valid JSON';
  }
}

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

/** A registry version, range or tag of the same name; anything else (git, URL, path, alias, workspace) is a source. */
function fromRegistry(name: string, spec: unknown): boolean {
  if (typeof spec !== 'string') return false;
  try {
    const parsed = npa.resolve(name, spec);
    return parsed.type === 'version' || parsed.type === 'range' || parsed.type === 'tag';
  } catch {
    return false;
  }
}

/** Pure: what a change of package.json alters in what runs (empty when only versions and metadata change). */
export function packageManifestChanges(before: string | null, after: string | null): string[] {
  const old = parseManifest(before);
  const now = parseManifest(after);
  if (typeof now === 'string') return [`the new version ${now}`];
  if (typeof old === 'string') return [`the old version ${old}`];
  const changes: string[] = [];
  for (const key of [...RUN_KEYS, ...HOOK_KEYS, ...REDIRECT_KEYS]) {
    if (!isDeepStrictEqual(old[key], now[key])) changes.push(`${code(key)} changes`);
  }
  for (const section of DEPENDENCY_KEYS) {
    const oldDeps = record(old[section]);
    for (const [name, spec] of Object.entries(record(now[section]))) {
      if (oldDeps[name] !== spec && !fromRegistry(name, spec))
        changes.push(`${code(`${section}.${name}`)} comes from ${code(typeof spec === 'string' ? spec : JSON.stringify(spec))}, not the registry`);
    }
  }
  return changes;
}

const URL_PATTERN = /\b(?:[a-z][a-z0-9+.-]*\+)?(?:https?|ssh|git|svn|file):\/\/[^\s"'<>,;)\]]+/gi;
const SCP_PATTERN = /\b[\w.-]+@([\w.-]+\.[a-z]{2,}):[\w./~-]+/gi;
const LOCAL_PATTERN = /["'\s=:](?:file|link|portal|path):[^\s"']+/gi;

/** Pure: where a lockfile fetches from: `scheme://host` of every URL, `git@host` remotes, and local paths. */
export function lockfileSources(text: string): Set<string> {
  const sources = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    const at = url.indexOf('://');
    const host =
      url
        .slice(at + 3)
        .split(/[/?#]/)[0]
        ?.replace(/^[^@]*@/, '') ?? '';
    sources.add(`${url.slice(0, at).toLowerCase()}://${host.toLowerCase()}`);
  }
  for (const match of text.matchAll(SCP_PATTERN)) sources.add(`ssh://${(match[1] ?? '').toLowerCase()}`);
  for (const match of text.matchAll(LOCAL_PATTERN)) sources.add(`${match[0].slice(1).split(':')[0]?.toLowerCase() ?? ''}: (a local path)`);
  return sources;
}

/** Pure: the sources a lockfile gains; a binary or unreadable lockfile cannot be compared, so it says so. */
export function lockfileChanges(before: string | null, after: string | null): string[] {
  if (after === null) return [];
  // eslint-disable-next-line no-control-regex -- a NUL byte marks a binary lockfile (bun.lockb)
  if (/\u0000/.test(after) || (before !== null && /\u0000/.test(before))) return ['it is binary, so its sources cannot be compared'];
  const old = before === null ? new Set<string>() : lockfileSources(before);
  return [...lockfileSources(after)].filter((source) => !old.has(source)).map((source) => `it fetches from a new source ${code(source)}`);
}

/** Pure: what a change of `path` alters in what runs, by its kind. */
export function runChanges(path: string, before: string | null, after: string | null): string[] {
  const kind = runFileKind(path);
  if (kind === 'package-manifest') return packageManifestChanges(before, after);
  if (kind === 'lockfile') return lockfileChanges(before, after);
  return [];
}
