import { z } from 'zod';
import { ApiError, notFound, unprocessable } from '../http/api-error.js';
import { paginate } from '../http/pagination.js';
import { json, noContent, type ApiRequest, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { nodeId } from '../serialize/context.js';
import { repository } from '../serialize/repository.js';
import { userByLogin } from '../serialize/users.js';
import type { WorkflowJobRecord, WorkflowRunRecord } from '../state/records.js';
import { numberParam } from './lookup.js';
import { toGitHubTimestamp } from '../clock.js';

/** Where the emulator serves the signed log URLs its log endpoint redirects to (outside the API, no token needed). */
export const JOB_LOG_BLOB_PREFIX = '/_blobs/job-logs/';

const dispatchBody = z.object({ ref: z.string().min(1), inputs: z.record(z.string(), z.unknown()).optional(), return_run_details: z.boolean().optional() });

function workflowRun(request: ApiRequest, run: WorkflowRunRecord): Record<string, unknown> {
  const { urls } = request.context;
  const api = `${urls.repoApi}/actions/runs/${run.id}`;
  const info = request.state.git.readCommit(run.headSha);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CheckSuite', run.id + 1),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: `.github/workflows/${run.workflowFile}`,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    event: run.event,
    display_title: run.name,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${urls.repoHtml}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.createdAt,
    actor: userByLogin(request.context, run.actor),
    triggering_actor: userByLogin(request.context, run.actor),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${urls.repoApi}/check-suites/${run.id + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${urls.repoApi}/actions/workflows/${run.workflowId}`,
    head_commit: info
      ? {
          id: info.sha,
          tree_id: info.tree,
          message: info.message.replace(/\n$/, ''),
          timestamp: toGitHubTimestamp(info.committer.date),
          author: { name: info.author.name, email: info.author.email },
          committer: { name: info.committer.name, email: info.committer.email },
        }
      : null,
    repository: repository(request.context),
    head_repository: repository(request.context),
  };
}

function workflowJob(request: ApiRequest, job: WorkflowJobRecord): Record<string, unknown> {
  const { urls } = request.context;
  return {
    id: job.id,
    run_id: job.runId,
    run_url: `${urls.repoApi}/actions/runs/${job.runId}`,
    run_attempt: job.runAttempt,
    node_id: nodeId('CheckRun', job.id),
    head_sha: job.headSha,
    url: `${urls.repoApi}/actions/jobs/${job.id}`,
    html_url: `${urls.repoHtml}/actions/runs/${job.runId}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.createdAt,
    started_at: job.createdAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: [
      { name: 'Set up job', status: 'completed', conclusion: 'success', number: 1, started_at: job.createdAt, completed_at: job.createdAt },
      { name: 'Run tests', status: job.status, conclusion: job.conclusion, number: 2, started_at: job.createdAt, completed_at: job.completedAt },
    ],
    check_run_url: `${urls.repoApi}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 2,
    runner_group_name: 'GitHub Actions',
    workflow_name: job.workflowName,
    head_branch: job.headBranch,
  };
}

const RUN_STATUSES = new Set(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']);

/** The `created` filter in GitHub's search syntax: `>=2026-11-28`, `<2026-12-01`, `2026-11-28..2026-12-05` or a day. */
function createdFilter(raw: string | null): (createdAt: string) => boolean {
  if (!raw) return () => true;
  const day = (text: string, end: boolean) => Date.parse(/T/.test(text) ? text : `${text}T${end ? '23:59:59.999' : '00:00:00'}Z`);
  const range = /^(\S+)\.\.(\S+)$/.exec(raw);
  if (range) return (at) => Date.parse(at) >= day(range[1] ?? '', false) && Date.parse(at) <= day(range[2] ?? '', true);
  const compare = /^(>=|<=|>|<)(\S+)$/.exec(raw);
  if (compare) {
    const [, op, value = ''] = compare;
    if (op === '>=') return (at) => Date.parse(at) >= day(value, false);
    if (op === '>') return (at) => Date.parse(at) > day(value, true);
    if (op === '<=') return (at) => Date.parse(at) <= day(value, true);
    return (at) => Date.parse(at) < day(value, false);
  }
  return (at) => Date.parse(at) >= day(raw, false) && Date.parse(at) <= day(raw, true);
}

export const actionsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runs',
    scope: 'actions',
    role: 'read',
    handle: (request) => {
      const { query } = request;
      const branch = query.get('branch');
      const status = query.get('status');
      const event = query.get('event');
      const headSha = query.get('head_sha');
      const created = createdFilter(query.get('created'));
      const runs = [...request.state.workflowRuns.values()]
        .filter((run) => (!branch || run.headBranch === branch) && (!event || run.event === event) && (!headSha || run.headSha === headSha))
        .filter((run) => !status || (RUN_STATUSES.has(status) ? run.status === status : run.conclusion === status))
        .filter((run) => created(run.createdAt))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
      const page = paginate(request, runs);
      return json(200, { total_count: runs.length, workflow_runs: page.items.map((run) => workflowRun(request, run)) }, page.headers);
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    scope: 'actions',
    role: 'read',
    handle: (request) => {
      const run = request.state.workflowRuns.get(numberParam(request, 'run_id'));
      if (!run) throw notFound();
      const filter = request.query.get('filter') ?? 'latest';
      if (filter !== 'latest' && filter !== 'all') throw unprocessable(`Invalid filter: ${filter}`);
      const jobs = [...request.state.workflowJobs.values()]
        .filter((job) => job.runId === run.id && (filter === 'all' || job.runAttempt === run.runAttempt))
        .sort((a, b) => a.runAttempt - b.runAttempt || a.id - b.id);
      const page = paginate(request, jobs);
      return json(200, { total_count: jobs.length, jobs: page.items.map((job) => workflowJob(request, job)) }, page.headers);
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
    scope: 'actions',
    role: 'read',
    handle: (request) => {
      const job = request.state.workflowJobs.get(numberParam(request, 'job_id'));
      if (!job) throw notFound();
      // GitHub answers with a redirect to a short-lived signed URL; past log retention the log is gone.
      if (job.logExpired) throw new ApiError(410, 'Gone');
      const location = `${request.context.urls.serverUrl}${JOB_LOG_BLOB_PREFIX}${job.id}?urlSigningMethod=HMACV1&urlSignature=emulated`;
      return { status: 302, headers: { location }, text: '', contentType: 'text/plain' };
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}',
    scope: 'actions',
    role: 'read',
    handle: (request) => {
      const run = request.state.workflowRuns.get(numberParam(request, 'run_id'));
      if (!run) throw notFound();
      return json(200, workflowRun(request, run));
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    scope: 'actions',
    role: 'write',
    handle: (request) => {
      const { state } = request;
      const body = parseBody(dispatchBody, request.body, 'Workflow');
      const workflow = request.params['workflow_id'] ?? '';
      const sha = state.git.resolve(body.ref);
      if (!sha) throw unprocessable(`No ref found for: ${body.ref}`);
      // The workflow must exist at that ref (by file name) or be a known workflow id.
      const known = /^\d+$/.test(workflow)
        ? [...state.workflowRuns.values()].some((run) => run.workflowId === Number(workflow))
        : state.git.readPath(sha, `.github/workflows/${workflow}`) !== null;
      if (!known) throw notFound();
      if (Object.keys(body.inputs ?? {}).length > 25) throw unprocessable('inputs are too large: at most 25 inputs are allowed');
      state.dispatches.push({ workflow, ref: body.ref, inputs: body.inputs ?? {}, actor: request.viewer.login, at: state.clock.iso() });
      return noContent();
    },
  },
];
