/**
 * Source 1: failed workflow runs on the default branch. One paginated listing of the completed runs in the
 * window (failures and passes: a pass on the same commit is what makes a failure flaky), the jobs of each
 * failed or re-run run, and the log of each failed job. Every request counts against a budget; what the
 * budget does not cover is named in the summary, never silently dropped.
 */
import { describeGitHubError } from '../../core/github-errors.js';
import type { GitHub } from '../../core/github.js';
import type { RepoRef } from '../../core/repo.js';
import { passKey, WHOLE_RUN, type Occurrence } from './cluster.js';
import { extractErrors } from './extract.js';

export interface ActionsSourceOptions {
  branch: string;
  since: Date;
  /** Most GitHub API requests this source may make. */
  maxRequests: number;
  /** Logs longer than this are read from their end, where failures are reported. */
  maxLogBytes?: number;
}

export interface ActionsFacts {
  occurrences: Occurrence[];
  passes: Set<string>;
  requests: number;
  failedRuns: number;
  failedJobs: number;
  logsRead: number;
  expiredLogs: number;
  /** Failed jobs whose logs the request budget did not cover. */
  unread: number;
  notes: string[];
}

interface RunSummary {
  id: number;
  head_sha: string;
  path: string;
  conclusion: string | null;
  run_attempt?: number;
  html_url: string;
  created_at: string;
}

interface JobSummary {
  id: number;
  name: string;
  conclusion: string | null;
  html_url: string | null;
  completed_at: string | null;
  run_attempt?: number;
}

const FAILED = new Set(['failure', 'timed_out']);
const DEFAULT_MAX_LOG_BYTES = 4_000_000;

class RequestBudget {
  used = 0;
  constructor(readonly limit: number) {}
  take(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

async function listRuns(gh: GitHub, repo: RepoRef, options: ActionsSourceOptions, budget: RequestBudget): Promise<{ runs: RunSummary[]; complete: boolean }> {
  const runs: RunSummary[] = [];
  for (let page = 1; ; page++) {
    if (!budget.take()) return { runs, complete: false };
    const { data } = await gh.rest.actions.listWorkflowRunsForRepo({ owner: repo.owner, repo: repo.repo, branch: options.branch, status: 'completed', created: `>=${day(options.since)}`, per_page: 100, page });
    for (const run of data.workflow_runs) {
      if (Date.parse(run.created_at) >= options.since.getTime()) runs.push(run as RunSummary);
    }
    if (data.workflow_runs.length < 100 || page * 100 >= data.total_count) return { runs, complete: true };
  }
}

async function listJobs(gh: GitHub, repo: RepoRef, run: RunSummary, budget: RequestBudget): Promise<JobSummary[] | undefined> {
  const jobs: JobSummary[] = [];
  for (let page = 1; ; page++) {
    if (!budget.take()) return undefined;
    const { data } = await gh.rest.actions.listJobsForWorkflowRun({ owner: repo.owner, repo: repo.repo, run_id: run.id, filter: 'all', per_page: 100, page });
    jobs.push(...(data.jobs as JobSummary[]));
    if (data.jobs.length < 100 || jobs.length >= data.total_count) return jobs;
  }
}

/** The job's log text, or `expired` when GitHub no longer has it (410 Gone, or 404 for a deleted log). */
async function readLog(gh: GitHub, repo: RepoRef, jobId: number, maxBytes: number): Promise<string | 'expired'> {
  try {
    const response = await gh.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', { owner: repo.owner, repo: repo.repo, job_id: jobId });
    const text = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    return text.length > maxBytes ? text.slice(text.length - maxBytes) : text;
  } catch (error) {
    const { status } = describeGitHubError(error);
    if (status === 404 || status === 410) return 'expired';
    throw error;
  }
}

export async function readActionsFailures(gh: GitHub, repo: RepoRef, options: ActionsSourceOptions): Promise<ActionsFacts> {
  const budget = new RequestBudget(options.maxRequests);
  const facts: ActionsFacts = { occurrences: [], passes: new Set(), requests: 0, failedRuns: 0, failedJobs: 0, logsRead: 0, expiredLogs: 0, unread: 0, notes: [] };
  const listing = await listRuns(gh, repo, options, budget);
  if (!listing.complete) facts.notes.push(`The request budget ended the listing of workflow runs after ${listing.runs.length} runs.`);
  // A run that passed covers every job of its workflow on that commit.
  for (const run of listing.runs) if (run.conclusion === 'success') facts.passes.add(passKey(run.head_sha, run.path, WHOLE_RUN));
  const failedRuns = listing.runs.filter((run) => FAILED.has(run.conclusion ?? ''));
  const rerunRuns = listing.runs.filter((run) => run.conclusion === 'success' && (run.run_attempt ?? 1) > 1);
  facts.failedRuns = failedRuns.length;
  const failedJobs: Array<{ run: RunSummary; job: JobSummary }> = [];
  let unlisted = 0;
  for (const run of [...failedRuns, ...rerunRuns]) {
    const jobs = await listJobs(gh, repo, run, budget);
    if (!jobs) {
      unlisted++;
      continue;
    }
    for (const job of jobs) {
      if (job.conclusion === 'success') facts.passes.add(passKey(run.head_sha, run.path, job.name));
      else if (FAILED.has(job.conclusion ?? '')) failedJobs.push({ run, job });
    }
  }
  if (unlisted > 0) facts.notes.push(`The request budget left the jobs of ${unlisted} failed run${unlisted === 1 ? '' : 's'} unread.`);
  facts.failedJobs = failedJobs.length;
  for (const { run, job } of failedJobs) {
    if (!budget.take()) {
      facts.unread++;
      continue;
    }
    const log = await readLog(gh, repo, job.id, options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES);
    if (log === 'expired') {
      facts.expiredLogs++;
      continue;
    }
    facts.logsRead++;
    const at = job.completed_at ?? run.created_at;
    for (const event of extractErrors(log)) {
      facts.occurrences.push({ event, at, link: job.html_url ?? run.html_url, runId: run.id, job: job.name, workflow: run.path, headSha: run.head_sha });
    }
  }
  if (facts.unread > 0) facts.notes.push(`The request budget left ${facts.unread} failed job log${facts.unread === 1 ? '' : 's'} unread (raise max-api-requests).`);
  if (facts.expiredLogs > 0) facts.notes.push(`${facts.expiredLogs} failed job log${facts.expiredLogs === 1 ? ' has' : 's have'} expired (past the repository's log retention) and ${facts.expiredLogs === 1 ? 'was' : 'were'} skipped.`);
  facts.requests = budget.used;
  return facts;
}
