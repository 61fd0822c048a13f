/** package.json and npm/yarn lockfiles: declared dependencies and where the lockfile resolves them. */
import { isRecord } from '../../core/is-record.js';
import { lineOf, type DeclaredDependency, type DependencySource } from './dependency.js';

export const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export interface ParsedManifest {
  dependencies: DeclaredDependency[];
  /** Set when the file could not be read as this kind of manifest. */
  error?: string;
  /** Package indexes the manifest names (requirements `--index-url` / `--extra-index-url`). */
  indexes?: Array<{ url: string; line: number }>;
}

export function npmSpecSource(spec: string): DependencySource {
  if (/^(?:git\+|git:|git@|github:|gitlab:|bitbucket:|gist:)/.test(spec) || /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec)) return 'git';
  if (/^https?:\/\//.test(spec)) return 'url';
  if (/^(?:file:|link:|workspace:|portal:|\.{0,2}\/)/.test(spec)) return 'local';
  return 'registry';
}

/** `1.2.3` or `v1.2.3` (with a pre-release) is exact; ranges and tags are not. */
export function exactSemver(spec: string): string | undefined {
  const match = /^(?:=\s*)?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/.exec(spec.trim());
  return match?.[1];
}

export function parsePackageJson(text: string): ParsedManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { dependencies: [], error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isRecord(value)) return { dependencies: [], error: 'not a JSON object' };
  const dependencies: DeclaredDependency[] = [];
  for (const section of NPM_SECTIONS) {
    const entries = value[section];
    if (!isRecord(entries)) continue;
    const sectionLine = lineOf(text, `"${section}"`);
    for (const [key, raw] of Object.entries(entries)) {
      const spec = typeof raw === 'string' ? raw.trim() : '';
      const line = lineOf(text, `"${key}"`, sectionLine || 1);
      // `"x": "npm:y@^1"` installs y under the name x: the registry name is what must be checked.
      const alias = /^npm:((?:@[^/@\s]+\/)?[^@\s]+)(?:@(.*))?$/.exec(spec);
      if (alias) {
        dependencies.push({ ecosystem: 'npm', name: alias[1] ?? key, spec: alias[2] ?? '', source: 'registry', line, alias: key });
      } else {
        dependencies.push({ ecosystem: 'npm', name: key, spec, source: npmSpecSource(spec), line });
      }
    }
  }
  return { dependencies };
}

export interface LockEntry {
  name: string;
  version: string | undefined;
  resolved: string | undefined;
}

/** Entries of a package-lock.json (v1 nested `dependencies`, v2/v3 `packages`), keyed by install path. */
export function parsePackageLock(text: string): Map<string, LockEntry> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const entries = new Map<string, LockEntry>();
  if (isRecord(value.packages)) {
    for (const [key, raw] of Object.entries(value.packages)) {
      if (key === '' || !isRecord(raw) || raw.link === true) continue;
      const at = key.lastIndexOf('node_modules/');
      const name = typeof raw.name === 'string' ? raw.name : at >= 0 ? key.slice(at + 'node_modules/'.length) : key;
      entries.set(key, {
        name,
        version: typeof raw.version === 'string' ? raw.version : undefined,
        resolved: typeof raw.resolved === 'string' ? raw.resolved : undefined,
      });
    }
    return entries;
  }
  const walk = (node: unknown, prefix: string): void => {
    if (!isRecord(node)) return;
    for (const [name, raw] of Object.entries(node)) {
      if (!isRecord(raw)) continue;
      const key = `${prefix}node_modules/${name}`;
      entries.set(key, {
        name,
        version: typeof raw.version === 'string' ? raw.version : undefined,
        resolved: typeof raw.resolved === 'string' ? raw.resolved : undefined,
      });
      walk(raw.dependencies, `${key}/`);
    }
  };
  walk(value.dependencies, '');
  return entries;
}

/** yarn.lock (v1): `name@range:` blocks with `resolved "url"`. Yarn 2+ lockfiles carry no URLs for registry packages. */
export function parseYarnLock(text: string): Map<string, LockEntry> {
  const entries = new Map<string, LockEntry>();
  let current: { key: string; entry: LockEntry } | undefined;
  for (const line of text.split('\n')) {
    if (/^[^\s#].*:\s*$/.test(line)) {
      const key = line.replace(/:\s*$/, '').trim();
      const first = (key.split(',')[0] ?? '').trim().replace(/^"|"$/g, '');
      const at = first.lastIndexOf('@');
      current = { key, entry: { name: at > 0 ? first.slice(0, at) : first, version: undefined, resolved: undefined } };
      entries.set(key, current.entry);
      continue;
    }
    if (!current) continue;
    const version = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line);
    if (version) current.entry.version = version[1];
    const resolved = /^\s+resolved:?\s+"?([^"\s]+)"?/.exec(line);
    if (resolved) current.entry.resolved = resolved[1];
  }
  return entries;
}
