import { readCommonConfig, type CommonConfig, type Policy } from '../core/config.js';
import { createGitHubClient, type GitHub } from '../core/github.js';
import { envInputReader, type InputReader } from '../core/inputs.js';
import { resolveLabelNames, type LabelNames } from '../core/labels.js';
import { loadPolicy } from '../core/policy-file.js';
import { readRunContext, type RunContext } from '../core/runtime.js';

/** Everything an action needs before its own work: inputs, runner context, GitHub client, policy, labels. */
export interface Prepared {
  read: InputReader;
  config: CommonConfig;
  context: RunContext;
  gh: GitHub;
  policy: Policy;
  defaultBranch: string;
  labels: LabelNames;
}

export async function prepare(env: NodeJS.ProcessEnv = process.env, log: (message: string) => void = () => undefined): Promise<Prepared> {
  const read = envInputReader(env);
  const config = readCommonConfig(read);
  const context = readRunContext(env);
  const gh = createGitHubClient({ token: config.githubToken, baseUrl: context.apiUrl, log });
  const { policy, defaultBranch } = await loadPolicy(gh, context.repo, config.configPath);
  return { read, config, context, gh, policy, defaultBranch, labels: resolveLabelNames(policy.labels ?? {}) };
}
