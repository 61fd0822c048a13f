/**
 * The dependency watchdog: npm's own audit of the lockfile, each direct npm dependency's registry document
 * (deprecated, majors behind, changed hands, unpublished) and OSV for pinned PyPI and Go dependencies, turned
 * into `[Dependency]` candidates. No model. A registry that cannot be reached leaves the run incomplete, never
 * silently clean.
 */
import type { AnalystContext } from '../analyst-context.js';
import type { AnalystReport } from '../candidate.js';
import { npmDocumentPath } from '../../scan/deps/npm-registry.js';
import type { DependencyFacts } from './facts.js';
import { dependencyCandidates } from './findings.js';
import { requestJson, UnreachableError } from './http.js';
import { readManifests } from './manifests.js';
import { npmPackageFacts } from './npm-package.js';
import { queryOsv, type OsvClient, type OsvQuery } from './osv.js';
import { runNpmAudit } from './run-npm-audit.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function runDependencyWatchdog(context: AnalystContext): Promise<AnalystReport> {
  const { settings, workspace } = context;
  const timeoutMs = settings.registryTimeoutMs;
  const notes: string[] = [];
  let complete = true;
  const manifests = readManifests(workspace);
  for (const unreadable of manifests.unreadable) notes.push(`Could not read ${unreadable}.`);
  if (manifests.npm.length + manifests.python.length + manifests.go.length === 0 && manifests.pythonUnpinned === 0) {
    notes.push('No package.json, requirements*.txt, pyproject.toml or go.mod at the root of the repository: nothing to watch.');
    return { analyst: 'dependencies', candidates: [], notes, status: 'complete', requests: 0 };
  }
  const facts = new Map<string, DependencyFacts>();
  const key = (ecosystem: string, name: string) => `${ecosystem}\u0000${name}`;

  // npm: the registry document of every direct dependency.
  const npmBase = settings.registries.npm.replace(/\/?$/, '/');
  let lookedUp = 0;
  for (const dep of manifests.npm) {
    const entry: DependencyFacts = {
      ecosystem: 'npm',
      name: dep.name,
      manifest: dep.manifest,
      direct: true,
      advisories: [],
      ...(dep.version ? { version: dep.version } : {}),
    };
    facts.set(key('npm', dep.name), entry);
    if (!complete) continue;
    try {
      const answer = await requestJson(`${npmBase}${npmDocumentPath(dep.name)}`, { timeoutMs });
      lookedUp++;
      Object.assign(entry, answer.status === 404 || answer.status === 410 ? { unpublished: {} } : npmPackageFacts(dep.name, answer.body, dep.version));
    } catch (error) {
      if (!(error instanceof UnreachableError)) throw error;
      notes.push(`The npm registry ${npmBase} could not be reached (${error.message}): deprecations, majors behind and changed maintainers were not checked.`);
      complete = false;
    }
  }
  if (manifests.npm.length > 0)
    notes.push(`npm: ${`${manifests.npm.length} direct ${manifests.npm.length === 1 ? 'dependency' : 'dependencies'}`}, ${lookedUp} looked up on ${npmBase}.`);

  // npm audit over the whole lockfile, direct and indirect.
  if (manifests.npmLock) {
    const audit = await runNpmAudit(workspace, npmBase, timeoutMs * 4);
    if (audit.status === 'error') {
      notes.push(`npm audit failed (${audit.code}): ${audit.message}`);
      complete = false;
    } else {
      const advisories = audit.packages.reduce((sum, pkg) => sum + pkg.advisories.length, 0);
      const own = audit.packages.filter((pkg) => pkg.advisories.length > 0).length;
      const through = audit.packages.length - own;
      notes.push(
        `npm audit: ${advisories} ${advisories === 1 ? 'advisory' : 'advisories'} on ${plural(own, 'package')}${through > 0 ? ` (${plural(through, 'more package')} affected through them)` : ''}.`,
      );
      for (const pkg of audit.packages) {
        if (pkg.advisories.length === 0) continue;
        const version = pkg.nodes.map((node) => manifests.npmLock?.get(node)?.version).find((v) => v !== undefined);
        const entry = facts.get(key('npm', pkg.name)) ?? {
          ecosystem: 'npm',
          name: pkg.name,
          manifest: 'package-lock.json',
          direct: false,
          advisories: [],
          ...(version ? { version } : {}),
          ...(pkg.effects.length > 0 ? { via: pkg.effects } : {}),
        };
        entry.advisories.push(...pkg.advisories);
        facts.set(key('npm', pkg.name), entry);
      }
    }
  } else if (manifests.npm.length > 0) {
    notes.push('No package-lock.json: npm audit needs one (commit the lockfile), so npm advisories were not checked.');
    complete = false;
  }

  // PyPI and Go: OSV for pinned versions.
  const queries: OsvQuery[] = [
    ...manifests.python.map((dep) => ({ ecosystem: 'PyPI' as const, name: dep.name, version: dep.version ?? '' })),
    ...manifests.go.map((dep) => ({ ecosystem: 'Go' as const, name: dep.name, version: dep.version ?? '' })),
  ];
  const declared = [...manifests.python, ...manifests.go];
  if (queries.length > 0) {
    const osvBase = settings.registries.osv.replace(/\/$/, '');
    const client: OsvClient = {
      post: async (path, body) => (await requestJson(`${osvBase}${path}`, { method: 'POST', body, timeoutMs })).body,
      get: async (path) => (await requestJson(`${osvBase}${path}`, { timeoutMs })).body,
    };
    try {
      const found = await queryOsv(client, queries);
      queries.forEach((query, index) => {
        const dep = declared[index];
        facts.set(key(query.ecosystem, query.name), {
          ecosystem: query.ecosystem === 'PyPI' ? 'pypi' : 'go',
          name: query.name,
          version: query.version,
          manifest: dep?.manifest ?? '',
          direct: true,
          advisories: found[index] ?? [],
        });
      });
      notes.push(
        `OSV: ${`${queries.length} pinned PyPI or Go ${queries.length === 1 ? 'dependency' : 'dependencies'}`}, ${`${found.flat().length} ${found.flat().length === 1 ? 'advisory' : 'advisories'}`}.`,
      );
    } catch (error) {
      if (!(error instanceof UnreachableError)) throw error;
      notes.push(`OSV at ${osvBase} could not be reached (${error.message}): PyPI and Go advisories were not checked.`);
      complete = false;
    }
  }
  if (manifests.pythonUnpinned > 0)
    notes.push(`${plural(manifests.pythonUnpinned, 'Python requirement')} without a pinned version (==) not checked against OSV.`);

  const candidates = [...facts.values()].flatMap((entry) => dependencyCandidates(entry, { majorsBehind: settings.majorsBehind }));
  return { analyst: 'dependencies', candidates, notes, status: complete ? 'complete' : 'incomplete', requests: 0 };
}
