import { minimatch } from 'minimatch';
import { ApiError } from '../http/api-error.js';
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
    // Administration: read, like the workflow permissions above.
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/permissions',
    scope: 'administration',
    role: 'admin',
    handle: (request) => {
      const { actionsPermissions: actions } = request.state.settings;
      const base = `${request.context.urls.repoApi}/actions/permissions`;
      return json(200, {
        enabled: actions.enabled,
        ...(actions.enabled ? { allowed_actions: actions.allowedActions } : {}),
        ...(actions.enabled && actions.allowedActions === 'selected' ? { selected_actions_url: `${base}/selected-actions` } : {}),
      });
    },
  },
  {
    // GitHub answers 409 when the repository's policy is not `selected`.
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/permissions/selected-actions',
    scope: 'administration',
    role: 'admin',
    handle: (request) => {
      const { actionsPermissions: actions } = request.state.settings;
      if (!actions.enabled || actions.allowedActions !== 'selected') {
        return json(409, { message: 'Conflict: the allowed actions policy is not set to selected actions', documentation_url: 'https://docs.github.com/rest' });
      }
      return json(200, {
        github_owned_allowed: actions.githubOwnedAllowed,
        verified_allowed: actions.verifiedAllowed,
        patterns_allowed: actions.patternsAllowed,
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
  {
    // Classic branch protection. Administration: read, which GITHUB_TOKEN cannot hold: in a workflow this answers 403.
    method: 'GET',
    path: '/repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks',
    scope: 'administration',
    role: 'admin',
    handle: (request) => {
      const branch = request.params['branch'] ?? '';
      const protection = request.state.branchProtections.get(branch);
      if (!protection) throw new ApiError(404, 'Branch not protected');
      const required = protection.requiredStatusChecks;
      if (!required) throw new ApiError(404, 'Required status checks not enabled');
      const url = `${request.context.urls.repoApi}/branches/${encodeURIComponent(branch)}/protection/required_status_checks`;
      return json(200, {
        url,
        strict: required.strict,
        contexts: required.checks.map((check) => check.context),
        checks: required.checks.map((check) => ({ context: check.context, app_id: check.appId })),
        contexts_url: `${url}/contexts`,
      });
    },
  },
];
