import { z } from 'zod';
import { ApiError, notFound, validationFailed } from '../http/api-error.js';
import { paginate } from '../http/pagination.js';
import { json, noContent, type ApiRequest, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { addLabelsToIssue, createLabel, eventsOf, issueLabels, removeLabelFromIssue, replaceIssueLabels } from '../state/issue-actions.js';
import type { LabelRecord } from '../state/records.js';
import { issueEvent, label } from '../serialize/issues.js';
import { issueParam } from './lookup.js';

const COLOR = z.string().regex(/^#?[0-9a-fA-F]{6}$/);

const newLabel = z.object({ name: z.string().min(1), color: COLOR.optional(), description: z.string().max(100).nullable().optional() });
const labelChanges = z.object({ new_name: z.string().min(1).optional(), color: COLOR.optional(), description: z.string().max(100).nullable().optional() });

/** Issue label bodies: `{labels: [...]}`, a bare array, or `{labels: [{name}]}` as GitHub accepts. */
const labelNames = z.union([z.object({ labels: z.array(z.union([z.string(), z.object({ name: z.string() })])) }), z.array(z.string())]);

function namesFrom(body: z.infer<typeof labelNames>): string[] {
  const list = Array.isArray(body) ? body : body.labels;
  return list.map((item) => (typeof item === 'string' ? item : item.name)).filter((name) => name.trim() !== '');
}

function labelParam(request: ApiRequest): LabelRecord {
  const found = request.state.labelByName(request.params['name'] ?? '');
  if (!found) throw notFound();
  return found;
}

function issueLabelList(request: ApiRequest, issueNumber: number): ReturnType<typeof json> {
  const issue = request.state.issue(issueNumber);
  if (!issue) throw notFound();
  return json(
    200,
    issueLabels(request.state, issue).map((record) => label(request.context, record)),
  );
}

export const labelRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/labels',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const page = paginate(
        request,
        [...request.state.labels.values()].sort((a, b) => a.name.localeCompare(b.name)),
      );
      return json(
        200,
        page.items.map((record) => label(request.context, record)),
        page.headers,
      );
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/labels',
    scope: 'issues',
    role: 'write',
    handle: (request) => {
      const body = parseBody(newLabel, request.body, 'Label');
      return json(201, label(request.context, createLabel(request.state, body)));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/labels/{name}',
    scope: 'issues',
    role: 'read',
    handle: (request) => json(200, label(request.context, labelParam(request))),
  },
  {
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/labels/{name}',
    scope: 'issues',
    role: 'write',
    handle: (request) => {
      const record = labelParam(request);
      const body = parseBody(labelChanges, request.body, 'Label');
      if (body.new_name !== undefined) {
        const clash = request.state.labelByName(body.new_name);
        if (clash && clash.id !== record.id) throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
        record.name = body.new_name;
      }
      if (body.color !== undefined) record.color = body.color.replace(/^#/, '').toLowerCase();
      if (body.description !== undefined) record.description = body.description;
      return json(200, label(request.context, record));
    },
  },
  {
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/labels/{name}',
    scope: 'issues',
    role: 'write',
    handle: (request) => {
      const record = labelParam(request);
      request.state.labels.delete(record.id);
      for (const issue of request.state.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== record.id);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const issue = issueParam(request);
      const page = paginate(request, issueLabels(request.state, issue));
      return json(
        200,
        page.items.map((record) => label(request.context, record)),
        page.headers,
      );
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    scope: 'issues',
    role: 'triage',
    handle: (request) => {
      const issue = issueParam(request);
      addLabelsToIssue(request.state, issue, namesFrom(parseBody(labelNames, request.body, 'Label')), request.viewer.login);
      return issueLabelList(request, issue.number);
    },
  },
  {
    method: 'PUT',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    scope: 'issues',
    role: 'triage',
    handle: (request) => {
      const issue = issueParam(request);
      replaceIssueLabels(request.state, issue, namesFrom(parseBody(labelNames, request.body ?? { labels: [] }, 'Label')), request.viewer.login);
      return issueLabelList(request, issue.number);
    },
  },
  {
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    scope: 'issues',
    role: 'triage',
    handle: (request) => {
      const issue = issueParam(request);
      replaceIssueLabels(request.state, issue, [], request.viewer.login);
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    scope: 'issues',
    role: 'triage',
    handle: (request) => {
      const issue = issueParam(request);
      if (!removeLabelFromIssue(request.state, issue, request.params['name'] ?? '', request.viewer.login)) throw new ApiError(404, 'Label does not exist');
      return issueLabelList(request, issue.number);
    },
  },
  {
    // Who added or removed each label and who renamed the issue, oldest first: what an approval rests on.
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/events',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const issue = issueParam(request);
      const page = paginate(request, eventsOf(request.state, issue.number));
      return json(
        200,
        page.items.map((record) => issueEvent(request.context, record)),
        page.headers,
      );
    },
  },
];
