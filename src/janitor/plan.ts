/**
 * Pure: from what a package manager reports outdated to the updates the janitor tries and the majors it
 * leaves for a person. Default scope: patch and minor steps within the declared ranges; a major becomes a
 * suggestion unless majors are allowed.
 */
import type { JanitorEcosystem, MajorSuggestion, OutdatedPackage, PackageManager, PlannedUpdate } from './types.js';
import { updateKind } from './versions.js';

export interface UpdatePlan {
  updates: PlannedUpdate[];
  majors: MajorSuggestion[];
  /** Packages neither updated nor suggested, and why. */
  skipped: Array<{ name: string; from: string; to: string; reason: string }>;
}

const REGISTRY_PAGES: Readonly<Record<JanitorEcosystem, (name: string) => string>> = {
  npm: (name) => `https://www.npmjs.com/package/${name}?activeTab=versions`,
  python: (name) => `https://pypi.org/project/${name}/#history`,
  go: (name) => `https://pkg.go.dev/${name}?tab=versions`,
};

/** Where to read what changed: the project's GitHub releases when it lives there, else the registry's version list. */
export function changelogLink(ecosystem: JanitorEcosystem, pkg: Pick<OutdatedPackage, 'name' | 'homepage'>): string {
  const github = /^(?:git\+)?https?:\/\/(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$/.exec(pkg.homepage ?? '');
  if (github?.[1] && github[2]) return `https://github.com/${github[1]}/${github[2]}/releases`;
  return REGISTRY_PAGES[ecosystem](pkg.name);
}

export function planUpdates(
  manager: PackageManager,
  outdated: readonly OutdatedPackage[],
  options: { majors: boolean; order?: (names: string[]) => string[] },
): UpdatePlan {
  const plan: UpdatePlan = { updates: [], majors: [], skipped: [] };
  const byName = new Map<string, PlannedUpdate>();
  for (const pkg of outdated) {
    const changelog = changelogLink(manager.ecosystem, pkg);
    const within = updateKind(pkg.current, pkg.wanted);
    const latest = updateKind(pkg.current, pkg.latest);
    const base = {
      ecosystem: manager.ecosystem,
      tool: manager.tool,
      name: pkg.name,
      from: pkg.current,
      changelog,
      ...(pkg.dependencyType ? { dependencyType: pkg.dependencyType } : {}),
    };
    if (latest === 'major' && options.majors) {
      byName.set(pkg.name, { ...base, to: pkg.latest, kind: 'major', command: manager.updateCommand(pkg, pkg.latest, 'major') });
      continue;
    }
    if (latest === 'major') plan.majors.push({ ecosystem: manager.ecosystem, name: pkg.name, from: pkg.current, to: pkg.latest, changelog });
    if (within && within !== 'major') {
      byName.set(pkg.name, { ...base, to: pkg.wanted, kind: within, command: manager.updateCommand(pkg, pkg.wanted, within) });
    } else if (within === 'major' && options.majors) {
      byName.set(pkg.name, { ...base, to: pkg.wanted, kind: 'major', command: manager.updateCommand(pkg, pkg.wanted, 'major') });
    } else if (!within && latest && latest !== 'major') {
      plan.skipped.push({ name: pkg.name, from: pkg.current, to: pkg.latest, reason: 'outside the declared range' });
    }
  }
  const names = [...byName.keys()].sort();
  for (const name of options.order ? options.order(names) : names) {
    const update = byName.get(name);
    if (update) plan.updates.push(update);
  }
  return plan;
}
