import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clusterOccurrences, type Occurrence } from '../src/discover/log-miner/cluster.js';
import { extractErrors } from '../src/discover/log-miner/extract.js';
import { startGitHubEmulator, type GitHubEmulator } from '../src/emulators/github/index.js';
import { runAction } from '../test/harness/runner.js';
import { median, recordFigure } from './figures.js';

// Issue #16's scale: 200 failed runs on the default branch in the window, each with a failing test job and a
// passing lint job, over 40 commits; the failures are five recurring errors. The log miner's reads are one
// listing page per 100 runs, one jobs page per failed run and one log per failed job: 2 + 200 + 200. The
// physical minimum is 2 + 200 (one log per failing job; job ids exist only in the jobs listing, so the 200
// jobs pages are the price of not downloading every run's whole log archive).
const RUNS = 200;
const NOW = '2026-12-06T02:00:00Z';
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'discover', 'logs', name), 'utf8');
const LOGS = ['node-vitest.log', 'python-pytest.log', 'go-panic.log', 'node-server.log', 'python-traceback.log'].map(fixture);

let gh: GitHubEmulator;

beforeAll(async () => {
  gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n', 'src/cart.ts': 'export {};\n' } });
  gh.clock.set(NOW);
  const shas: string[] = [];
  for (let n = 0; n < 40; n++) {
    gh.state.commitFiles('main', { [`src/change-${n}.ts`]: `export const n = ${n};\n` }, { message: `change ${n}` });
    shas.push(gh.state.git.resolve('main') ?? '');
  }
  for (let i = 0; i < RUNS; i++) {
    const at = new Date(Date.parse(NOW) - (i + 1) * 2_400_000).toISOString();
    const run = gh.state.addWorkflowRun({ status: 'completed', conclusion: 'failure', head_sha: shas[i % 40] ?? '', created_at: at });
    gh.state.addWorkflowJob({ run_id: run.id, name: 'test', conclusion: 'failure', log: LOGS[i % LOGS.length] ?? '' });
    gh.state.addWorkflowJob({ run_id: run.id, name: 'lint', conclusion: 'success' });
  }
}, 600_000);

afterAll(async () => {
  await gh.close();
});

it('log miner over 200 failed runs: API requests within the stated budget', async () => {
  gh.resetRequests();
  const run = await runAction({
    entry: 'discover.js',
    inputs: { 'github-token': gh.botToken, 'dry-run': 'true', 'max-api-requests': '1000' },
    eventName: 'schedule',
    event: { schedule: '0 2 * * *' },
    apiUrl: gh.apiUrl,
    serverUrl: gh.serverUrl,
    repository: 'acme/widgets',
    env: { AGENTIC_WORKFLOW_NOW: NOW },
    timeoutMs: 300_000,
  });
  expect(run.exitCode, run.stderr).toBe(0);
  const mining = gh.requests.filter((request) => request.method === 'GET' && /\/actions\/(runs|jobs)/.test(request.path)).length;
  const budget = 2 + RUNS + RUNS;
  recordFigure({
    name: 'log miner requests (200 failed runs, 200 failed jobs)',
    value: mining,
    unit: 'requests',
    target: `<= ${budget}`,
    pass: mining <= budget,
    note: `physical minimum ${2 + RUNS}: one log per failed job, the jobs pages are what finds the failed job ids`,
  });
  expect(run.summary).toContain('### What would be filed');
});

it('clustering 10,000 log lines', () => {
  // Real-looking logs repeated to 10,000 lines, different numbers and ids in each copy.
  const lines: string[] = [];
  for (let copy = 0; lines.length < 10_000; copy++) {
    for (const log of LOGS) lines.push(...log.replace(/\d+/g, (digits) => String((Number(digits) + copy) % 100_000)).split('\n'));
  }
  const text = lines.slice(0, 10_000).join('\n');
  const mine = () => {
    const occurrences: Occurrence[] = extractErrors(text).map((event) => ({ event, at: NOW }));
    return clusterOccurrences(occurrences);
  };
  // The yardstick in the same run: splitting the same text into lines and testing each against one regex.
  const scan = () => text.split('\n').filter((line) => /Error|panic|FAILED/.test(line)).length;
  const time = (work: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      work();
      samples.push(performance.now() - start);
    }
    return median(samples);
  };
  const clusters = mine();
  const ms = time(mine);
  const baseline = time(scan);
  recordFigure({
    name: 'log miner clustering 10,000 lines',
    value: Math.round(ms),
    unit: 'ms',
    target: '<= 1000',
    pass: ms <= 1000,
    note: `${clusters.length} clusters; ${(ms / Math.max(baseline, 0.01)).toFixed(1)}x one regex pass over the same lines`,
  });
  expect(clusters.length).toBeGreaterThan(0);
});
