/** What the dependency watchdog learned about one dependency, from the audit, the registry and OSV. Plain data. */
import type { Ecosystem } from '../../scan/deps/dependency.js';

export interface Advisory {
  /** GHSA, PYSEC, GO-… id, or npm's numeric advisory id as text. */
  id: string;
  title: string;
  /** critical | high | moderate | medium | low, as the source says it. */
  severity: string;
  url: string;
  /** Vulnerable range as the source writes it (`<4.17.21`, `>=2.3.0, <2.31.0`). */
  range: string;
  /** The first version without it, when one is published. */
  fixedIn?: string;
  /** The fix needs a new major (npm audit's `isSemVerMajor`, or a fixed version on another major). */
  fixIsMajor?: boolean;
  aliases?: string[];
}

export interface DependencyFacts {
  ecosystem: Ecosystem;
  name: string;
  /** The manifest that declares it (or the lockfile that holds it, for an indirect one). */
  manifest: string;
  /** The installed (locked) or pinned version, when known. */
  version?: string;
  /** Declared in a manifest (not only pulled in by another package). */
  direct: boolean;
  /** For an indirect dependency: the direct ones that bring it in (npm audit's `effects` walk). */
  via?: string[];
  advisories: Advisory[];
  /** The deprecation message of the installed version (npm), the yank reason (PyPI), the go.mod comment (Go). */
  deprecated?: string;
  latest?: string;
  /** Latest major minus installed major. */
  majorsBehind?: number;
  /** Publisher of the latest version when it is not one of the maintainers of the installed version. */
  newPublisher?: { name: string; version: string; previous: string[] };
  /** The package is gone from the registry. */
  unpublished?: { at?: string; by?: string };
  /** Where the breaking changes of an upgrade are described (releases page or changelog). */
  changesUrl?: string;
}
