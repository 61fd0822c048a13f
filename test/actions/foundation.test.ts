import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS } from '../../src/actions/entry.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { runAction } from '../harness/runner.js';

// What every bundled action guarantees before its own work: clear, one-line configuration errors from
// its inputs and from the policy file on the default branch, read through the API like on a runner.
describe.each(AGENTS)('bundled %s action', (agent) => {
  let gh: GitHubEmulator;

  beforeAll(async () => {
    gh = await startGitHubEmulator({
      owner: 'acme',
      repo: 'widgets',
      files: { 'README.md': '# widgets\n', '.github/agentic.yml': 'labels:\n  roadmap: backlog\nimplment:\n  max-turns: 3\n' },
    });
  });
  afterAll(async () => gh.close());

  // How fast it fails is measured in bench/startup.bench.ts (cold start on this same path).
  it('fails with a one-line error naming the missing input, without a stack trace', async () => {
    const run = await runAction({ entry: `${agent}.js`, env: { PATH: process.env.PATH } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([{ level: 'error', message: 'Input required and not supplied: github-token', properties: {} }]);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(run.summary).toContain('configuration error');
  });

  it('names the input, the value and what was expected for a bad value', async () => {
    const run = await runAction({ entry: `${agent}.js`, inputs: { 'github-token': 'x', 'dry-run': 'maybe' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toBe(`input 'dry-run' is "maybe"; expected true or false`);
  });

  it('reads the policy from the default branch through the API and names a bad key', async () => {
    const run = await runAction({
      entry: `${agent}.js`,
      inputs: { 'github-token': gh.botToken, 'openai-api-key': 'test-key', 'pull-request-number': 1, 'issue-number': 1 },
      apiUrl: gh.apiUrl,
      serverUrl: gh.serverUrl,
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message)).toEqual([
      ".github/agentic.yml on main has 1 problem:\n.github/agentic.yml:3: implment is not a known key at the top level (did you mean 'implement'?); expected one of labels, bot, protected-paths, implement, review, cto-review, ciso-review, triage, discover, auto-merge, models",
    ]);
    expect(run.summary).toContain('configuration error');
    expect(run.stdout).not.toMatch(/\n\s+at /);
    // triage-report reads it in its first GraphQL query (with the open roadmap issues); the others through the contents API.
    const policyQueries = gh.requests.filter(
      (request) =>
        request.route === 'graphql:TriagePolicyAndRoadmap' &&
        (request.body as { variables?: { policyPath?: string } }).variables?.policyPath === '.github/agentic.yml',
    );
    expect(gh.countRequests({ method: 'GET', path: /\/contents\/\.github(\/|%2F)agentic\.yml/i }) + policyQueries.length).toBeGreaterThan(0);
  });
});

describe('the root action', () => {
  it('refuses an unknown agent by name', async () => {
    const run = await runAction({ entry: 'agent.js', inputs: { agent: 'cfo-review' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toBe(`input 'agent' is "cfo-review"; expected one of ${AGENTS.join(', ')}`);
  });

  it('runs the chosen agent', async () => {
    const run = await runAction({ entry: 'agent.js', inputs: { agent: 'auto-merge' } });
    expect(run.annotations[0]?.message).toBe('Input required and not supplied: github-token');
  });
});
