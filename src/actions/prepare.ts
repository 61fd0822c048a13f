import type { CommonConfig } from '../core/config.js';
import { createGitHubClient, type GitHub } from '../core/github.js';
import { resolveLabelNames, type LabelNames } from '../core/labels.js';
import type { Policy } from '../core/policy.js';
import { loadPolicy, type PolicyLoader } from '../core/policy-file.js';
import { readRunContext, type RunContext } from '../core/runtime.js';
import { parsePolicyText } from '../policy/validate.js';

/** What every action needs after its inputs are valid: runner context, GitHub client, policy, labels. */
export interface Prepared {
  config: CommonConfig;
  context: RunContext;
  gh: GitHub;
  policy: Policy;
  defaultBranch: string;
  labels: LabelNames;
}

/**
 * `log` receives the GitHub client's rate-limit and retry notices: every entry passes its step log, so a long wait is never silent.
 * `readPolicy` replaces `loadPolicy` for an action that reads the policy together with what it needs next.
 */
export async function prepare(
  config: CommonConfig,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
  readPolicy: PolicyLoader = loadPolicy,
): Promise<Prepared> {
  const context = readRunContext(env);
  const gh = createGitHubClient({ token: config.githubToken, baseUrl: context.apiUrl, log });
  const { policy, defaultBranch } = await readPolicy(gh, context.repo, config.configPath, parsePolicyText);
  return { config, context, gh, policy, defaultBranch, labels: resolveLabelNames(policy.labels ?? {}) };
}
