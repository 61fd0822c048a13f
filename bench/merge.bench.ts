import { expect, it } from 'vitest';
import { startGitHubEmulator } from '../src/emulators/github/index.js';
import { runAutoMerge, seedAgentPull } from '../test/merge/scenario.js';
import { recordFigure } from './figures.js';

const CHECKS = 50;
const STATUSES = 10;

// Reading the policy (the repository and the file on the default branch) is every action's start, not the evaluation.
const POLICY_READ = /^\/repos\/acme\/widgets(\/contents\/.*)?$/;

it(`auto-merge: GitHub requests to evaluate a pull request with ${CHECKS} checks`, async () => {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
  try {
    // As right after a push: the first read of the pull request says mergeability is unknown.
    gh.state.setRepoSettings({ mergeableUnknownFirst: true });
    const pull = seedAgentPull(gh);
    for (let i = 1; i < CHECKS; i++) gh.state.addCheckRun({ head_sha: pull.head, name: `ci / job ${i}`, conclusion: 'success', app: 'ci-app[bot]' });
    for (let i = 0; i < STATUSES; i++) gh.state.addStatus({ sha: pull.head, state: 'success', context: `ci/status-${i}` });

    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number, 'dry-run': true } });
    expect(run.outputs.status).toBe('would-merge');
    const evaluation = gh.requests.filter((request) => !POLICY_READ.test(request.path));
    const checkPages = gh.countRequests({ method: 'GET', path: /\/check-runs$/ });
    recordFigure({
      name: 'auto-merge evaluation requests',
      value: evaluation.length,
      unit: `requests (${CHECKS} checks + 2 reviews, ${STATUSES} statuses, ${checkPages} check-run page)`,
      // 8 before the review results were bound to their run (+1: the run both reviews name) and CI to the
      // repository's required checks (+1: the base branch's rules, +1: classic branch protection's required
      // checks, read where the token can); each new fact is one request.
      target: '<= 11',
      pass: evaluation.length <= 11,
      note: `${gh.requests.length} with the policy read; ${evaluation.map((request) => request.path.replace('/repos/acme/widgets', '').replace(/[0-9a-f]{40}/, '{sha}')).join(' ')}`,
    });
    expect(evaluation.length).toBeGreaterThan(0);

    // A pull request waiting for a check: the first run writes the gate table, a later event on the same head nothing.
    gh.state.addCheckRun({ head_sha: pull.head, name: 'e2e', status: 'in_progress', app: 'ci-app[bot]' });
    const waiting = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(waiting.outputs.status).toBe('waiting');
    gh.resetRequests();
    await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    const writes = gh.writes().length;
    recordFigure({ name: 'auto-merge rerun writes', value: writes, unit: 'writes (waiting PR, unchanged head)', target: '0', pass: writes === 0 });
  } finally {
    await gh.close();
  }
});
