import { z } from 'zod';
import { CHECK_NAMES } from '../core/contracts.js';
import { ConfigurationError } from '../core/errors.js';
import { DEFAULT_BOT_LOGIN } from '../core/identity.js';
import { policySection, type Policy } from '../core/policy.js';
import { ALWAYS_PROTECTED } from '../core/protected-paths.js';
import type { MergeMethod } from './merge-method.js';

export const DEFAULT_BRANCH_PATTERN = 'automated/*';

/**
 * Paths a merge needs a human for, by default: everything that changes what CI runs or who approves. Workflows,
 * composite actions and CODEOWNERS (in all three places GitHub reads it), CI scripts, build and container
 * files, test-runner and build configuration, and the package managers' settings (registries, install hooks).
 * What runs from inside package.json and lockfiles is compared by content, whatever this list says.
 */
export const DEFAULT_REQUIRE_HUMAN_PATHS: readonly string[] = [
  '.github/**',
  '**/action.yml',
  '**/action.yaml',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.ci/**',
  '**/Makefile',
  '**/GNUmakefile',
  '**/*.mk',
  '**/Dockerfile*',
  '**/*.dockerfile',
  '**/Containerfile*',
  'scripts/**',
  '**/{jest,vitest,playwright,karma,babel,webpack,vite,rollup}.config.*',
  '**/vitest.workspace.*',
  '**/karma.conf.*',
  '**/.babelrc*',
  '**/tsconfig*.json',
  '**/pytest.ini',
  '**/tox.ini',
  '**/setup.cfg',
  '**/noxfile.py',
  '**/conftest.py',
  '**/.npmrc',
  '**/.yarnrc*',
  '**/.pnpmfile.cjs',
  '**/.husky/**',
];

/**
 * Never left to the policy: a workflow change runs with the repository's secrets on the next event, so no
 * setting lets the agent merge one. The policy file itself is added at run time (its path is an input).
 */
export const ALWAYS_HUMAN_PATHS: readonly string[] = ALWAYS_PROTECTED;

/** Manifests and lockfiles: a human must merge them when a review reports new dependencies. */
export const DEFAULT_DEPENDENCY_MANIFESTS: readonly string[] = [
  '**/package.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lock',
  '**/bun.lockb',
  '**/requirements*.txt',
  '**/Pipfile',
  '**/Pipfile.lock',
  '**/pyproject.toml',
  '**/poetry.lock',
  '**/uv.lock',
  '**/setup.py',
  '**/setup.cfg',
  '**/go.mod',
  '**/go.sum',
  '**/Cargo.toml',
  '**/Cargo.lock',
  '**/Gemfile',
  '**/Gemfile.lock',
  '**/*.gemspec',
  '**/composer.json',
  '**/composer.lock',
  '**/pom.xml',
  '**/build.gradle',
  '**/build.gradle.kts',
  '**/gradle.lockfile',
  '**/*.csproj',
  '**/packages.lock.json',
  '**/Package.swift',
  '**/Package.resolved',
];

/**
 * Workflow files whose runs may write review results, as `agentic init` installs them: the whole loop in one
 * file, or the review workflow, and the implement and janitor workflows that chain the reviews for the pull
 * requests they open (a reusable workflow's results belong to the caller's run, so its file is the one named).
 */
export const DEFAULT_REVIEW_WORKFLOWS: readonly string[] = [
  '.github/workflows/agentic.yml',
  '.github/workflows/agentic-review.yml',
  '.github/workflows/agentic-implement.yml',
  '.github/workflows/agentic-janitor.yml',
];

/** The `auto-merge:` section of .github/agentic.yml. Every key is optional; the defaults are above. */
export const autoMergePolicySchema = z
  .object({
    'branch-pattern': z.string().min(1).optional(),
    // No green by omission: at least one check must have run.
    'min-checks': z.number().int().min(1).optional(),
    'required-approvals': z.number().int().min(0).optional(),
    'require-human-paths': z.array(z.string().min(1)).optional(),
    'dependency-manifests': z.array(z.string().min(1)).optional(),
    'review-checks': z.array(z.string().min(1)).min(1).optional(),
    /** Check names that must have passed on the head, besides those the base branch's rulesets require. */
    'required-checks': z.array(z.string().min(1)).optional(),
    /** Slug of the GitHub App whose check runs carry the review results (default: the bot's app). */
    'review-app': z.string().min(1).optional(),
    /** Id of the GitHub App the reviews run as: its check runs are the results, and no workflow run is read. */
    'review-app-id': z.number().int().positive().optional(),
    /** Workflow files (from the repository root) whose runs on the default branch may write review results. */
    'review-workflows': z
      .array(z.string().regex(/^\.github\/workflows\/[^/]+\.ya?ml$/, 'a path like .github/workflows/<name>.yml'))
      .min(1)
      .optional(),
  })
  .strict();

export type AutoMergePolicy = z.infer<typeof autoMergePolicySchema>;

/** What the workflow asks of this run (the action's inputs, parsed): run parameters, and rules it may only tighten. */
export interface AutoMergeInputs {
  'pull-request-number': number | undefined;
  'merge-method': MergeMethod;
  'bot-login': string | undefined;
  'branch-pattern': string | undefined;
  'min-checks': number | undefined;
  'required-approvals': number | undefined;
  'require-human-paths': string[];
  'review-checks': string[];
}

export interface MergeSettings {
  /** The head branch must match every one (the policy's, and the input's when given). */
  branchPatterns: string[];
  minChecks: number;
  requiredChecks: string[];
  requiredApprovals: number;
  requireHumanPaths: string[];
  dependencyManifests: string[];
  reviewChecks: string[];
  reviewApp: string;
  reviewAppId: number | undefined;
  reviewWorkflows: string[];
  botLogin: string;
  mergeMethod: MergeMethod;
}

function union(...lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}

/** github-actions[bot] → github-actions: the app behind a bot account. A machine user has no app. */
export function appSlugFor(botLogin: string): string {
  const match = /^(.+)\[bot\]$/.exec(botLogin);
  return match?.[1] ?? 'github-actions';
}

/**
 * Pure: the settings of this run. The policy (read from the default branch) is the floor; inputs come from the
 * workflow file, which a pull request can change for its own runs, so they may only tighten: a higher
 * `min-checks` or `required-approvals`, more paths and review checks, a second branch pattern to match as well.
 */
export function resolveMergeSettings(section: AutoMergePolicy, policy: Policy, inputs: AutoMergeInputs, configPath: string): MergeSettings {
  const policyBot = policy.bot?.login;
  const inputBot = inputs['bot-login'];
  if (policyBot && inputBot && policyBot.toLowerCase() !== inputBot.toLowerCase()) {
    throw new ConfigurationError(
      `input 'bot-login' is "${inputBot}"; expected "${policyBot}" (bot.login in ${configPath}) or empty: the policy on the default branch decides who the bot is`,
    );
  }
  const botLogin = policyBot ?? inputBot ?? DEFAULT_BOT_LOGIN;
  const branchPatterns = [section['branch-pattern'] ?? DEFAULT_BRANCH_PATTERN];
  const inputPattern = inputs['branch-pattern'];
  if (inputPattern && !branchPatterns.includes(inputPattern)) branchPatterns.push(inputPattern);
  return {
    branchPatterns,
    minChecks: Math.max(section['min-checks'] ?? 1, inputs['min-checks'] ?? 1),
    requiredChecks: section['required-checks'] ?? [],
    requiredApprovals: Math.max(section['required-approvals'] ?? 0, inputs['required-approvals'] ?? 0),
    requireHumanPaths: union(
      section['require-human-paths'] ?? DEFAULT_REQUIRE_HUMAN_PATHS,
      ALWAYS_HUMAN_PATHS,
      [configPath],
      inputs['require-human-paths'],
      policy['protected-paths'] ?? [],
    ),
    dependencyManifests: section['dependency-manifests'] ?? [...DEFAULT_DEPENDENCY_MANIFESTS],
    reviewChecks: union(section['review-checks'] ?? [CHECK_NAMES.ctoReview, CHECK_NAMES.cisoReview], inputs['review-checks']),
    reviewApp: section['review-app'] ?? appSlugFor(botLogin),
    // Policy only: a workflow file (which a pull request can change for its own runs) never says which runs count.
    reviewAppId: section['review-app-id'],
    reviewWorkflows: section['review-workflows'] ?? [...DEFAULT_REVIEW_WORKFLOWS],
    botLogin,
    mergeMethod: inputs['merge-method'],
  };
}

/** Reads and validates the `auto-merge:` policy section, then applies the inputs. */
export function mergeSettingsFrom(policy: Policy, inputs: AutoMergeInputs, configPath: string): MergeSettings {
  const section = policySection(policy, 'auto-merge', autoMergePolicySchema, configPath);
  return resolveMergeSettings(section, policy, inputs, configPath);
}

/** Checks named like this are the agents' own: they never count as evidence that the code works. */
export const AGENT_CHECK_PREFIX = 'agentic/';
