/**
 * Source 1: failed workflow runs on the default branch. One paginated listing of the completed runs in the
 * window (failures and passes: a pass on the same commit is what makes a failure flaky), the jobs of each
 * failed or re-run run, and the log of each failed job. Every request counts against a budget; what the
 * budget or a rate limit leaves unread is named in the summary and resumed the next night, never silently
 * dropped.
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
  /** Runs up to this id were mined on an earlier night that was cut short: resume after it. */
  skipThrough?: number;
}

export interface ActionsFacts {
  occurrences: Occurrence[];
  passes: Set<string>;
  requests: number;
  failedRuns: number;
  failedJobs: number;
  logsRead: number;
  expiredLogs: number;
  /** Failed job logs of the run the night stopped in. */
  unread: number;
  notes: string[];
  /** Runs whose jobs and failed job logs were all read, oldest first: the facts above come from these only. */
  minedRunIds: number[];
  /** Runs left out because an earlier night mined them (`skipThrough`). */
  skippedRuns: number;
  /** Why reading stopped before the last run, if it did. */
  stopped: 'budget' | 'rate-limit' | null;
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
    const { data } = await gh.rest.actions.listWorkflowRunsForRepo({
      owner: repo.owner,
      repo: repo.repo,
      branch: options.branch,
      status: 'completed',
      created: `>=${day(options.since)}`,
      per_page: 100,
      page,
    });
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

/** A rate limit (primary 403 with no requests left, secondary 403, or 429): the night stops here and resumes. */
function isRateLimit(error: unknown): boolean {
  const { status, message } = describeGitHubError(error);
  return status === 429 || (status === 403 && /rate limit/i.test(message));
}

/** Everything one run holds (its jobs and the logs of its failed jobs), or why it could not all be read. */
type RunReading =
  | { status: 'read'; occurrences: Occurrence[]; failedJobs: number; logsRead: number; expiredLogs: number }
  | { status: 'budget' | 'rate-limit'; unlisted: boolean; unreadLogs: number };

async function readRun(
  gh: GitHub,
  repo: RepoRef,
  run: RunSummary,
  budget: RequestBudget,
  options: ActionsSourceOptions,
  passes: Set<string>,
): Promise<RunReading> {
  try {
    const jobs = await listJobs(gh, repo, run, budget);
    if (!jobs) return { status: 'budget', unlisted: true, unreadLogs: 0 };
    const failed: JobSummary[] = [];
    for (const job of jobs) {
      if (job.conclusion === 'success') passes.add(passKey(run.head_sha, run.path, job.name));
      else if (FAILED.has(job.conclusion ?? '')) failed.push(job);
    }
    const occurrences: Occurrence[] = [];
    let logsRead = 0;
    let expiredLogs = 0;
    for (const [index, job] of failed.entries()) {
      if (!budget.take()) return { status: 'budget', unlisted: false, unreadLogs: failed.length - index };
      const log = await readLog(gh, repo, job.id, options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES);
      if (log === 'expired') {
        expiredLogs++;
        continue;
      }
      logsRead++;
      const at = job.completed_at ?? run.created_at;
      for (const event of extractErrors(log)) {
        occurrences.push({ event, at, link: job.html_url ?? run.html_url, runId: run.id, job: job.name, workflow: run.path, headSha: run.head_sha });
      }
    }
    return { status: 'read', occurrences, failedJobs: failed.length, logsRead, expiredLogs };
  } catch (error) {
    if (isRateLimit(error)) return { status: 'rate-limit', unlisted: false, unreadLogs: 0 };
    throw error;
  }
}

/**
 * Reads the failed runs oldest first, one run at a time: a run counts only when its jobs and every failed
 * job's log were read, so a budget or a rate limit that ends the night mid-run leaves that run, and every
 * newer one, for the next night (from `skipThrough`), and no cluster is built from half a run.
 */
export async function readActionsFailures(gh: GitHub, repo: RepoRef, options: ActionsSourceOptions): Promise<ActionsFacts> {
  const budget = new RequestBudget(options.maxRequests);
  const facts: ActionsFacts = {
    occurrences: [],
    passes: new Set(),
    requests: 0,
    failedRuns: 0,
    failedJobs: 0,
    logsRead: 0,
    expiredLogs: 0,
    unread: 0,
    notes: [],
    minedRunIds: [],
    skippedRuns: 0,
    stopped: null,
  };
  let listing: { runs: RunSummary[]; complete: boolean };
  try {
    listing = await listRuns(gh, repo, options, budget);
  } catch (error) {
    if (!isRateLimit(error)) throw error;
    facts.stopped = 'rate-limit';
    facts.notes.push("GitHub's rate limit stopped the listing of workflow runs; nothing was mined, the next night starts over.");
    facts.requests = budget.used;
    return facts;
  }
  if (!listing.complete) {
    // Without the whole listing a failure's passing twin may be unread: nothing is mined from half a listing.
    facts.stopped = 'budget';
    facts.notes.push(`The request budget ended the listing of workflow runs after ${listing.runs.length} runs; nothing was mined (raise max-api-requests).`);
    facts.requests = budget.used;
    return facts;
  }
  // A run that passed covers every job of its workflow on that commit.
  for (const run of listing.runs) if (run.conclusion === 'success') facts.passes.add(passKey(run.head_sha, run.path, WHOLE_RUN));
  const failedRuns = listing.runs.filter((run) => FAILED.has(run.conclusion ?? ''));
  const rerunRuns = listing.runs.filter((run) => run.conclusion === 'success' && (run.run_attempt ?? 1) > 1);
  facts.failedRuns = failedRuns.length;
  const toRead = [...failedRuns, ...rerunRuns].sort((a, b) => a.id - b.id);
  const fresh = options.skipThrough === undefined ? toRead : toRead.filter((run) => run.id > (options.skipThrough ?? 0));
  facts.skippedRuns = toRead.length - fresh.length;
  for (const [index, run] of fresh.entries()) {
    const reading = await readRun(gh, repo, run, budget, options, facts.passes);
    if (reading.status !== 'read') {
      facts.stopped = reading.status;
      const left = fresh.length - index;
      facts.unread = reading.unreadLogs;
      facts.notes.push(
        reading.status === 'budget'
          ? `The request budget ended the night at run ${run.id}: ${left} run${left === 1 ? '' : 's'} left unread for the next night (raise max-api-requests to read them in one).`
          : `GitHub's rate limit ended the night at run ${run.id}: ${left} run${left === 1 ? '' : 's'} left unread for the next night.`,
      );
      break;
    }
    facts.minedRunIds.push(run.id);
    facts.occurrences.push(...reading.occurrences);
    facts.failedJobs += reading.failedJobs;
    facts.logsRead += reading.logsRead;
    facts.expiredLogs += reading.expiredLogs;
  }
  if (facts.skippedRuns > 0)
    facts.notes.push(
      `Resumed after run ${options.skipThrough}: ${facts.skippedRuns} run${facts.skippedRuns === 1 ? ' was' : 's were'} mined on an earlier night.`,
    );
  if (facts.expiredLogs > 0)
    facts.notes.push(
      `${facts.expiredLogs} failed job log${facts.expiredLogs === 1 ? ' has' : 's have'} expired (past the repository's log retention) and ${facts.expiredLogs === 1 ? 'was' : 'were'} skipped.`,
    );
  facts.requests = budget.used;
  return facts;
}
