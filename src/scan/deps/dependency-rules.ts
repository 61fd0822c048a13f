/** The dependency rules, as documentation and SARIF describe them. */
import type { ScanRule } from '../finding.js';

function rule(fields: Omit<ScanRule, 'kind' | 'category'> & { category?: string }): ScanRule {
  return { kind: 'dependency', category: 'supply-chain', ...fields };
}

export const DEPENDENCY_RULES = {
  notFound: rule({
    id: 'dependency/not-found',
    name: 'Dependency does not exist in its registry',
    description: 'The package is not in its public registry: a hallucinated name. Anyone can register it and ship code into the next install (slopsquatting).',
    help: 'Remove the dependency or replace it with the package that was meant; check the exact name on the registry.',
    severity: 'critical',
    cwe: ['CWE-829'],
  }),
  versionNotFound: rule({
    id: 'dependency/version-not-found',
    name: 'Dependency version does not exist',
    description: 'The package exists but the pinned version does not; the install fails or resolves to something else.',
    help: 'Pin a version the registry has.',
    severity: 'high',
    cwe: ['CWE-1104'],
  }),
  tooNew: rule({
    id: 'dependency/too-new',
    name: 'Dependency published too recently',
    description:
      'The package (or the version used) was published more recently than the minimum age. Malicious packages and hijacked releases are usually caught and removed within days.',
    help: 'Wait until the package or version is older than the minimum age, or have a human review its source and publisher.',
    severity: 'high',
    cwe: ['CWE-1104'],
  }),
  typosquat: rule({
    id: 'dependency/typosquat',
    name: 'Dependency name close to a popular package',
    description: 'The name is within two edits of a popular package it is not: the classic typosquat.',
    help: 'Check that this is really the package meant; if the popular one was meant, fix the name.',
    severity: 'high',
    cwe: ['CWE-829'],
  }),
  lowDownloads: rule({
    id: 'dependency/low-downloads',
    name: 'Rarely used dependency',
    description: 'The package has very few downloads, so few people would have noticed a problem with it.',
    help: 'Prefer a widely used package, or review this one’s source and publisher before depending on it.',
    severity: 'low',
    cwe: ['CWE-1104'],
  }),
  nonRegistrySource: rule({
    id: 'dependency/non-registry-source',
    name: 'Dependency installed from outside the registry',
    description:
      'A dependency fetched from a git repository or a URL bypasses the registry: no immutable versions, no malware takedowns, and the content can change under the same reference.',
    help: 'Depend on a published registry version, or pin the git dependency to a full commit SHA and review it.',
    severity: 'high',
    cwe: ['CWE-829'],
  }),
  lockfileSource: rule({
    id: 'dependency/lockfile-untrusted-source',
    name: 'Lockfile entry resolves outside the registry',
    description:
      'A lockfile entry resolves to a URL outside the allowed registries; a lockfile edited this way installs something other than what package.json suggests.',
    help: 'Regenerate the lockfile from the registry (npm install), or add the URL prefix to ciso-review.allowed-registries if it is your own registry.',
    severity: 'high',
    cwe: ['CWE-494'],
  }),
  extraIndex: rule({
    id: 'dependency/extra-package-index',
    name: 'Additional Python package index',
    description: 'An extra package index lets a package of the same name on another index win the install (dependency confusion).',
    help: 'Use a single index that proxies PyPI, or pin hashes (--require-hashes).',
    severity: 'high',
    cwe: ['CWE-427'],
  }),
  license: rule({
    id: 'dependency/copyleft-license',
    name: 'Dependency under a strong copyleft licence',
    description: 'The package is licensed under GPL, AGPL or SSPL, whose terms can extend to the software that includes it.',
    help: 'Check the licence against the project’s licensing policy before depending on it.',
    severity: 'medium',
    category: 'license',
    cwe: [],
  }),
} as const satisfies Record<string, ScanRule>;

export const DEPENDENCY_RULE_LIST: readonly ScanRule[] = Object.values(DEPENDENCY_RULES);
