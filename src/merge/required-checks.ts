/**
 * The repository's required status checks for the base branch: the `required_status_checks` rules of the rulesets
 * that target it (`GET /repos/{owner}/{repo}/rules/branches/{branch}`, readable with the default token), one
 * request; and classic branch protection's required checks
 * (`GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks`), one request, readable only
 * with administration access, which GITHUB_TOKEN cannot hold: then the summary says so, and such checks belong
 * in `required-checks` in the policy.
 */
import { errorMessage } from '../core/errors.js';
import type { GitHub } from '../core/github.js';
import { gitHubStatus } from '../core/github-errors.js';
import { isRecord } from '../core/is-record.js';
import type { RepoRef } from '../core/repo.js';
import type { RequiredCheck } from './facts.js';

const PER_PAGE = 100;

function requiredOf(rule: unknown): RequiredCheck[] {
  if (!isRecord(rule) || rule.type !== 'required_status_checks' || !isRecord(rule.parameters)) return [];
  const listed = rule.parameters.required_status_checks;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((item): RequiredCheck[] => {
    if (!isRecord(item) || typeof item.context !== 'string') return [];
    return [{ context: item.context, appId: typeof item.integration_id === 'number' ? item.integration_id : null, source: 'ruleset' }];
  });
}

/** The required checks of the rulesets on `branch`, or why they could not be read. */
export async function readRulesetChecks(gh: GitHub, repo: RepoRef, branch: string): Promise<{ checks: RequiredCheck[]; unreadable: string | null }> {
  try {
    const rules = await gh.paginate(gh.rest.repos.getBranchRules, { owner: repo.owner, repo: repo.repo, branch, per_page: PER_PAGE });
    return { checks: rules.flatMap(requiredOf), unreadable: null };
  } catch (error) {
    const status = gitHubStatus(error);
    if (status === 403 || status === 404) return { checks: [], unreadable: `the rules of ${branch} could not be read (${errorMessage(error)})` };
    throw error;
  }
}

function protectionCheck(item: unknown): RequiredCheck[] {
  if (!isRecord(item) || typeof item.context !== 'string') return [];
  return [{ context: item.context, appId: typeof item.app_id === 'number' ? item.app_id : null, source: 'protection' }];
}

/** The required checks of classic branch protection on `branch`, or why they could not be read. */
export async function readProtectionChecks(gh: GitHub, repo: RepoRef, branch: string): Promise<{ checks: RequiredCheck[]; unreadable: string | null }> {
  try {
    const { data } = await gh.rest.repos.getStatusChecksProtection({ owner: repo.owner, repo: repo.repo, branch });
    const checks = Array.isArray(data.checks) ? data.checks.flatMap(protectionCheck) : [];
    // `contexts` is the older list; a context it names without an entry in `checks` accepts any app.
    const named = new Set(checks.map((check) => check.context));
    const legacy = (data.contexts ?? [])
      .filter((context) => !named.has(context))
      .map((context): RequiredCheck => ({ context, appId: null, source: 'protection' }));
    return { checks: [...checks, ...legacy], unreadable: null };
  } catch (error) {
    const status = gitHubStatus(error);
    if (status === 403)
      return {
        checks: [],
        unreadable: `classic branch protection of ${branch} could not be read (the token lacks administration: read; GITHUB_TOKEN cannot have it)`,
      };
    // 404: the branch is not protected, or protects it without required checks: nothing to require.
    if (status === 404) return { checks: [], unreadable: null };
    throw error;
  }
}
