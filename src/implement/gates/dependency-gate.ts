/**
 * New dependencies must exist (seed 002's hallucination check): a package name the model made up is either a
 * broken build or, worse, a name an attacker can register. The gate reads what a change adds to npm
 * manifests and asks the registry about each name; a name the registry does not know, a registry that cannot
 * be asked, or a dependency from outside the registry (git, file, URL) blocks the change.
 */
import type { GateProblem } from './gate-types.js';
import type { TextChange } from './secret-gate.js';

export interface AddedDependency {
  ecosystem: 'npm';
  name: string;
  spec: string;
  manifest: string;
}

/** Whether a package exists: true, false (the registry says it does not), or an error message. */
export type RegistryLookup = (ecosystem: 'npm', name: string) => Promise<boolean | { error: string }>;

const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
// npm's rules for package names: lower case, URL-safe, optional @scope/.
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

function parseManifest(text: string | null | undefined): Record<string, unknown> | null {
  if (text === null || text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function section(manifest: Record<string, unknown>, name: string): Record<string, string> {
  const value = manifest[name];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Pure: dependencies a change adds to package.json files (new names, or a name whose source changed). */
export function addedNpmDependencies(changes: readonly TextChange[]): { added: AddedDependency[]; problems: GateProblem[] } {
  const added: AddedDependency[] = [];
  const problems: GateProblem[] = [];
  for (const change of changes) {
    if (change.action === 'delete' || !/(^|\/)package\.json$/.test(change.path)) continue;
    const before = parseManifest(change.before);
    const after = parseManifest(change.after);
    if (after === null) {
      problems.push({ gate: 'dependency', path: change.path, message: `${change.path} is not valid JSON after the change` });
      continue;
    }
    for (const name of NPM_SECTIONS) {
      const old = before ? section(before, name) : {};
      for (const [pkg, spec] of Object.entries(section(after, name))) {
        if (old[pkg] !== undefined && !isNonRegistrySpec(spec)) continue;
        if (old[pkg] === spec) continue;
        added.push({ ecosystem: 'npm', name: pkg, spec, manifest: change.path });
      }
    }
  }
  return { added, problems };
}

/** Specs that install from somewhere other than the registry: nothing vouches for them. */
export function isNonRegistrySpec(spec: string): boolean {
  return /^(?:git\+|git:|github:|gitlab:|bitbucket:|file:|link:|npm:|workspace:|https?:|[\w.-]+\/[\w.-]+(?:#.*)?$)/i.test(spec.trim());
}

export async function checkDependencies(changes: readonly TextChange[], lookup: RegistryLookup): Promise<GateProblem[]> {
  const { added, problems } = addedNpmDependencies(changes);
  const seen = new Set<string>();
  for (const dependency of added) {
    const where = `${dependency.manifest}: ${dependency.name}@${dependency.spec}`;
    if (!NPM_NAME.test(dependency.name)) {
      problems.push({ gate: 'dependency', path: dependency.manifest, message: `${where} is not a valid npm package name` });
      continue;
    }
    if (isNonRegistrySpec(dependency.spec)) {
      problems.push({ gate: 'dependency', path: dependency.manifest, message: `${where} installs from outside the npm registry; a human must add it` });
      continue;
    }
    if (seen.has(dependency.name)) continue;
    seen.add(dependency.name);
    const exists = await lookup('npm', dependency.name);
    if (exists === false) problems.push({ gate: 'dependency', path: dependency.manifest, message: `${where} does not exist in the npm registry (a made-up package name?)` });
    else if (exists !== true) problems.push({ gate: 'dependency', path: dependency.manifest, message: `${where} could not be checked against the registry: ${exists.error}` });
  }
  return problems;
}

/** The npm registry's document for a package: 200 means it exists, 404 that it does not. */
export function npmRegistryLookup(registryUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = 15_000): RegistryLookup {
  return async (_ecosystem, name) => {
    // A scoped name keeps its @ and encodes the slash, as the registry expects.
    const url = `${registryUrl.replace(/\/+$/, '')}/${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
    try {
      const response = await fetchImpl(url, { headers: { accept: 'application/vnd.npm.install-v1+json' }, signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      if (response.status === 200) return true;
      if (response.status === 404) return false;
      return { error: `the registry answered ${response.status}` };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
}
