import { parse as parseYaml } from 'yaml';
import { ConfigurationError, errorMessage } from './errors.js';
import { parsePolicy, type Policy } from './policy.js';
import type { GitHub } from './github.js';
import type { RepoRef } from './repo.js';
import { gitHubStatus } from './github-errors.js';

export interface LoadedPolicy {
  policy: Policy;
  defaultBranch: string;
  /** Whether the file existed; a missing file means every default applies. */
  found: boolean;
}

/**
 * Turns the file's text into the policy, or throws a ConfigurationError naming every problem. `where` names the
 * file for people (".github/agentic.yml on main"). The whole-file check lives above core (src/policy), which
 * knows every section; this default checks only the YAML and the top level.
 */
export type PolicyParser = (text: string, configPath: string, where: string) => Policy;

function parseTopLevel(text: string, configPath: string, where: string): Policy {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(`${where} is not valid YAML: ${errorMessage(error).trimEnd()}`);
  }
  return parsePolicy(value, configPath);
}

/**
 * Reads the policy from the repository's default branch through the API — never from the workspace or a
 * PR head, so a pull request cannot switch its own review off.
 */
export async function loadPolicy(gh: GitHub, repo: RepoRef, configPath: string, parse: PolicyParser = parseTopLevel): Promise<LoadedPolicy> {
  const { data: repository } = await gh.rest.repos.get({ owner: repo.owner, repo: repo.repo });
  const defaultBranch = repository.default_branch;
  let text: string;
  try {
    const { data } = await gh.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path: configPath, ref: defaultBranch });
    if (Array.isArray(data) || data.type !== 'file' || typeof data.content !== 'string') {
      throw new ConfigurationError(`${configPath} on ${defaultBranch} is not a file`);
    }
    text = Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (gitHubStatus(error) === 404) return { policy: {}, defaultBranch, found: false };
    throw error;
  }
  return { policy: parse(text, configPath, `${configPath} on ${defaultBranch}`), defaultBranch, found: true };
}
