/**
 * What the publish job checks in a janitor bundle before it writes anything, with its own rules and the base
 * commit read from GitHub, not trusting the job that ran repository code: every kept update changes only
 * manifests and lockfiles of its own ecosystem, at the repository root, with a valid name and version; a
 * manifest changes only in the lines of the package the commit names (go.mod: requirement lines and the go
 * version, never a `replace` that would point a module elsewhere). Lockfiles are the package manager's output
 * and go to the reviews as they are.
 */
import { isDeepStrictEqual } from 'node:util';
import { BundleRejectedError } from '../implement/bundle/bundle-file.js';
import { isGoModule, isNpmName, isPythonName, isVersion, normalisePythonName } from './ecosystems/names.js';
import type { KeptFile } from './update-loop.js';
import type { JanitorEcosystem, PlannedUpdate } from './types.js';

const FILES: Readonly<Record<JanitorEcosystem, RegExp>> = {
  npm: /^(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$/,
  python: /^(?:pyproject\.toml|uv\.lock|poetry\.lock|requirements[\w.-]*\.(?:txt|in))$/,
  go: /^(?:go\.mod|go\.sum)$/,
};

const VALID_NAME: Readonly<Record<JanitorEcosystem, (name: string) => boolean>> = { npm: isNpmName, python: isPythonName, go: isGoModule };

const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

function refuse(update: PlannedUpdate, message: string): never {
  throw new BundleRejectedError(`${update.name} ${update.from} → ${update.to}: ${message}`);
}

function withoutPackage(manifest: unknown, name: string): unknown {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return manifest;
  const copy: Record<string, unknown> = { ...(manifest as Record<string, unknown>) };
  for (const section of NPM_SECTIONS) {
    const entries = copy[section];
    if (typeof entries !== 'object' || entries === null) continue;
    const rest = { ...(entries as Record<string, unknown>) };
    delete rest[name];
    copy[section] = rest;
  }
  return copy;
}

function parseJson(text: string, update: PlannedUpdate, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return refuse(update, `${path} is not JSON`);
  }
}

/** Lines that differ between two texts, compared in order after dropping the lines `owned` claims. */
function sameApartFrom(before: string, after: string, owned: (line: string) => boolean): boolean {
  const keep = (text: string) => text.split('\n').filter((line) => !owned(line));
  return isDeepStrictEqual(keep(before), keep(after));
}

function requirementName(line: string): string | undefined {
  const match = /^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
  return match?.[1] ? normalisePythonName(match[1]) : undefined;
}

/**
 * A go.mod line the go command rewrites when a requirement moves: a requirement, a require block's opening or
 * closing line, a blank line, the go version, the toolchain. A `replace` or `exclude` line is none of these.
 */
function goRequirementLine(line: string): boolean {
  return (
    /^\s*(?:require\s+)?[A-Za-z0-9.~_/-]+\s+v[0-9][^\s]*(?:\s*\/\/\s*indirect)?\s*$/.test(line) ||
    /^\s*(?:go|toolchain)\s+\S+\s*$/.test(line) ||
    /^\s*(?:require\s*\(|\))?\s*$/.test(line)
  );
}

function checkManifest(update: PlannedUpdate, path: string, before: string, after: string): void {
  if (path === 'package.json') {
    if (!isDeepStrictEqual(withoutPackage(parseJson(before, update, path), update.name), withoutPackage(parseJson(after, update, path), update.name)))
      refuse(update, 'package.json changes more than this package’s own entry');
    return;
  }
  if (/^requirements[\w.-]*\.(?:txt|in)$/.test(path) || path === 'pyproject.toml') {
    const name = normalisePythonName(update.name);
    const owned =
      path === 'pyproject.toml'
        ? (line: string) => requirementName(line.trim().replace(/^["']/, '')) === name
        : (line: string) => requirementName(line) === name;
    if (!sameApartFrom(before, after, owned)) refuse(update, `${path} changes lines that are not this package’s`);
    return;
  }
  if (path === 'go.mod' && !sameApartFrom(before, after, goRequirementLine))
    refuse(update, 'go.mod changes more than its requirements (a replace, exclude or module line)');
}

const MANIFESTS = /^(?:package\.json|pyproject\.toml|requirements[\w.-]*\.(?:txt|in)|go\.mod)$/;

/**
 * Checks each kept update in order, each against the files as the previous one left them (the first against
 * the base). `readBase` reads a file at the base commit (null when absent). Throws BundleRejectedError.
 */
export async function checkKeptUpdates(
  kept: ReadonlyArray<{ update: PlannedUpdate; files: readonly KeptFile[] }>,
  readBase: (path: string) => Promise<string | null>,
): Promise<void> {
  const current = new Map<string, string | null>();
  const read = async (path: string) => {
    if (!current.has(path)) current.set(path, await readBase(path));
    return current.get(path) ?? null;
  };
  const seen = new Set<string>();
  for (const { update, files } of kept) {
    if (!VALID_NAME[update.ecosystem](update.name)) refuse(update, `not a valid ${update.ecosystem} package name`);
    if (!isVersion(update.from) || !isVersion(update.to)) refuse(update, 'not valid versions');
    if (seen.has(update.name)) refuse(update, 'kept twice');
    seen.add(update.name);
    for (const file of files) {
      if (!FILES[update.ecosystem].test(file.path))
        refuse(update, `${file.path} is not a ${update.ecosystem} manifest or lockfile at the repository root: a janitor update changes dependency files only`);
      const before = await read(file.path);
      const after = file.content === null ? null : file.content.toString('utf8');
      if (MANIFESTS.test(file.path)) {
        if (before === null || after === null) refuse(update, `${file.path} is created or deleted`);
        checkManifest(update, file.path, before, after);
      }
      current.set(file.path, after);
    }
  }
}
