import { minimatch } from 'minimatch';
import { gitHubStatus } from '../core/github-errors.js';
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';

/** `ok`: as the loop needs it. `change`: the loop breaks until it is changed. `note`: works, but worth knowing. `unknown`: not readable with this token. */
export type SettingLevel = 'ok' | 'change' | 'note' | 'unknown';

export interface SettingFinding {
  level: SettingLevel;
  /** What was found, one line. */
  what: string;
  /** What to change and where (the settings path and its URL). */
  fix?: string;
}

export interface SettingsCheckOptions {
  /** The web address of GitHub (https://github.com, or a GitHub Enterprise Server host), for settings links. */
  webUrl: string;
  /** A branch name as the agent makes them, to read the rules that apply to agent branches. */
  agentBranch: string;
  /** The CI workflow the template dispatches, if any: required checks come from it. */
  ciWorkflow?: string;
  /** The repository the templates call the reusable workflows and actions from ("owner/name"). */
  productRepository: string;
}

interface Rule {
  type: string;
  parameters?: Record<string, unknown>;
  ruleset_id?: number;
}

/** Rule types that stop the bot from creating or pushing an agent branch. */
const BLOCKS_AGENT_BRANCH: Record<string, string> = {
  creation: 'forbids creating',
  update: 'forbids pushing to',
  pull_request: 'requires a pull request to push to',
  required_status_checks: 'requires passing checks before pushing to',
};

/**
 * Reads the repository settings the loop depends on, as far as the token may: the default branch, whether
 * Actions may create pull requests, and the branch rules on the default branch and on agent branches. Each
 * finding says what to change and where. Only reads; nothing is changed.
 */
export async function checkRepositorySettings(gh: GitHub, repo: RepoRef, options: SettingsCheckOptions): Promise<SettingFinding[]> {
  const base = `${options.webUrl.replace(/\/$/, '')}/${repo.owner}/${repo.repo}`;
  const findings: SettingFinding[] = [];
  const { data: repository } = await gh.request('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.repo });
  const defaultBranch = repository.default_branch;
  findings.push({ level: 'ok', what: `default branch is ${defaultBranch}: agent pull requests target it` });
  findings.push(await workflowPermissionsFinding(gh, repo, base));
  findings.push(await allowedActionsFinding(gh, repo, base, options.productRepository));
  findings.push(...defaultBranchFindings(await branchRules(gh, repo, defaultBranch), defaultBranch, base, options.ciWorkflow));
  findings.push(...agentBranchFindings(await branchRules(gh, repo, options.agentBranch), options.agentBranch, base));
  return findings;
}

async function workflowPermissionsFinding(gh: GitHub, repo: RepoRef, base: string): Promise<SettingFinding> {
  const where = `Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests" (${base}/settings/actions)`;
  try {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/actions/permissions/workflow', { owner: repo.owner, repo: repo.repo });
    if (data.can_approve_pull_request_reviews) return { level: 'ok', what: 'GitHub Actions may create pull requests' };
    return { level: 'change', what: 'GitHub Actions may not create pull requests: the agent cannot open its pull request', fix: `tick ${where}` };
  } catch (error) {
    const status = gitHubStatus(error);
    if (status !== 403 && status !== 404) throw error;
    return {
      level: 'unknown',
      what: 'could not read the Actions workflow permissions (that needs admin access to the repository)',
      fix: `check by hand: ${where} must be ticked`,
    };
  }
}

/**
 * Whether an allowed-actions pattern admits every ref of `name` (`owner/repo/path`): `owner/*` and `owner/repo/*`
 * admit everything below them, other globs match the whole name; a pattern pinned to one ref (`@v1`) does not count.
 */
export function patternAllows(pattern: string, name: string): boolean {
  const [namePattern = '', ref] = pattern.trim().split('@');
  if (ref !== undefined && ref !== '*') return false;
  if (!namePattern.endsWith('/*')) return minimatch(name, namePattern);
  const prefix = namePattern.slice(0, -2);
  const parts = name.split('/');
  const depth = prefix.split('/').length;
  return parts.length > depth && minimatch(parts.slice(0, depth).join('/'), prefix);
}

/**
 * Settings → Actions → General → Actions permissions: the templates run this product's reusable workflows and
 * actions (and GitHub's own actions, such as actions/checkout, inside them), so the policy must allow both.
 */
async function allowedActionsFinding(gh: GitHub, repo: RepoRef, base: string, product: string): Promise<SettingFinding> {
  const where = `Settings → Actions → General → Actions permissions (${base}/settings/actions)`;
  const names = [`${product}/.github/workflows/agentic-implement.yml`, `${product}/actions/implement`];
  try {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/actions/permissions', { owner: repo.owner, repo: repo.repo });
    if (!data.enabled) return { level: 'change', what: 'GitHub Actions is disabled for this repository: no workflow runs', fix: `allow actions in ${where}` };
    if (data.allowed_actions === 'all') return { level: 'ok', what: `every action may run, ${product}'s included` };
    if (data.allowed_actions === 'local_only') {
      return {
        level: 'change',
        what: `only actions and reusable workflows of ${repo.owner} may run: ${product}'s are refused`,
        fix: `choose "Allow ${repo.owner}, and select non-${repo.owner}, actions and reusable workflows" in ${where}, tick "Allow actions created by GitHub" and add ${product}/*`,
      };
    }
    const { data: selected } = await gh.request('GET /repos/{owner}/{repo}/actions/permissions/selected-actions', { owner: repo.owner, repo: repo.repo });
    const missing = [
      ...(names.every((name) => (selected.patterns_allowed ?? []).some((pattern) => patternAllows(pattern, name))) ? [] : [`${product}/*`]),
      ...(selected.github_owned_allowed ? [] : ['"Allow actions created by GitHub" (actions/checkout and the others the workflows use)']),
    ];
    if (missing.length === 0) return { level: 'ok', what: `the allowed actions include ${product}'s and GitHub's` };
    return {
      level: 'change',
      what: `the allowed actions refuse what the templates run: ${missing.join(' and ')} not allowed`,
      fix: `add ${missing.join(' and tick ')} in ${where}`,
    };
  } catch (error) {
    const status = gitHubStatus(error);
    if (status !== 403 && status !== 404) throw error;
    return {
      level: 'unknown',
      what: 'could not read which actions may run (that needs admin access to the repository)',
      fix: `check by hand: ${where} must allow ${product}/* and actions created by GitHub`,
    };
  }
}

async function branchRules(gh: GitHub, repo: RepoRef, branch: string): Promise<Rule[]> {
  return (await gh.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner: repo.owner, repo: repo.repo, branch, per_page: 100 })) as Rule[];
}

function rulesetLink(base: string, rule: Rule): string {
  return rule.ruleset_id === undefined
    ? `Settings → Rules → Rulesets (${base}/settings/rules)`
    : `Settings → Rules → Rulesets (${base}/settings/rules/${rule.ruleset_id})`;
}

function defaultBranchFindings(rules: Rule[], branch: string, base: string, ciWorkflow: string | undefined): SettingFinding[] {
  const findings: SettingFinding[] = [];
  for (const rule of rules) {
    if (rule.type === 'pull_request') {
      const approvals = Number(rule.parameters?.['required_approving_review_count'] ?? 0);
      if (approvals > 0) {
        findings.push({
          level: 'note',
          what: `${branch} requires ${approvals} approving review${approvals === 1 ? '' : 's'}: auto-merge merges an agent pull request only after a person approves it`,
          fix: `to let auto-merge merge alone, set "Required approvals" to 0 in ${rulesetLink(base, rule)}`,
        });
      }
    } else if (rule.type === 'required_status_checks') {
      const checks = ((rule.parameters?.['required_status_checks'] as Array<{ context?: string }> | undefined) ?? [])
        .map((check) => check.context)
        .filter(Boolean);
      findings.push(
        ciWorkflow
          ? {
              level: 'ok',
              what: `${branch} requires the checks ${checks.join(', ') || '(none named)'}; the template dispatches ${ciWorkflow} on agent branches to produce them`,
            }
          : {
              level: 'change',
              what: `${branch} requires the checks ${checks.join(', ') || '(none named)'}, but no CI is dispatched on agent branches: their pull requests can never merge`,
              fix: 'give your CI workflow a workflow_dispatch: trigger and set ci-workflow: <its file> in the template',
            },
      );
    } else if (rule.type === 'merge_queue') {
      findings.push({
        level: 'change',
        what: `${branch} uses a merge queue: auto-merge merges directly and GitHub refuses that`,
        fix: `turn off "Require merge queue" in ${rulesetLink(base, rule)}, or set auto-merge: false in the template`,
      });
    }
  }
  if (!rules.some((rule) => rule.type === 'required_status_checks')) {
    findings.push({ level: 'note', what: `${branch} requires no status checks: auto-merge still waits for the checks an agent pull request has` });
  }
  return findings;
}

function agentBranchFindings(rules: Rule[], example: string, base: string): SettingFinding[] {
  const pattern = `${example.split('/')[0] ?? 'automated'}/**`;
  const blocking = rules.filter((rule) => rule.type in BLOCKS_AGENT_BRANCH);
  if (blocking.length === 0) return [{ level: 'ok', what: `no branch rule stops the agent from pushing ${pattern} branches` }];
  return blocking.map((rule) => ({
    level: 'change',
    what: `a ruleset ${BLOCKS_AGENT_BRANCH[rule.type]} ${pattern} branches: the agent cannot push its work`,
    fix: `exclude refs/heads/${pattern} from the ruleset in ${rulesetLink(base, rule)}`,
  }));
}

/** The GitHub web address for an API base URL: api.github.com → github.com, https://host/api/v3 → https://host. */
export function webUrlFor(apiUrl: string): string {
  const url = apiUrl.replace(/\/$/, '');
  if (url === 'https://api.github.com') return 'https://github.com';
  return url.replace(/\/api\/v3$/, '');
}

/** The findings as lines for a terminal. */
export function formatFindings(findings: readonly SettingFinding[]): string[] {
  const lines: string[] = [];
  for (const finding of findings) {
    lines.push(`  ${finding.level.padEnd(8)}${finding.what}`);
    if (finding.fix) lines.push(`  ${''.padEnd(8)}→ ${finding.fix}`);
  }
  return lines;
}
