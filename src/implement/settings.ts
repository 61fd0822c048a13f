/**
 * The implement run's settings: the action inputs (run parameters) merged with the repository policy's
 * `implement:` section, read from the default branch. Security-relevant rules come from the policy, and an
 * input may only tighten them: it can add protected paths, require SPEC approval, pin plan scope and lower
 * caps, never the reverse.
 */
import { z } from 'zod';
import type { CommonConfig } from '../core/config.js';
import type { LabelNames } from '../core/labels.js';
import { policySection, type Policy } from '../core/policy.js';
import { stateLabels } from '../core/issue-state.js';
import { ALWAYS_PROTECTED } from '../core/protected-paths.js';
import { CISO_POLICY_KEYS, resolveScannerSettings } from '../ciso/policy.js';
import type { DependencyPolicy } from '../scan/deps/check-dependencies.js';
import type { RegistryEndpoints } from '../scan/deps/registries.js';
import { SCOPE_MODES, type Phase } from './run-modes.js';

import type { ScopeMode } from './plan-schema.js';

export type { ScopeMode };

const labelName = z.string().trim().min(1).max(50);

export const implementPolicySchema = z
  .object({
    /** Labels an issue must carry to be picked; default: the roadmap label. */
    'candidate-labels': z.array(labelName).min(1).optional(),
    'require-spec-approval': z.boolean().optional(),
    'scope-mode': z.enum(SCOPE_MODES).optional(),
    'protected-paths': z.array(z.string().min(1)).optional(),
    'max-prs-per-day': z.number().int().nonnegative().optional(),
    'max-cost-usd-per-issue': z.number().nonnegative().optional(),
    'max-turns': z.number().int().positive().optional(),
    'max-iterations': z.number().int().positive().optional(),
    'test-command': z.string().min(1).optional(),
    /** The repository's install command; "none" installs nothing. Default: detected from the lockfiles. */
    'install-command': z.string().min(1).optional(),
    'install-timeout-minutes': z.number().positive().optional(),
    'max-files': z.number().int().positive().optional(),
    'max-file-bytes': z.number().int().positive().optional(),
    'max-total-bytes': z.number().int().positive().optional(),
  })
  .strict();

export type ImplementPolicy = z.infer<typeof implementPolicySchema>;

/** What the workflow asks of this run (the action's inputs, parsed): run parameters, and rules it may only tighten. */
export interface ImplementInputs {
  'issue-number': number | undefined;
  phase: Phase;
  'max-parallel': number;
  'bundle-path': string | undefined;
  'bundle-digest': string | undefined;
  'test-command': string | undefined;
  'test-network': 'allow' | 'none';
  'allow-unisolated-tests': boolean;
  'install-command': string | undefined;
  'install-timeout-minutes': number;
  'scope-mode': ScopeMode | undefined;
  'require-spec-approval': boolean;
  'protected-paths': string[];
  'max-turns': number;
  'max-iterations': number;
  'max-cost-usd-per-issue': number;
  'max-prs-per-day': number;
  'timeout-minutes': number;
  'stale-claim-hours': number;
  'context-tokens': number;
  'claim-settle-ms': number;
}

export interface SizeLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export interface ImplementSettings {
  phase: Phase;
  dryRun: boolean;
  issueNumber: number | undefined;
  maxParallel: number;
  bundlePath: string | undefined;
  /** Phase publish: the digest the propose step reported; the bundle must be exactly that one. */
  bundleDigest: string | undefined;
  candidateLabels: string[];
  /** Labels that take an issue out of the picker's reach: suggestions awaiting approval and every agent state. */
  excludedLabels: string[];
  priorityLabels: { high: string; medium: string; low: string };
  requireSpecApproval: boolean;
  scopeMode: ScopeMode;
  protectedPaths: string[];
  maxTurns: number;
  maxIterations: number;
  timeoutMs: number;
  maxCostUsdRun: number;
  maxCostUsdPerIssue: number;
  maxPrsPerDay: number;
  staleClaimHours: number;
  contextTokens: number;
  claimSettleMs: number;
  testCommand: string | undefined;
  /** none: repository code runs without network (a network namespace). */
  testNetwork: 'allow' | 'none';
  /** Phase all may run repository code on a runner that cannot isolate it. */
  allowUnisolatedTests: boolean;
  /** Configured install command; undefined detects one from the lockfiles, "none" installs nothing. */
  installCommand: string | undefined;
  installTimeoutMs: number;
  /** New dependencies are judged by ciso-review's rules and registries (its section of the policy). */
  dependencies: { endpoints: RegistryEndpoints; policy: DependencyPolicy; allowedRegistries: string[] };
  size: SizeLimits;
}

const DEFAULT_SIZE: SizeLimits = { maxFiles: 50, maxFileBytes: 1_000_000, maxTotalBytes: 5_000_000 };

function minDefined(...values: Array<number | undefined>): number {
  const defined = values.filter((value): value is number => value !== undefined);
  return Math.min(...defined);
}

// Only the keys implement uses; the rest of the section is ciso-review's to validate.
const cisoKeys = z.object(CISO_POLICY_KEYS).loose();

function dependencySettings(policy: Policy, configPath: string): ImplementSettings['dependencies'] {
  const scanner = resolveScannerSettings(policySection(policy, 'ciso-review', cisoKeys, configPath), {});
  return { endpoints: scanner.registries, policy: scanner.dependencyPolicy, allowedRegistries: scanner.allowedRegistries };
}

/** Pure: inputs + policy → settings. */
export function resolveSettings(config: CommonConfig, inputs: ImplementInputs, policy: Policy, labels: LabelNames): ImplementSettings {
  const section = policySection(policy, 'implement', implementPolicySchema, config.configPath);
  // Plan scope is the tighter mode: the policy can pin it, an input can choose it.
  const scopeMode: ScopeMode =
    section['scope-mode'] === 'plan' || inputs['scope-mode'] === 'plan' ? 'plan' : (inputs['scope-mode'] ?? section['scope-mode'] ?? 'plan');
  const protectedPaths = [
    ...new Set([
      ...ALWAYS_PROTECTED,
      config.configPath,
      ...(policy['protected-paths'] ?? []),
      ...(section['protected-paths'] ?? []),
      ...inputs['protected-paths'],
    ]),
  ];
  return {
    phase: inputs.phase,
    dryRun: config.dryRun,
    issueNumber: inputs['issue-number'],
    maxParallel: inputs['max-parallel'],
    bundlePath: inputs['bundle-path'],
    bundleDigest: inputs['bundle-digest'],
    candidateLabels: section['candidate-labels'] ?? [labels.roadmap],
    // An agent suggestion is taken only once a human approved it: approval puts it on the roadmap and
    // removes needs-approval, and the agent picks it up on its next run. Until then needs-approval keeps it out.
    excludedLabels: [labels.needsApproval, ...stateLabels(labels)],
    priorityLabels: { high: labels.priorityHigh, medium: labels.priorityMedium, low: labels.priorityLow },
    requireSpecApproval: inputs['require-spec-approval'] || section['require-spec-approval'] === true,
    scopeMode,
    protectedPaths,
    maxTurns: minDefined(inputs['max-turns'], section['max-turns']),
    maxIterations: minDefined(inputs['max-iterations'], section['max-iterations']),
    timeoutMs: inputs['timeout-minutes'] * 60_000,
    maxCostUsdRun: config.maxCostUsd,
    maxCostUsdPerIssue: minDefined(inputs['max-cost-usd-per-issue'], section['max-cost-usd-per-issue']),
    maxPrsPerDay: minDefined(inputs['max-prs-per-day'], section['max-prs-per-day']),
    staleClaimHours: inputs['stale-claim-hours'],
    contextTokens: inputs['context-tokens'],
    claimSettleMs: inputs['claim-settle-ms'],
    testCommand: inputs['test-command'] ?? section['test-command'],
    testNetwork: inputs['test-network'],
    allowUnisolatedTests: inputs['allow-unisolated-tests'],
    installCommand: inputs['install-command'] ?? section['install-command'],
    installTimeoutMs: minDefined(inputs['install-timeout-minutes'], section['install-timeout-minutes']) * 60_000,
    dependencies: dependencySettings(policy, config.configPath),
    size: {
      maxFiles: section['max-files'] ?? DEFAULT_SIZE.maxFiles,
      maxFileBytes: section['max-file-bytes'] ?? DEFAULT_SIZE.maxFileBytes,
      maxTotalBytes: section['max-total-bytes'] ?? DEFAULT_SIZE.maxTotalBytes,
    },
  };
}
