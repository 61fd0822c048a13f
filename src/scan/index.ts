/**
 * The deterministic scanners, for ciso-review and for implement's pre-write gate. Everything works on a
 * unified diff (`parseUnifiedDiff`), a pull request file's patch (`parsePatch`) or whole new files
 * (`fileFromContent`); registry lookups go through the `Registries` passed in.
 */
export { fileFromContent, parsePatch, parseUnifiedDiff, type AddedLine, type ScanFile } from './diff.js';
export { compareFindings, type ScanFinding, type ScanRule, type ScanSeverity } from './finding.js';
export { createRedactor, noRedaction, redactDeep, redactSecret, type Redactor } from '../core/redact.js';
export { scanSecrets, type SecretScanResult } from './secrets/scan-secrets.js';
export { SECRET_RULES } from './secrets/rules.js';
export { PATTERN_RULES, scanPatterns } from './patterns/scan-patterns.js';
export { DEFAULT_ALLOWED_REGISTRIES, diffDependencies, isDependencyFile, type DependencyDiff, type ManifestVersions } from './deps/changes.js';
export {
  checkDependencies,
  DEFAULT_DEPENDENCY_POLICY,
  judgeRegistryAnswer,
  judgeStatically,
  type DependencyCheckResult,
  type DependencyPolicy,
} from './deps/check-dependencies.js';
export { DEPENDENCY_RULE_LIST } from './deps/dependency-rules.js';
export { dependencyLabel, type DependencyChange, type Ecosystem } from './deps/dependency.js';
export { createRegistries, type RegistryEndpoints } from './deps/registries.js';
export type { FetchLike, PackageFacts, PackageRegistry, Registries, RegistryAnswer } from './deps/registry.js';
export { runDeterministicScan, type DeterministicScanInput, type DeterministicScanOptions, type DeterministicScanResult } from './deterministic-scan.js';
export { ALL_RULES, ruleById } from './rules.js';
