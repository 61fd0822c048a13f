/** Dependencies as the manifests declare them, and what a change does to them. */

export type Ecosystem = 'npm' | 'pypi' | 'go';

/** Where a declared dependency comes from: its public registry, or somewhere that bypasses it. */
export type DependencySource = 'registry' | 'git' | 'url' | 'local';

export interface DeclaredDependency {
  ecosystem: Ecosystem;
  /** The registry name (for an npm alias `x: npm:y@1`, this is `y`). */
  name: string;
  /** The version or range as written (`^4.17.21`, `==2.31.0`, `v1.9.0`); may be empty. */
  spec: string;
  source: DependencySource;
  /** 1-based line in the manifest (0 when unknown). */
  line: number;
  /** For npm aliases: the name the code imports. */
  alias?: string;
}

export interface DependencyChange extends DeclaredDependency {
  change: 'added' | 'changed';
  /** The manifest (or lockfile) path. */
  path: string;
  /** An exact version when known (pinned in the manifest or resolved in the lockfile). */
  exactVersion?: string;
  previousSpec?: string;
}

/** Lockfile entries that resolve outside the public registry. */
export interface LockfileSourceChange {
  path: string;
  line: number;
  name: string;
  resolved: string;
}

/** `npm:lodahs@^4.17.21`: how the review marker lists new dependencies for the merge gate. */
export function dependencyLabel(change: Pick<DependencyChange, 'ecosystem' | 'name' | 'spec'>): string {
  return `${change.ecosystem}:${change.name}${change.spec ? `@${change.spec}` : ''}`;
}

/** Line (1-based) of the first line at or after `from` that contains `needle`; 0 if none. */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = Math.max(0, from - 1); i < lines.length; i++) {
    if (lines[i]?.includes(needle)) return i + 1;
  }
  return 0;
}
