import { describe, expect } from 'vitest';
import { mergeCalls, runAutoMerge, seedAgentPull, test } from '../merge/scenario.js';

// On the bundled action: the base branch's ruleset decides which checks must pass, read with the default token.

const REQUIRE_BUILD = {
  type: 'required_status_checks',
  parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: 'ci / build' }] },
};

describe.concurrent('bundled auto-merge reads the required checks of the base branch’s rulesets', { timeout: 120_000 }, () => {
  test('refuses a head without the ruleset’s required check', async ({ gh }) => {
    gh.state.addRuleset({ name: 'main', rules: [REQUIRE_BUILD] });
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(run.outputs.reason).toMatch(/^checks: 1 required check did not run on head [0-9a-f]{7}: `ci \/ build` \(required by a ruleset\)$/);
    expect(mergeCalls(gh)).toBe(0);
    expect(gh.countRequests({ method: 'GET', path: /\/rules\/branches\/main$/ })).toBe(1);
  });

  test('control: merges once the required check passed, and the summary names it', async ({ gh }) => {
    gh.state.addRuleset({ name: 'main', rules: [REQUIRE_BUILD] });
    const pull = seedAgentPull(gh);
    gh.state.addCheckRun({ head_sha: pull.head, name: 'ci / build', conclusion: 'success', app: 'ci-app[bot]' });
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'true', status: 'merged' });
    expect(run.summary).toContain('required: `ci / build` (required by a ruleset)');
  });

  test('without rulesets the summary says plainly that CI is not enforced by the repository', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'true' });
    expect(run.summary).toContain('CI is not enforced by the repository');
  });
});

describe.concurrent('bundled auto-merge reads classic branch protection where the token can', { timeout: 120_000 }, () => {
  // A maintainer's token (administration: read comes with admin access); GITHUB_TOKEN can never hold it.
  const withAdministration = (gh: Parameters<typeof seedAgentPull>[0]) => gh.tokenFor('acme');

  test('refuses a head without the required check of classic branch protection', async ({ gh }) => {
    gh.state.protectBranch('main', { requiredChecks: ['ci / test'] });
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number, 'github-token': withAdministration(gh) } });
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(run.outputs.reason).toMatch(/^checks: 1 required check did not run on head [0-9a-f]{7}: `ci \/ test` \(required by branch protection\)$/);
    expect(mergeCalls(gh)).toBe(0);
    expect(gh.countRequests({ method: 'GET', path: /\/branches\/main\/protection\/required_status_checks$/ })).toBe(1);
  });

  test('control: merges once that check passed', async ({ gh }) => {
    gh.state.protectBranch('main', { requiredChecks: ['ci / test'] });
    const pull = seedAgentPull(gh);
    gh.state.addCheckRun({ head_sha: pull.head, name: 'ci / test', conclusion: 'success', app: 'ci-app[bot]' });
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number, 'github-token': withAdministration(gh) } });
    expect(run.outputs).toMatchObject({ merged: 'true', status: 'merged' });
    expect(run.summary).toContain('required: `ci / test` (required by branch protection)');
  });

  test('with GITHUB_TOKEN the protection is not readable: the summary says so and the run does not fail', async ({ gh }) => {
    gh.state.protectBranch('main', { requiredChecks: ['ci / test'] });
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('classic branch protection of main could not be read (the token lacks administration: read');
  });
});
