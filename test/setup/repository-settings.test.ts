import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { checkRepositorySettings, patternAllows, webUrlFor } from '../../src/setup/repository-settings.js';

const repo = { owner: 'acme', repo: 'shop' };
const options = { webUrl: 'https://github.com', agentBranch: 'automated/1-example', productRepository: 'agentic-workflow/agentic-workflow' };
let gh: GitHubEmulator;

beforeEach(async () => {
  gh = await startGitHubEmulator({ ...repo, defaultBranch: 'trunk' });
});
afterEach(async () => {
  await gh.close();
});

const asOwner = () => createGitHubClient({ token: gh.tokenFor('acme'), baseUrl: gh.apiUrl });

describe('checking the repository settings the loop needs', () => {
  it('finds nothing to change on a repository set up for the loop (control)', async () => {
    const findings = await checkRepositorySettings(asOwner(), repo, { ...options, ciWorkflow: 'ci.yml' });
    expect(findings.filter((finding) => finding.level === 'change')).toEqual([]);
    expect(findings[0]?.what).toContain('default branch is trunk');
    expect(findings.map((finding) => finding.what)).toContain('GitHub Actions may create pull requests');
  });

  it("says when the allowed actions refuse the product's workflows and actions, and what to add", async () => {
    const allowed = (findings: Awaited<ReturnType<typeof checkRepositorySettings>>) =>
      findings.find((finding) => /actions/i.test(finding.what) && /allow|refuse|disabled|may run/.test(finding.what));
    const set = (actionsPermissions: Partial<import('../../src/emulators/github/state/records.js').ActionsPermissions>) =>
      gh.state.setRepoSettings({
        actionsPermissions: {
          enabled: true,
          allowedActions: 'selected',
          githubOwnedAllowed: true,
          verifiedAllowed: false,
          patternsAllowed: [],
          ...actionsPermissions,
        },
      });
    expect((await checkRepositorySettings(asOwner(), repo, options)).map((finding) => finding.what)).toContain(
      "every action may run, agentic-workflow/agentic-workflow's included",
    );

    set({ allowedActions: 'local_only' });
    expect(allowed(await checkRepositorySettings(asOwner(), repo, options))).toEqual({
      level: 'change',
      what: "only actions and reusable workflows of acme may run: agentic-workflow/agentic-workflow's are refused",
      fix: 'choose "Allow acme, and select non-acme, actions and reusable workflows" in Settings → Actions → General → Actions permissions (https://github.com/acme/shop/settings/actions), tick "Allow actions created by GitHub" and add agentic-workflow/agentic-workflow/*',
    });

    set({ patternsAllowed: ['octo/*'], githubOwnedAllowed: false });
    const refused = allowed(await checkRepositorySettings(asOwner(), repo, options));
    expect(refused?.level).toBe('change');
    expect(refused?.what).toBe(
      'the allowed actions refuse what the templates run: agentic-workflow/agentic-workflow/* and "Allow actions created by GitHub" (actions/checkout and the others the workflows use) not allowed',
    );

    set({ patternsAllowed: ['agentic-workflow/*'] });
    expect(allowed(await checkRepositorySettings(asOwner(), repo, options))).toEqual({
      level: 'ok',
      what: "the allowed actions include agentic-workflow/agentic-workflow's and GitHub's",
    });

    set({ enabled: false });
    expect(allowed(await checkRepositorySettings(asOwner(), repo, options))?.what).toBe('GitHub Actions is disabled for this repository: no workflow runs');
  });

  it('reads allowed-action patterns as GitHub does: owner and repository wildcards, globs, and a pattern pinned to one ref does not count', () => {
    const implement = 'agentic-workflow/agentic-workflow/actions/implement';
    expect(patternAllows('agentic-workflow/*', implement)).toBe(true);
    expect(patternAllows('agentic-workflow/agentic-workflow/*', implement)).toBe(true);
    expect(patternAllows('agentic-workflow/agentic-workflow/actions/*@*', implement)).toBe(true);
    expect(patternAllows('agentic-*/*', implement)).toBe(true);
    expect(patternAllows('agentic-workflow/agentic-workflow/actions/implement@v1', implement)).toBe(false);
    expect(patternAllows('octo/*', implement)).toBe(false);
    expect(patternAllows('agentic-workflow/other/*', implement)).toBe(false);
  });

  it('says to allow Actions to create pull requests, with the settings path and its address', async () => {
    gh.state.setRepoSettings({ workflowPermissions: { defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false } });
    const findings = await checkRepositorySettings(asOwner(), repo, options);
    expect(findings).toContainEqual({
      level: 'change',
      what: 'GitHub Actions may not create pull requests: the agent cannot open its pull request',
      fix: 'tick Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests" (https://github.com/acme/shop/settings/actions)',
    });
  });

  it('says it cannot read the Actions permissions with a token that is not an admin, and what to check by hand', async () => {
    gh.state.addUser({ login: 'dev' });
    gh.state.setPermission('dev', 'write');
    const findings = await checkRepositorySettings(createGitHubClient({ token: gh.tokenFor('dev'), baseUrl: gh.apiUrl }), repo, options);
    expect(findings.find((finding) => finding.level === 'unknown')?.fix).toMatch(/check by hand: Settings → Actions → General → Workflow permissions/);
    expect(findings).toContainEqual({
      level: 'unknown',
      what: 'could not read which actions may run (that needs admin access to the repository)',
      fix: 'check by hand: Settings → Actions → General → Actions permissions (https://github.com/acme/shop/settings/actions) must allow agentic-workflow/agentic-workflow/* and actions created by GitHub',
    });
  });

  it('reads the branch rules: required checks without dispatched CI, approvals, and a ruleset that blocks agent branches', async () => {
    const checks = gh.state.addRuleset({
      name: 'protect',
      rules: [
        { type: 'required_status_checks', parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: 'test' }] } },
        { type: 'pull_request', parameters: { required_approving_review_count: 2 } },
      ],
    });
    const everything = gh.state.addRuleset({ name: 'all branches', include: ['~ALL'], rules: [{ type: 'creation' }] });
    const findings = await checkRepositorySettings(asOwner(), repo, options);
    expect(findings).toContainEqual(
      expect.objectContaining({ level: 'change', what: expect.stringContaining('trunk requires the checks test, but no CI is dispatched') }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        level: 'note',
        what: expect.stringContaining('requires 2 approving reviews'),
        fix: expect.stringContaining(`/settings/rules/${checks.id}`),
      }),
    );
    expect(findings).toContainEqual({
      level: 'change',
      what: 'a ruleset forbids creating automated/** branches: the agent cannot push its work',
      fix: `exclude refs/heads/automated/** from the ruleset in Settings → Rules → Rulesets (https://github.com/acme/shop/settings/rules/${everything.id})`,
    });
  });

  it('links to the web host of GitHub Enterprise Server', () => {
    expect(webUrlFor('https://api.github.com/')).toBe('https://github.com');
    expect(webUrlFor('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com');
  });
});
