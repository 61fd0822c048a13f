/**
 * The sample project's own CI, run for real: a clone of the commit, then each job's command (`npm test`, and
 * `npm run smoke` once the project has a smoke script) with nothing but PATH and HOME. On the default branch the
 * run is recorded in the emulated GitHub as a workflow run whose jobs carry the output as GitHub writes job logs:
 * each line timestamped, the command in a group, a failed step's exit code as an error line, and the checkout
 * where a hosted runner has it (/home/runner/work/<repo>/<repo>), so the stack traces read as on github.com.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGitSync } from '../core/git.js';
import type { GitHubEmulator } from '../emulators/github/index.js';

export interface CiJob {
  name: string;
  command: string;
  passed: boolean;
  exitCode: number;
  /** stdout and stderr as the job printed them, with the checkout at the hosted runner's path. */
  output: string;
}

/** The jobs of the sample project's CI workflow: its tests always, its smoke check when it has one. */
function jobsOf(checkout: string): Array<{ name: string; command: string[] }> {
  const manifest = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const jobs = [{ name: 'test', command: ['npm', 'test'] }];
  if (manifest.scripts?.smoke) jobs.push({ name: 'smoke', command: ['npm', 'run', 'smoke'] });
  return jobs;
}

/** Runs the CI jobs on `ref` of the repository at `gitDir`, in a clone that is removed afterwards. */
export function runCiJobs(gitDir: string, ref: string, repo: string): CiJob[] {
  const checkout = realpathSync(mkdtempSync(join(tmpdir(), 'agentic-demo-ci-')));
  try {
    runGitSync(['clone', '-q', gitDir, checkout]);
    runGitSync(['checkout', '-q', '--detach', ref], checkout);
    return jobsOf(checkout).map(({ name, command }) => {
      const [program = 'npm', ...args] = command;
      // One stream, in the order the job printed it, as the runner's log has it.
      const child = spawnSync('sh', ['-c', `${[program, ...args].join(' ')} 2>&1`], {
        cwd: checkout,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: checkout },
        timeout: 60_000,
      });
      const output = (child.stdout ?? '').split(checkout).join(`/home/runner/work/${repo}/${repo}`);
      return { name, command: command.join(' '), passed: child.status === 0, exitCode: child.status ?? 1, output };
    });
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
}

/** A job's log as GitHub serves it: every line prefixed with its time, the step's command grouped. */
export function jobLog(job: CiJob, at: Date): string {
  const stamp = (offsetMs: number) => new Date(at.getTime() + offsetMs).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
  const lines = [`##[group]Run ${job.command}`, job.command, '##[endgroup]', ...job.output.replace(/\n$/, '').split('\n')];
  if (!job.passed) lines.push(`##[error]Process completed with exit code ${job.exitCode}.`);
  return `${lines.map((line, index) => `${stamp(index)} ${line}`).join('\n')}\n`;
}

export interface DefaultBranchRun {
  id: number;
  sha: string;
  url: string;
  jobs: CiJob[];
  passed: boolean;
}

/** The CI workflow on a push to the default branch: its jobs run, and the run with its jobs and logs is recorded. */
export function runDefaultBranchCi(gh: GitHubEmulator, repo: string, id: number): DefaultBranchRun {
  const branch = gh.state.repo.defaultBranch;
  const sha = gh.state.git.resolve(branch) ?? '';
  const jobs = runCiJobs(gh.gitDir, sha, repo);
  const passed = jobs.every((job) => job.passed);
  const at = gh.clock.now();
  gh.state.addWorkflowRun({
    id,
    name: 'CI',
    workflow: 'ci.yml',
    status: 'completed',
    conclusion: passed ? 'success' : 'failure',
    head_sha: sha,
    event: 'push',
  });
  for (const job of jobs) gh.state.addWorkflowJob({ run_id: id, name: job.name, conclusion: job.passed ? 'success' : 'failure', log: jobLog(job, at) });
  return { id, sha, url: `${gh.serverUrl}/${gh.state.repo.owner}/${repo}/actions/runs/${id}`, jobs, passed };
}
