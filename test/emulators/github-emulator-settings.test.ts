import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const r = { owner: 'acme', repo: 'widgets' };
let gh: GitHubEmulator;

beforeEach(async () => {
  gh = await startGitHubEmulator(r);
  gh.state.commitFiles('automated/3-x', { 'x.ts': 'export {};\n' }, { author: 'github-actions[bot]', message: 'x' });
});

afterEach(async () => {
  await gh.close();
});

describe('repository settings in the GitHub emulator', () => {
  it('refuses a pull request from GITHUB_TOKEN when Actions may not create pull requests, and allows a person', async () => {
    gh.state.setRepoSettings({ workflowPermissions: { defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false } });
    const bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
    await expect(bot.rest.pulls.create({ ...r, title: 'x', head: 'automated/3-x', base: 'main' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('GitHub Actions is not permitted to create or approve pull requests'),
    });
    const owner = getOctokit(gh.tokenFor('acme'), { baseUrl: gh.apiUrl });
    expect((await owner.rest.pulls.create({ ...r, title: 'x', head: 'automated/3-x', base: 'main' })).status).toBe(201);
  });

  it('allows the same pull request once the setting is on (control)', async () => {
    const bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
    expect((await bot.rest.pulls.create({ ...r, title: 'x', head: 'automated/3-x', base: 'main' })).status).toBe(201);
  });

  it('lists the rules of active rulesets whose patterns name the branch, even one that does not exist', async () => {
    gh.state.addRuleset({ name: 'agents', include: ['refs/heads/automated/**'], rules: [{ type: 'creation' }] });
    gh.state.addRuleset({ name: 'off', include: ['~ALL'], enforcement: 'disabled', rules: [{ type: 'update' }] });
    const bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
    const agent = await bot.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...r, branch: 'automated/99-not-yet' });
    expect(agent.data).toEqual([{ type: 'creation', ruleset_source_type: 'Repository', ruleset_source: 'acme/widgets', ruleset_id: expect.any(Number) }]);
    expect((await bot.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...r, branch: 'main' })).data).toEqual([]);
  });
});
