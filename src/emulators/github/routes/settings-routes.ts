import { minimatch } from 'minimatch';
import { paginate } from '../http/pagination.js';
import { json, type Route } from '../http/route.js';
import type { RepositoryState } from '../state/repository-state.js';
import type { RulesetRecord } from '../state/records.js';

/** Whether one of a ruleset's ref patterns names the branch, as GitHub reads `~DEFAULT_BRANCH`, `~ALL` and fnmatch globs. */
function patternMatches(pattern: string, branch: string, defaultBranch: string): boolean {
  if (pattern === '~ALL') return true;
  if (pattern === '~DEFAULT_BRANCH') return branch === defaultBranch;
  const glob = pattern.startsWith('refs/heads/') ? pattern.slice('refs/heads/'.length) : pattern;
  return minimatch(branch, glob, { dot: true });
}

/** Active rulesets that target a branch; the branch need not exist. */
export function rulesetsFor(state: RepositoryState, branch: string): RulesetRecord[] {
  const defaultBranch = state.repo.defaultBranch;
  return [...state.rulesets.values()].filter(
    (ruleset) =>
      ruleset.enforcement === 'active' &&
      ruleset.include.some((pattern) => patternMatches(pattern, branch, defaultBranch)) &&
      !ruleset.exclude.some((pattern) => patternMatches(pattern, branch, defaultBranch)),
  );
}

export const settingsRoutes: Route[] = [
  {
    // Administration: read. GITHUB_TOKEN cannot hold it, so in a workflow this answers 403.
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/permissions/workflow',
    scope: 'administration',
    role: 'admin',
    handle: (request) => {
      const { workflowPermissions } = request.state.settings;
      return json(200, {
        default_workflow_permissions: workflowPermissions.defaultWorkflowPermissions,
        can_approve_pull_request_reviews: workflowPermissions.canApprovePullRequestReviews,
      });
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/rules/branches/{branch}',
    scope: 'metadata',
    role: 'read',
    handle: (request) => {
      const { state } = request;
      const source = `${state.repo.owner}/${state.repo.name}`;
      const rules = rulesetsFor(state, request.params['branch'] ?? '').flatMap((ruleset) =>
        ruleset.rules.map((rule) => ({
          type: rule.type,
          ...(rule.parameters ? { parameters: rule.parameters } : {}),
          ruleset_source_type: 'Repository',
          ruleset_source: source,
          ruleset_id: ruleset.id,
        })),
      );
      const page = paginate(request, rules);
      return json(200, page.items, page.headers);
    },
  },
];
