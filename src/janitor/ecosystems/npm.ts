/**
 * npm, pnpm and Yarn: what is outdated (each tool's own `outdated` command), how one package moves (the
 * lockfile only, scripts off; the install that follows runs in the sandbox like any install), and the order
 * the lockfile's dependency graph asks for.
 */
import { isRecord } from '../../core/is-record.js';
import type { OutdatedPackage, PackageManager } from '../types.js';
import { isNpmName, isVersion } from './names.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function jsonStart(output: string): unknown {
  const start = output.search(/[[{]/);
  if (start < 0) return {};
  return JSON.parse(output.slice(start)) as unknown;
}

function valid(pkg: OutdatedPackage): boolean {
  return isNpmName(pkg.name) && [pkg.current, pkg.wanted, pkg.latest].every(isVersion);
}

/** `npm outdated --json --long`: `{ name: { current, wanted, latest, type, homepage } }`; a workspace repeats names as arrays. */
export function parseNpmOutdated(output: string): OutdatedPackage[] {
  const data = jsonStart(output);
  if (!isRecord(data)) return [];
  const found: OutdatedPackage[] = [];
  for (const [name, raw] of Object.entries(data)) {
    for (const entry of Array.isArray(raw) ? raw : [raw]) {
      if (!isRecord(entry)) continue;
      const current = text(entry.current);
      const wanted = text(entry.wanted);
      const latest = text(entry.latest);
      // Not installed ("MISSING"): there is no current version to move from.
      if (!current || !wanted || !latest) continue;
      const type = text(entry.type) ?? text(entry.dependencyType);
      const homepage = text(entry.homepage);
      const pkg: OutdatedPackage = { name, current, wanted, latest, ...(type ? { dependencyType: type } : {}), ...(homepage ? { homepage } : {}) };
      if (valid(pkg)) found.push(pkg);
    }
  }
  return found;
}

/** `yarn outdated --json` (Yarn 1): JSON lines, one of them a table with Package, Current, Wanted, Latest, Package Type, URL. */
export function parseYarnOutdated(output: string): OutdatedPackage[] {
  const found: OutdatedPackage[] = [];
  for (const line of output.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isRecord(event) || event.type !== 'table' || !isRecord(event.data)) continue;
    const head = Array.isArray(event.data.head) ? event.data.head.map(String) : [];
    const column = (row: unknown[], title: string) => text(row[head.indexOf(title)]);
    for (const row of Array.isArray(event.data.body) ? event.data.body : []) {
      if (!Array.isArray(row)) continue;
      const [name, current, wanted, latest] = ['Package', 'Current', 'Wanted', 'Latest'].map((title) => column(row as unknown[], title));
      if (!name || !current || !wanted || !latest) continue;
      const type = column(row as unknown[], 'Package Type');
      const homepage = column(row as unknown[], 'URL');
      const pkg: OutdatedPackage = { name, current, wanted, latest, ...(type ? { dependencyType: type } : {}), ...(homepage ? { homepage } : {}) };
      if (valid(pkg)) found.push(pkg);
    }
  }
  return found;
}

const NPM_FLAGS = '--package-lock-only --ignore-scripts --no-audit --no-fund';

export function npmManager(lockfile: 'package-lock.json' | 'npm-shrinkwrap.json'): PackageManager {
  return {
    ecosystem: 'npm',
    tool: 'npm',
    files: ['package.json', lockfile],
    // --json prints the report on stdout; warnings go to stderr and stay out of it.
    listCommand: 'npm outdated --json --long 2>/dev/null',
    parse: parseNpmOutdated,
    // Within the range only the lockfile moves (npm update leaves package.json alone); a major rewrites the range.
    updateCommand: (pkg, version, kind) => (kind === 'major' ? `npm install ${NPM_FLAGS} ${pkg.name}@^${version}` : `npm update ${NPM_FLAGS} ${pkg.name}`),
  };
}

export function pnpmManager(): PackageManager {
  return {
    ecosystem: 'npm',
    tool: 'pnpm',
    files: ['package.json', 'pnpm-lock.yaml'],
    listCommand: 'pnpm outdated --format json 2>/dev/null',
    parse: parseNpmOutdated,
    updateCommand: (pkg, version, kind) => {
      const dev = pkg.dependencyType === 'devDependencies' ? ' --save-dev' : '';
      return kind === 'major'
        ? `pnpm add --lockfile-only --ignore-scripts${dev} ${pkg.name}@^${version}`
        : `pnpm update --lockfile-only --ignore-scripts ${pkg.name}`;
    },
  };
}

export function yarnManager(): PackageManager {
  return {
    ecosystem: 'npm',
    tool: 'yarn',
    files: ['package.json', 'yarn.lock'],
    listCommand: 'yarn outdated --json 2>/dev/null',
    parse: parseYarnOutdated,
    // Yarn 1 has no lockfile-only mode; without a version it moves within the range and leaves package.json alone.
    updateCommand: (pkg, version, kind) =>
      kind === 'major' ? `yarn upgrade --ignore-scripts ${pkg.name}@^${version}` : `yarn upgrade --ignore-scripts ${pkg.name}`,
  };
}

/**
 * Pure: the package names in update order from a package-lock.json (v2/v3 `packages`): a package another
 * outdated one depends on comes first, so each update is tested on top of the dependencies it will run with.
 */
export function npmDependencyOrder(names: readonly string[], lockfile: string | undefined): string[] {
  const wanted = new Set(names);
  const edges = new Map<string, string[]>();
  let packages: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(lockfile ?? '{}') as unknown;
    if (isRecord(parsed) && isRecord(parsed.packages)) packages = parsed.packages;
  } catch {
    // An unreadable lockfile gives no order; the names stay alphabetical.
  }
  for (const name of names) {
    const entry = packages[`node_modules/${name}`];
    const deps = isRecord(entry)
      ? { ...(isRecord(entry.dependencies) ? entry.dependencies : {}), ...(isRecord(entry.peerDependencies) ? entry.peerDependencies : {}) }
      : {};
    edges.set(
      name,
      Object.keys(deps).filter((dep) => wanted.has(dep) && dep !== name),
    );
  }
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name)) return; // done, or a cycle: the first seen goes first
    state.set(name, 'visiting');
    for (const dep of [...(edges.get(name) ?? [])].sort()) visit(dep);
    state.set(name, 'done');
    ordered.push(name);
  };
  for (const name of [...names].sort()) visit(name);
  return ordered;
}
