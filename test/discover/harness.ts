/**
 * A repository with realistic CI history for the discover tests: failed runs on the default branch whose job
 * logs carry Node, Python and Go failures, a flaky test that passed on re-run, an expired log, and noise that
 * must be ignored (another branch, runs older than the window).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { runAction, type ActionRun } from '../harness/runner.js';

export const NOW = '2026-12-06T02:00:00Z';

export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, '..', 'fixtures', 'discover', name), 'utf8');
}

export interface History {
  gh: GitHubEmulator;
  shas: string[];
}

function commit(gh: GitHubEmulator, n: number): string {
  gh.state.commitFiles('main', { [`src/change-${n}.ts`]: `export const n = ${n};\n` }, { message: `change ${n}` });
  return gh.state.git.resolve('main') ?? '';
}

/** Adds a completed run with one job per entry of `jobs` (name → log, or null for a job that passed). */
export function addRun(
  gh: GitHubEmulator,
  options: {
    sha: string;
    at: string;
    jobs: Record<string, string | null>;
    branch?: string;
    attempt?: number;
    conclusion?: 'failure' | 'success';
    workflow?: string;
  },
): number {
  const failed = Object.values(options.jobs).some((log) => log !== null);
  const run = gh.state.addWorkflowRun({
    status: 'completed',
    conclusion: options.conclusion ?? (failed ? 'failure' : 'success'),
    head_sha: options.sha,
    created_at: options.at,
    ...(options.branch ? { head_branch: options.branch } : {}),
    ...(options.attempt ? { run_attempt: options.attempt } : {}),
    ...(options.workflow ? { workflow: options.workflow } : {}),
  });
  for (const [name, log] of Object.entries(options.jobs))
    gh.state.addWorkflowJob({ run_id: run.id, name, conclusion: log === null ? 'success' : 'failure', ...(log === null ? {} : { log }) });
  return run.id;
}

export async function startHistory(): Promise<History> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n', 'src/cart.ts': 'export {};\n' } });
  gh.clock.set(NOW);
  const shas = [1, 2, 3, 4, 5, 6].map((n) => commit(gh, n));
  const [a, b, c, d, e, f] = shas as [string, string, string, string, string, string];
  const vitest = fixture('logs/node-vitest.log');
  // The same TypeError on three commits, with values that differ each time.
  addRun(gh, { sha: a, at: '2026-12-01T02:00:00Z', jobs: { test: vitest, lint: null } });
  addRun(gh, { sha: b, at: '2026-12-02T02:00:00Z', jobs: { test: vitest.replace('line 3 of order 7f3a9c21e4', 'line 8 of order 99ab12cd34'), lint: null } });
  addRun(gh, { sha: c, at: '2026-12-04T02:00:00Z', jobs: { test: vitest.replace('line 3 of order 7f3a9c21e4', 'line 1 of order 1234abcd99'), lint: null } });
  // A Python failure twice, a Go panic once, a Node crash once.
  addRun(gh, { sha: b, at: '2026-12-02T03:00:00Z', workflow: 'python.yml', jobs: { pytest: fixture('logs/python-pytest.log') } });
  addRun(gh, { sha: d, at: '2026-12-03T03:00:00Z', workflow: 'python.yml', jobs: { pytest: fixture('logs/python-pytest.log') } });
  addRun(gh, { sha: d, at: '2026-12-03T04:00:00Z', workflow: 'go.yml', jobs: { 'go test': fixture('logs/go-panic.log') } });
  addRun(gh, { sha: e, at: '2026-12-05T03:00:00Z', workflow: 'smoke.yml', jobs: { smoke: fixture('logs/node-server.log') } });
  // Flaky: attempt 1 of the job failed, attempt 2 passed, on the same commit.
  const rerun = gh.state.addWorkflowRun({
    status: 'completed',
    conclusion: 'success',
    head_sha: f,
    created_at: '2026-12-05T05:00:00Z',
    run_attempt: 2,
    workflow: 'jest.yml',
  });
  gh.state.addWorkflowJob({ run_id: rerun.id, name: 'jest', conclusion: 'failure', run_attempt: 1, log: fixture('logs/flaky-timeout.log') });
  gh.state.addWorkflowJob({ run_id: rerun.id, name: 'jest', conclusion: 'success', run_attempt: 2 });
  // An expired log, a failure on another branch and one older than the window: none becomes a suggestion.
  const expired = gh.state.addWorkflowRun({ status: 'completed', conclusion: 'failure', head_sha: a, created_at: '2026-12-01T05:00:00Z' });
  gh.state.addWorkflowJob({ run_id: expired.id, name: 'e2e', conclusion: 'failure', log_expired: true });
  addRun(gh, { sha: a, at: '2026-12-05T06:00:00Z', branch: 'feature/x', workflow: 'feature.yml', jobs: { test: fixture('logs/python-traceback.log') } });
  addRun(gh, { sha: a, at: '2026-11-20T06:00:00Z', workflow: 'old.yml', jobs: { test: fixture('logs/python-traceback.log') } });
  return { gh, shas };
}

export function workspaceWith(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'discover-ws-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function runDiscover(
  gh: GitHubEmulator,
  inputs: Record<string, string> = {},
  options: { workspace?: string; env?: Record<string, string> } = {},
): Promise<ActionRun> {
  return runAction({
    entry: 'discover.js',
    // The analysts that read no repository code unless a test names others (the action's default adds coverage and docs).
    inputs: { 'github-token': gh.botToken, analysts: 'log-miner,dependencies', ...inputs },
    eventName: 'schedule',
    event: { schedule: '0 2 * * *' },
    apiUrl: gh.apiUrl,
    serverUrl: gh.serverUrl,
    repository: 'acme/widgets',
    env: { AGENTIC_WORKFLOW_NOW: NOW, ...options.env },
    ...(options.workspace ? { workspace: options.workspace } : {}),
    timeoutMs: 120_000,
  });
}

export function suggestionIssues(gh: GitHubEmulator): Array<{ number: number; title: string; body: string; labels: string[]; state: string }> {
  return [...gh.state.issues.values()]
    .filter((issue) => !issue.isPullRequest)
    .map((issue) => ({
      number: issue.number,
      title: issue.title,
      body: issue.body ?? '',
      state: issue.state,
      labels: issue.labelIds.map((id) => gh.state.labels.get(id)?.name ?? '').sort(),
    }));
}
