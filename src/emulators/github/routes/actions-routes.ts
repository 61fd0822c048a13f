import { z } from 'zod';
import { notFound, unprocessable } from '../http/api-error.js';
import { json, noContent, type ApiRequest, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { nodeId } from '../serialize/context.js';
import { repository } from '../serialize/repository.js';
import { userByLogin } from '../serialize/users.js';
import type { WorkflowRunRecord } from '../state/records.js';
import { numberParam } from './lookup.js';
import { toGitHubTimestamp } from '../clock.js';

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

export const actionsRoutes: Route[] = [
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
