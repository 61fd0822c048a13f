import { z } from 'zod';
import { ApiError, notFound, unprocessable, validationFailed } from '../http/api-error.js';
import { paginate } from '../http/pagination.js';
import { json, type ApiRequest, type Route } from '../http/route.js';
import { parseBody, queryEnum } from '../http/validate.js';
import { annotation, checkRun } from '../serialize/checks.js';
import { applyCheckRunChanges, checkRunsFor, createCheckRun, type CheckRunChanges } from '../state/check-actions.js';
import type { CheckAnnotationRecord, CheckRunRecord } from '../state/records.js';
import { commitParam, numberParam } from './lookup.js';

const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'] as const;
/** GitHub accepts at most 50 annotations per request; more are sent with further updates. */
const ANNOTATIONS_PER_REQUEST = 50;

const annotationInput = z.object({
  path: z.string().min(1),
  start_line: z.number().int().min(1),
  end_line: z.number().int().min(1),
  start_column: z.number().int().optional(),
  end_column: z.number().int().optional(),
  annotation_level: z.enum(['notice', 'warning', 'failure']),
  message: z.string().min(1),
  title: z.string().optional(),
  raw_details: z.string().optional(),
});

const outputInput = z.object({
  title: z.string().min(1),
  summary: z.string().min(1).max(65535),
  text: z.string().max(65535).optional(),
  annotations: z.array(annotationInput).optional(),
  images: z.array(z.unknown()).optional(),
});

const runFields = {
  details_url: z.string().optional(),
  external_id: z.string().optional(),
  status: z.enum(STATUSES).optional(),
  started_at: z.string().optional(),
  conclusion: z.enum(CONCLUSIONS).optional(),
  completed_at: z.string().optional(),
  output: outputInput.optional(),
  actions: z.array(z.unknown()).optional(),
};

const newRun = z.object({ name: z.string().min(1), head_sha: z.string().min(1), ...runFields });
const runChanges = z.object({ name: z.string().min(1).optional(), ...runFields });

function toChanges(body: z.infer<typeof runChanges>): CheckRunChanges {
  if (body.status === 'completed' && !body.conclusion) {
    throw validationFailed([{ resource: 'CheckRun', field: 'conclusion', code: 'missing_field', message: 'conclusion is required when status is completed' }]);
  }
  const annotations = body.output?.annotations ?? [];
  if (annotations.length > ANNOTATIONS_PER_REQUEST) {
    throw unprocessable(`Only ${ANNOTATIONS_PER_REQUEST} annotations may be sent per request`);
  }
  const records: CheckAnnotationRecord[] = annotations.map((item) => ({
    path: item.path,
    startLine: item.start_line,
    endLine: item.end_line,
    startColumn: item.start_column ?? null,
    endColumn: item.end_column ?? null,
    level: item.annotation_level,
    title: item.title ?? null,
    message: item.message,
    rawDetails: item.raw_details ?? null,
  }));
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.status !== undefined ? { status: body.status } : {}),
    ...(body.conclusion !== undefined ? { conclusion: body.conclusion } : {}),
    ...(body.started_at !== undefined ? { startedAt: body.started_at } : {}),
    ...(body.completed_at !== undefined ? { completedAt: body.completed_at } : {}),
    ...(body.details_url !== undefined ? { detailsUrl: body.details_url } : {}),
    ...(body.external_id !== undefined ? { externalId: body.external_id } : {}),
    ...(body.output ? { output: { title: body.output.title, summary: body.output.summary, text: body.output.text ?? null, annotations: records } } : {}),
  };
}

/** Only GitHub Apps (bot tokens) may write check runs. */
function requireApp(request: ApiRequest): void {
  if (request.viewer.type !== 'Bot') throw new ApiError(403, 'You must authenticate via a GitHub App.');
}

function runParam(request: ApiRequest): CheckRunRecord {
  const run = request.state.checkRuns.get(numberParam(request, 'check_run_id'));
  if (!run) throw notFound();
  return run;
}

export const checkRoutes: Route[] = [
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/check-runs',
    scope: 'checks',
    role: 'read',
    handle: (request) => {
      requireApp(request);
      const body = parseBody(newRun, request.body, 'CheckRun');
      if (request.state.git.objectType(body.head_sha) !== 'commit') throw unprocessable(`No commit found for SHA: ${body.head_sha}`);
      const run = createCheckRun(request.state, { ...toChanges(body), name: body.name, headSha: body.head_sha, app: request.viewer.login });
      return json(201, checkRun(request.context, run));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    scope: 'checks',
    role: 'read',
    handle: (request) => json(200, checkRun(request.context, runParam(request))),
  },
  {
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    scope: 'checks',
    role: 'read',
    handle: (request) => {
      requireApp(request);
      const run = runParam(request);
      if (run.app !== request.viewer.login) throw new ApiError(403, 'Resource not accessible by integration');
      applyCheckRunChanges(request.state, run, toChanges(parseBody(runChanges, request.body, 'CheckRun')));
      return json(200, checkRun(request.context, run));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
    scope: 'checks',
    role: 'read',
    handle: (request) => {
      const run = runParam(request);
      const page = paginate(request, run.annotations);
      return json(
        200,
        page.items.map((item) => annotation(request.context, run, item)),
        page.headers,
      );
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    scope: 'checks',
    role: 'read',
    handle: (request) => {
      const sha = commitParam(request, 'ref');
      const filter = queryEnum(request.query, 'filter', ['latest', 'all'] as const, 'latest', 'CheckRun');
      const status = request.query.get('status');
      const name = request.query.get('check_name');
      const runs = checkRunsFor(request.state, sha, { ...(name ? { name } : {}), latestOnly: filter === 'latest' }).filter(
        (run) => !status || run.status === status,
      );
      const page = paginate(request, runs);
      return json(200, { total_count: runs.length, check_runs: page.items.map((run) => checkRun(request.context, run)) }, page.headers);
    },
  },
];
