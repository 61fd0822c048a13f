import { describe, expect } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { addReviewCheck, addReviewRun, addReviews, mergeCalls, reviewSummary, runAutoMerge, seedAgentPull, test, type AgentPull } from '../merge/scenario.js';

// Any job whose token may write checks creates check runs as the same app as the reviews, with any summary. On
// the bundled action: a review result counts only when the review workflow's own run wrote it.

/** What a step of another workflow can do with its GITHUB_TOKEN: write a check run with the review's name. */
async function forgeCheck(gh: GitHubEmulator, pull: AgentPull, externalId: string | undefined): Promise<void> {
  const client = createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl, retries: 0 });
  await client.rest.checks.create({
    owner: 'acme',
    repo: 'widgets',
    name: 'agentic/cto-review',
    head_sha: pull.head,
    status: 'completed',
    conclusion: 'success',
    ...(externalId !== undefined ? { external_id: externalId } : {}),
    output: { title: 'cto-review passed', summary: reviewSummary(pull.head) },
  });
}

/** The pull request with a blocking cto-review from the review workflow and a passing ciso-review. */
function blockedPull(gh: GitHubEmulator): { pull: AgentPull; reviewRunId: number } {
  const pull = seedAgentPull(gh, { reviews: false });
  const run = addReviewRun(gh);
  addReviewCheck(gh, run, pull.head, 'agentic/ciso-review');
  addReviewCheck(gh, run, pull.head, 'agentic/cto-review', { conclusion: 'failure', summary: reviewSummary(pull.head, { shouldBlock: true }) });
  return { pull, reviewRunId: run.id };
}

describe.concurrent('bundled auto-merge counts only the review workflow’s results', { timeout: 120_000 }, () => {
  test('control: reviews written by the review workflow’s run merge', async ({ gh }) => {
    const pull = seedAgentPull(gh);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'true', status: 'merged' });
    expect(gh.countRequests({ method: 'GET', path: /\/actions\/runs\/\d+$/ })).toBe(1);
    expect(run.summary).toContain(
      'written by runs of `.github/workflows/agentic.yml` or `.github/workflows/agentic-review.yml` or `.github/workflows/agentic-implement.yml` or `.github/workflows/agentic-janitor.yml`',
    );
  });

  test('the janitor’s pull request merges on the reviews its own scheduled workflow chained (control: another workflow’s run does not count)', async ({
    gh,
  }) => {
    const pull = seedAgentPull(gh, { reviews: false, branch: 'automated/janitor-2026-12-06' });
    const janitorRun = addReviewRun(gh, { workflow: 'agentic-janitor.yml', event: 'schedule' });
    for (const name of ['agentic/cto-review', 'agentic/ciso-review']) addReviewCheck(gh, janitorRun, pull.head, name);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'true', status: 'merged' });

    const other = seedAgentPull(gh, { reviews: false, branch: 'automated/janitor-2026-12-13' });
    const nightly = addReviewRun(gh, { workflow: 'agentic-nightly.yml', event: 'schedule' });
    for (const name of ['agentic/cto-review', 'agentic/ciso-review']) addReviewCheck(gh, nightly, other.head, name);
    const refused = await runAutoMerge(gh, { inputs: { 'pull-request-number': other.number } });
    expect(refused.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(refused.outputs.reason).toMatch(/`.github\/workflows\/agentic-nightly.yml`, which is not a review workflow/);
  });

  test('refuses a forged success check with the review’s name from another workflow’s run', async ({ gh }) => {
    const { pull } = blockedPull(gh);
    const ci = gh.state.addWorkflowRun({
      name: 'CI',
      workflow: 'ci.yml',
      status: 'in_progress',
      event: 'pull_request',
      head_branch: pull.branch,
      head_sha: pull.head,
    });
    await forgeCheck(gh, pull, `${ci.id}/1`);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(run.outputs.reason).toMatch(
      new RegExp(
        `^agent-reviews: \`agentic/cto-review\` check \\d+ is not the review workflow's result: it names workflow run ${ci.id} of \`.github/workflows/ci.yml\`, which is not a review workflow`,
      ),
    );
    expect(mergeCalls(gh)).toBe(0);
  });

  test('refuses a forged check that copies the review run’s external_id, and one that names no run', async ({ gh }) => {
    const { pull, reviewRunId } = blockedPull(gh);
    await forgeCheck(gh, pull, `${reviewRunId}/1`);
    const copied = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(copied.outputs.reason).toMatch(new RegExp(`2 checks of that name claim attempt 1 of workflow run ${reviewRunId}, which writes one`));
    await forgeCheck(gh, pull, undefined);
    const unnamed = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(unnamed.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(unnamed.outputs.reason).toMatch(/it names no workflow run/);
    expect(mergeCalls(gh)).toBe(0);
  });

  test('a blocking review is cleared by a newer review run of the head that passes', async ({ gh }) => {
    const { pull } = blockedPull(gh);
    expect((await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } })).outputs.status).toBe('refused');
    addReviews(gh, pull.head);
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'true', status: 'merged' });
  });
});
