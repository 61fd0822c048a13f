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
