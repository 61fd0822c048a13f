/**
 * The deterministic pass: secrets, dangerous patterns and dependency changes over one change set. Needs no
 * model. The review action runs it on a pull request's diff; implement runs the same on its own patch before
 * writing anything.
 */
import type { ManifestVersions } from './deps/changes.js';
import { DEFAULT_ALLOWED_REGISTRIES, diffDependencies } from './deps/changes.js';
import { checkDependencies, DEFAULT_DEPENDENCY_POLICY, type DependencyPolicy } from './deps/check-dependencies.js';
import type { Registries } from './deps/registry.js';
import type { ScanFile } from './diff.js';
import { compareFindings, uniqueFindings, type ScanFinding } from './finding.js';
import { scanPatterns } from './patterns/scan-patterns.js';
import { createRedactor, redactDeep, type Redactor } from '../core/redact.js';
import { scanSecrets } from './secrets/scan-secrets.js';

export interface DeterministicScanInput {
  files: readonly ScanFile[];
  /** Dependency manifests and lockfiles the change touches, before and after. */
  manifests: readonly ManifestVersions[];
}

export interface DeterministicScanOptions {
  /** Epoch milliseconds (package ages, token expiry). */
  now: number;
  registries: Registries;
  dependencyPolicy?: DependencyPolicy;
  allowedRegistries?: readonly string[];
  /** Paths left out of the secret and pattern scans (policy only: it loosens the review). */
  ignorePath?: (path: string) => boolean;
}

export interface DeterministicScanResult {
  /** Sorted, most severe first; every text already redacted. */
  findings: ScanFinding[];
  /** Redacts every secret found, everywhere it is applied. */
  redact: Redactor;
  /** How many distinct secret values were found (the values themselves are not kept). */
  secretCount: number;
  warnings: string[];
  newDependencies: string[];
  /** False when a registry check was skipped. */
  dependencyChecksComplete: boolean;
}

export async function runDeterministicScan(input: DeterministicScanInput, options: DeterministicScanOptions): Promise<DeterministicScanResult> {
  const files = options.ignorePath ? input.files.filter((file) => !options.ignorePath?.(file.path)) : input.files;
  const secrets = scanSecrets(files, { now: options.now });
  const redact = createRedactor(secrets.secrets);
  const patterns = scanPatterns(files);
  const diff = diffDependencies(input.manifests, options.allowedRegistries ?? DEFAULT_ALLOWED_REGISTRIES);
  const dependencies = await checkDependencies(diff, options.registries, options.now, options.dependencyPolicy ?? DEFAULT_DEPENDENCY_POLICY);
  // A secret can sit on a line another rule reports (a token inside a shell command): redact every finding.
  const findings = uniqueFindings([...secrets.findings, ...patterns, ...dependencies.findings].map((finding) => redactDeep(finding, redact))).sort(
    compareFindings,
  );
  return {
    findings,
    redact,
    secretCount: secrets.secrets.length,
    warnings: dependencies.warnings.map(redact),
    newDependencies: dependencies.newDependencies,
    dependencyChecksComplete: dependencies.complete,
  };
}
