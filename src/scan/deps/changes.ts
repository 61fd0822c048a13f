/**
 * What a change does to the dependencies: manifests are compared before and after (whole files, not diff
 * lines, so a moved or re-ordered entry is not "new"), and lockfiles are checked for entries that resolve
 * outside the public registry. Pure.
 */
import type { DeclaredDependency, DependencyChange, LockfileSourceChange } from './dependency.js';
import { lineOf } from './dependency.js';
import { parseGoMod } from './manifest-go.js';
import { exactSemver, parsePackageJson, parsePackageLock, parseYarnLock, type LockEntry, type ParsedManifest } from './manifest-npm.js';
import { exactPythonVersion, isRequirementsPath, parsePyproject, parseRequirements } from './manifest-python.js';
import { normalisePackageName } from './typosquat.js';

/** A manifest or lockfile at the base and at the head; a missing side means the file was added or deleted. */
export interface ManifestVersions {
  path: string;
  before?: string;
  after?: string;
}

export const DEFAULT_ALLOWED_REGISTRIES: readonly string[] = ['https://registry.npmjs.org/', 'https://registry.yarnpkg.com/'];

type ManifestKind = 'package.json' | 'package-lock.json' | 'yarn.lock' | 'requirements' | 'pyproject' | 'go.mod';

export function manifestKind(path: string): ManifestKind | undefined {
  if (/(?:^|\/)node_modules\//.test(path)) return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'package.json') return 'package.json';
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return 'package-lock.json';
  if (name === 'yarn.lock') return 'yarn.lock';
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'go.mod') return 'go.mod';
  return isRequirementsPath(path) ? 'requirements' : undefined;
}

export function isDependencyFile(path: string): boolean {
  return manifestKind(path) !== undefined;
}

export interface IndexChange {
  path: string;
  line: number;
  url: string;
}

export interface DependencyDiff {
  changes: DependencyChange[];
  lockfileSources: LockfileSourceChange[];
  /** Package indexes a requirements file adds (`--extra-index-url`). */
  indexes: IndexChange[];
  /** Files that could not be read (e.g. a package.json that is not JSON), by path. */
  problems: Array<{ path: string; message: string }>;
}

function parseManifest(kind: ManifestKind, text: string): ParsedManifest {
  switch (kind) {
    case 'package.json':
      return parsePackageJson(text);
    case 'requirements':
      return parseRequirements(text);
    case 'pyproject':
      return parsePyproject(text);
    case 'go.mod':
      return parseGoMod(text);
    default:
      return { dependencies: [] };
  }
}

function key(dependency: DeclaredDependency): string {
  return normalisePackageName(dependency.ecosystem, dependency.alias ?? dependency.name);
}

function directory(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

/** Exact versions of the top-level packages in the lockfile beside a package.json. */
function lockedVersions(files: readonly ManifestVersions[], manifestPath: string): Map<string, string> {
  const versions = new Map<string, string>();
  const lock = files.find((file) => file.path === `${directory(manifestPath)}package-lock.json` && file.after !== undefined);
  const entries = lock?.after ? parsePackageLock(lock.after) : undefined;
  for (const [installPath, entry] of entries ?? []) {
    if (installPath.split('node_modules/').length === 2 && entry.version) versions.set(entry.name.toLowerCase(), entry.version);
  }
  return versions;
}

function exactVersionOf(dependency: DeclaredDependency, locked: ReadonlyMap<string, string>): string | undefined {
  if (dependency.source !== 'registry') return undefined;
  if (dependency.ecosystem === 'npm') return exactSemver(dependency.spec) ?? locked.get((dependency.alias ?? dependency.name).toLowerCase());
  if (dependency.ecosystem === 'pypi') return exactPythonVersion(dependency.spec);
  return dependency.spec.startsWith('v') ? dependency.spec : undefined;
}

function lockfileSources(kind: 'package-lock.json' | 'yarn.lock', file: ManifestVersions, allowed: readonly string[]): LockfileSourceChange[] {
  if (file.after === undefined) return [];
  const parse = (text: string): Map<string, LockEntry> | undefined => (kind === 'yarn.lock' ? parseYarnLock(text) : parsePackageLock(text));
  const after = parse(file.after);
  const before = file.before !== undefined ? parse(file.before) : undefined;
  const out: LockfileSourceChange[] = [];
  for (const [entryKey, entry] of after ?? []) {
    if (!entry.resolved || allowed.some((prefix) => entry.resolved?.startsWith(prefix))) continue;
    if (before?.get(entryKey)?.resolved === entry.resolved) continue;
    out.push({ path: file.path, line: lineOf(file.after, entry.resolved), name: entry.name, resolved: entry.resolved });
  }
  return out;
}

export function diffDependencies(files: readonly ManifestVersions[], allowedRegistries: readonly string[] = DEFAULT_ALLOWED_REGISTRIES): DependencyDiff {
  const result: DependencyDiff = { changes: [], lockfileSources: [], indexes: [], problems: [] };
  for (const file of files) {
    const kind = manifestKind(file.path);
    if (!kind || file.after === undefined) continue;
    if (kind === 'package-lock.json' || kind === 'yarn.lock') {
      result.lockfileSources.push(...lockfileSources(kind, file, allowedRegistries));
      continue;
    }
    const after = parseManifest(kind, file.after);
    if (after.error) {
      result.problems.push({ path: file.path, message: after.error });
      continue;
    }
    const beforeParse: ParsedManifest = file.before !== undefined ? parseManifest(kind, file.before) : { dependencies: [] };
    const before = new Map(beforeParse.dependencies.map((dependency) => [key(dependency), dependency]));
    const locked = kind === 'package.json' ? lockedVersions(files, file.path) : new Map<string, string>();
    const seen = new Set<string>();
    for (const dependency of after.dependencies) {
      const id = key(dependency);
      if (seen.has(id)) continue;
      seen.add(id);
      const previous = before.get(id);
      // Same spec and the same registry package (an alias may point elsewhere; PyPI spellings may differ).
      if (
        previous &&
        previous.spec === dependency.spec &&
        normalisePackageName(previous.ecosystem, previous.name) === normalisePackageName(dependency.ecosystem, dependency.name)
      )
        continue;
      const exactVersion = exactVersionOf(dependency, locked);
      result.changes.push({
        ...dependency,
        path: file.path,
        change: previous ? 'changed' : 'added',
        ...(exactVersion ? { exactVersion } : {}),
        ...(previous ? { previousSpec: previous.spec } : {}),
      });
    }
    const knownIndexes = new Set((beforeParse.indexes ?? []).map((entry) => entry.url));
    for (const entry of after.indexes ?? []) {
      if (!knownIndexes.has(entry.url)) result.indexes.push({ path: file.path, line: entry.line, url: entry.url });
    }
  }
  return result;
}
