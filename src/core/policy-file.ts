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

/** Reads the policy: `loadPolicy`, or a reader that gets it together with other reads in one request. */
export type PolicyLoader = (gh: GitHub, repo: RepoRef, configPath: string, parse: PolicyParser) => Promise<LoadedPolicy>;

/**
 * The same read as GraphQL fields of `repository` (the query declares `$policyPath: String!`): the default branch
 * and the file at its tip, so a query that needs other fields of the repository reads the policy with no request
 * of its own. Still the default branch only, never a pull request head.
 */
export const POLICY_FIELDS = `defaultBranchRef {
      name
      target { ... on Commit { file(path: $policyPath) { mode type object { ... on Blob { text isBinary isTruncated } } } } }
    }`;

export interface PolicyFieldsAnswer {
  defaultBranchRef: {
    name: string;
    target: {
      file?: { mode: number; type: string; object: { text?: string | null; isBinary?: boolean | null; isTruncated?: boolean } | null } | null;
    } | null;
  } | null;
}

/** git's mode of a symbolic link (120000), as GraphQL gives modes: in decimal. */
const SYMLINK_MODE = 0o120000;

/**
 * The policy from POLICY_FIELDS' answer, or null when only `loadPolicy` can tell what it would say: an empty
 * repository (no default branch tip), a symbolic link (the contents API follows it), a blob GraphQL gives no
 * text for (binary or truncated).
 */
export function policyFromFields(answer: PolicyFieldsAnswer, configPath: string, parse: PolicyParser = parseTopLevel): LoadedPolicy | null {
  const branch = answer.defaultBranchRef;
  if (!branch?.target) return null;
  const defaultBranch = branch.name;
  const file = branch.target.file;
  if (!file) return { policy: {}, defaultBranch, found: false };
  if (file.mode === SYMLINK_MODE) return null;
  if (file.type !== 'blob') throw new ConfigurationError(`${configPath} on ${defaultBranch} is not a file`);
  const text = file.object?.text;
  if (typeof text !== 'string' || file.object?.isBinary || file.object?.isTruncated) return null;
  return { policy: parse(text, configPath, `${configPath} on ${defaultBranch}`), defaultBranch, found: true };
}
