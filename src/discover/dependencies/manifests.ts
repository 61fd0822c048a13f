/** The manifests at the root of the checkout and what they declare, read with the same parsers the security review uses. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import type { DeclaredDependency } from '../../scan/deps/dependency.js';
import { parseGoMod } from '../../scan/deps/manifest-go.js';
import { parsePackageJson, parsePackageLock, type LockEntry } from '../../scan/deps/manifest-npm.js';
import { exactPythonVersion, isRequirementsPath, parsePyproject, parseRequirements } from '../../scan/deps/manifest-python.js';

export interface DeclaredWithVersion extends DeclaredDependency {
  manifest: string;
  /** Locked, pinned, or the lowest version the range allows. */
  version?: string;
}

export interface RepositoryManifests {
  npm: DeclaredWithVersion[];
  /** package-lock.json entries by install path, when there is one. */
  npmLock?: Map<string, LockEntry>;
  python: DeclaredWithVersion[];
  /** Python requirements without a pinned version: OSV needs one. */
  pythonUnpinned: number;
  go: DeclaredWithVersion[];
  /** Manifests that could not be parsed, with why. */
  unreadable: string[];
}

function read(workspace: string, path: string): string | undefined {
  const full = join(workspace, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

export function readManifests(workspace: string): RepositoryManifests {
  const result: RepositoryManifests = { npm: [], python: [], pythonUnpinned: 0, go: [], unreadable: [] };
  const packageJson = read(workspace, 'package.json');
  if (packageJson !== undefined) {
    const lockText = read(workspace, 'package-lock.json');
    const lock = lockText !== undefined ? parsePackageLock(lockText) : undefined;
    if (lockText !== undefined && !lock) result.unreadable.push('package-lock.json (not valid JSON)');
    if (lock) result.npmLock = lock;
    const parsed = parsePackageJson(packageJson);
    if (parsed.error) result.unreadable.push(`package.json (${parsed.error})`);
    for (const dep of parsed.dependencies) {
      if (dep.source !== 'registry' || result.npm.some((known) => known.name === dep.name)) continue;
      const locked = lock?.get(`node_modules/${dep.alias ?? dep.name}`)?.version;
      const lowest = semver.validRange(dep.spec) ? semver.minVersion(dep.spec)?.version : undefined;
      const version = locked ?? lowest;
      result.npm.push({ ...dep, manifest: 'package.json', ...(version ? { version } : {}) });
    }
  }
  const pythonFiles = readdirSync(workspace)
    .filter((name) => isRequirementsPath(name) || name === 'pyproject.toml')
    .sort();
  for (const file of pythonFiles) {
    const text = read(workspace, file) ?? '';
    const parsed = file === 'pyproject.toml' ? parsePyproject(text) : parseRequirements(text);
    if (parsed.error) result.unreadable.push(`${file} (${parsed.error})`);
    for (const dep of parsed.dependencies) {
      if (dep.source !== 'registry') continue;
      const version = exactPythonVersion(dep.spec);
      if (!version) {
        result.pythonUnpinned++;
        continue;
      }
      if (!result.python.some((known) => known.name.toLowerCase() === dep.name.toLowerCase())) result.python.push({ ...dep, manifest: file, version });
    }
  }
  const goMod = read(workspace, 'go.mod');
  if (goMod !== undefined) {
    for (const dep of parseGoMod(goMod).dependencies) if (dep.spec) result.go.push({ ...dep, manifest: 'go.mod', version: dep.spec });
  }
  return result;
}
