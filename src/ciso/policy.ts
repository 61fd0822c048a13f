/**
 * ciso-review's own keys in the `ciso-review` section of .github/agentic.yml, and the scanner settings they
 * make with the inputs. Whatever loosens the review (trusted packages, ignored paths, other registries) comes
 * only from the policy file, which is read from the default branch; an input may only tighten (a longer
 * minimum package age).
 */
import { minimatch } from 'minimatch';
import { z } from 'zod';
import { DEFAULT_ALLOWED_REGISTRIES } from '../scan/deps/changes.js';
import { DEFAULT_DEPENDENCY_POLICY, type DependencyPolicy } from '../scan/deps/check-dependencies.js';
import type { RegistryEndpoints } from '../scan/deps/registries.js';

const url = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');

export const CISO_POLICY_KEYS = {
  'min-package-age-days': z.number().int().min(0).max(3650).optional(),
  'min-weekly-downloads': z.number().int().min(0).optional(),
  /** Packages the typosquat, age and downloads checks accept (a company's own packages). */
  'trusted-packages': z.array(z.string().min(1)).optional(),
  /** Lockfile URL prefixes that count as the registry, besides registry.npmjs.org and registry.yarnpkg.com. */
  'allowed-registries': z.array(url).optional(),
  /** Globs left out of the secret and pattern scans (test fixtures with fake keys, say). */
  'ignore-paths': z.array(z.string().min(1)).optional(),
  /** Where the registries are (a mirror, an enterprise proxy). */
  registries: z.object({ npm: url.optional(), 'npm-downloads': url.optional(), pypi: url.optional(), go: url.optional() }).strict().optional(),
  'registry-timeout-ms': z.number().int().min(100).max(60_000).optional(),
};

export type CisoPolicy = { [K in keyof typeof CISO_POLICY_KEYS]?: z.infer<(typeof CISO_POLICY_KEYS)[K]> };

export interface CisoInputs {
  minPackageAgeDays?: number | undefined;
}

export interface ScannerSettings {
  dependencyPolicy: DependencyPolicy;
  allowedRegistries: string[];
  ignoreGlobs: string[];
  registries: RegistryEndpoints;
}

/** Pure. */
export function resolveScannerSettings(policy: CisoPolicy, inputs: CisoInputs): ScannerSettings {
  const policyAge = policy['min-package-age-days'] ?? DEFAULT_DEPENDENCY_POLICY.minPackageAgeDays;
  const endpoints = policy.registries ?? {};
  return {
    dependencyPolicy: {
      minPackageAgeDays: Math.max(policyAge, inputs.minPackageAgeDays ?? 0),
      minWeeklyDownloads: policy['min-weekly-downloads'] ?? DEFAULT_DEPENDENCY_POLICY.minWeeklyDownloads,
      trustedPackages: policy['trusted-packages'] ?? [],
    },
    allowedRegistries: [...DEFAULT_ALLOWED_REGISTRIES, ...(policy['allowed-registries'] ?? [])],
    ignoreGlobs: policy['ignore-paths'] ?? [],
    registries: {
      ...(endpoints.npm ? { npmRegistryUrl: endpoints.npm } : {}),
      ...(endpoints['npm-downloads'] ? { npmDownloadsUrl: endpoints['npm-downloads'] } : {}),
      ...(endpoints.pypi ? { pypiUrl: endpoints.pypi } : {}),
      ...(endpoints.go ? { goProxyUrl: endpoints.go } : {}),
      ...(policy['registry-timeout-ms'] !== undefined ? { timeoutMs: policy['registry-timeout-ms'] } : {}),
    },
  };
}

export function ignoreMatcher(globs: readonly string[]): ((path: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  return (path) => globs.some((glob) => minimatch(path, glob, { dot: true }));
}
