/** What the janitor works with: outdated packages as a package manager reports them, and the updates it plans. */

export const ECOSYSTEMS = ['npm', 'python', 'go'] as const;

/** all: one job; propose: updates and tests, writes a bundle (no write token needed); publish: checks the bundle, writes. */
export const JANITOR_PHASES = ['all', 'propose', 'publish'] as const;
export type JanitorPhase = (typeof JANITOR_PHASES)[number];
export type JanitorEcosystem = (typeof ECOSYSTEMS)[number];

/** The size of a version step: a major one becomes a suggestion unless majors are allowed. */
export type UpdateKind = 'patch' | 'minor' | 'major';

/** One direct dependency the package manager reports as outdated. Every field came from untrusted output. */
export interface OutdatedPackage {
  name: string;
  current: string;
  /** The highest version the declared range allows (npm's "wanted"); the latest when the tool knows no range. */
  wanted: string;
  latest: string;
  /** dependencies, devDependencies, … when the tool says. */
  dependencyType?: string;
  /** Where its changes are described (a repository or homepage URL), when the tool says. */
  homepage?: string;
}

/** One package manager found in the repository, with its commands. */
export interface PackageManager {
  ecosystem: JanitorEcosystem;
  /** npm, pnpm, yarn, yarn-berry, uv, poetry, pip-tools, pip, go. */
  tool: string;
  /** The files an update may change: restored byte for byte when the tests fail, committed when they pass. */
  files: readonly string[];
  /** Lists what is outdated; its standard output is parsed by `parse`. */
  listCommand: string;
  parse(output: string): OutdatedPackage[];
  /** The command that moves one package to `version` (manifest and lockfile only, no install). */
  updateCommand(pkg: OutdatedPackage, version: string, kind: UpdateKind): string;
}

export interface PlannedUpdate {
  ecosystem: JanitorEcosystem;
  tool: string;
  name: string;
  from: string;
  to: string;
  kind: UpdateKind;
  command: string;
  /** Where to read what changed between the versions. */
  changelog: string;
  dependencyType?: string;
}

/** A major version left for a person to decide: filed as a [Dependency] suggestion. */
export interface MajorSuggestion {
  ecosystem: JanitorEcosystem;
  name: string;
  from: string;
  to: string;
  changelog: string;
}
