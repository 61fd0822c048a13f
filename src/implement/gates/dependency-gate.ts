/**
 * New dependencies are checked the way ciso-review checks them (a package the model made up and the
 * supply-chain rules in src/scan/deps): every added or changed package must exist in its registry (npm, PyPI,
 * the Go proxy), be old enough, not imitate a popular name, and come from the registry rather than git, a URL
 * or a stray lockfile source. For a change the agent wants to push, anything high or critical blocks, and so
 * does a registry that could not be asked: an unverified dependency is not pushed.
 */
import { diffDependencies, isDependencyFile, type ManifestVersions } from '../../scan/deps/changes.js';
import { checkDependencies as scanDependencies, type DependencyPolicy } from '../../scan/deps/check-dependencies.js';
import type { Registries } from '../../scan/deps/registry.js';
import type { GateProblem } from './gate-types.js';
import type { TextChange } from './secret-gate.js';

export interface DependencyCheckSettings {
  registries: Registries;
  policy: DependencyPolicy;
  /** Lockfile URL prefixes that count as the registry. */
  allowedRegistries: readonly string[];
}

/** Pure: the manifests and lockfiles among the changed files, before and after. */
export function dependencyFiles(changes: readonly TextChange[]): ManifestVersions[] {
  return changes
    .filter((change) => isDependencyFile(change.path))
    .map((change) => ({
      path: change.path,
      ...(change.before !== null ? { before: change.before } : {}),
      ...(change.action !== 'delete' && change.after !== undefined ? { after: change.after } : {}),
    }));
}

export async function checkDependencies(changes: readonly TextChange[], settings: DependencyCheckSettings, now: number): Promise<GateProblem[]> {
  const files = dependencyFiles(changes);
  if (files.length === 0) return [];
  const diff = diffDependencies(files, settings.allowedRegistries);
  const result = await scanDependencies(diff, settings.registries, now, settings.policy);
  const problems: GateProblem[] = result.findings
    .filter((finding) => finding.severity === 'critical' || finding.severity === 'high')
    .map((finding) => ({
      gate: 'dependency',
      path: finding.path,
      message: `${finding.path}${finding.line > 0 ? `:${finding.line}` : ''}: ${finding.title.replace(/`/g, '')}`,
    }));
  for (const warning of result.warnings) problems.push({ gate: 'dependency', message: `not verified: ${warning.replace(/`/g, '')}` });
  return problems;
}
