import { z } from 'zod';
import { ApiError, notFound, validationFailed } from '../http/api-error.js';
import { hasRole, requireRole } from '../http/authorize.js';
import { paginate } from '../http/pagination.js';
import { json, noContent, type ApiRequest, type Route } from '../http/route.js';
import { parseBody, queryEnum, querySince } from '../http/validate.js';
import { issue as serializeIssue } from '../serialize/issues.js';
import { createIssue, editIssueBody, renameIssue, replaceIssueLabels, setIssueState } from '../state/issue-actions.js';
import { setPullOpen } from '../state/pull-actions.js';
import type { IssueRecord } from '../state/records.js';
import { issueParam } from './lookup.js';

const labelList = z.array(z.union([z.string(), z.object({ name: z.string() })]));
const title = z.union([z.string().min(1), z.number()]).transform(String);

const newIssue = z.object({
  title,
  body: z.string().nullable().optional(),
  assignee: z.string().nullable().optional(),
  assignees: z.array(z.string()).optional(),
  labels: labelList.optional(),
  milestone: z.unknown().optional(),
  type: z.unknown().optional(),
});

const issueChanges = z.object({
  title: title.nullable().optional(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']).optional(),
  state_reason: z.enum(['completed', 'not_planned', 'reopened', 'duplicate']).nullable().optional(),
  assignee: z.string().nullable().optional(),
  assignees: z.array(z.string()).optional(),
  labels: labelList.optional(),
  milestone: z.unknown().optional(),
  type: z.unknown().optional(),
});

const assigneeBody = z.object({ assignees: z.array(z.string()).max(10).optional() });

function labelNames(list: z.infer<typeof labelList>): string[] {
  return list.map((item) => (typeof item === 'string' ? item : item.name)).filter((name) => name.trim() !== '');
}

function requireIssuesEnabled(request: ApiRequest): void {
  if (!request.state.settings.hasIssues) throw new ApiError(410, 'Issues are disabled for this repo');
}

/** Assignees named in a create/update must all be assignable, else 422 (the assignees endpoint drops them instead). */
function checkedAssignees(request: ApiRequest, logins: readonly string[]): string[] {
  const invalid = logins.filter((login) => !request.state.isAssignable(login));
  if (invalid.length > 0) throw validationFailed(invalid.map((value) => ({ resource: 'Issue', field: 'assignees', code: 'invalid', value })));
  return logins.map((login) => request.state.user(login)?.login ?? login);
}

function matchesAssignee(issue: IssueRecord, filter: string | null): boolean {
  if (filter === null || filter === '') return true;
  if (filter === 'none') return issue.assignees.length === 0;
  if (filter === '*') return issue.assignees.length > 0;
  return issue.assignees.some((login) => login.toLowerCase() === filter.toLowerCase());
}

function listIssues(request: ApiRequest): ReturnType<typeof json> {
  requireIssuesEnabled(request);
  const { query, state } = request;
  const wantedState = queryEnum(query, 'state', ['open', 'closed', 'all'] as const, 'open');
  const sort = queryEnum(query, 'sort', ['created', 'updated', 'comments'] as const, 'created');
  const direction = queryEnum(query, 'direction', ['asc', 'desc'] as const, 'desc');
  const since = querySince(query);
  const creator = query.get('creator')?.toLowerCase();
  const assignee = query.get('assignee');
  const labelIds = (query.get('labels') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => state.labelByName(name)?.id ?? -1);
  const commentCounts = new Map<number, number>();
  if (sort === 'comments')
    for (const comment of state.comments.values()) commentCounts.set(comment.issueNumber, (commentCounts.get(comment.issueNumber) ?? 0) + 1);
  const key = (issue: IssueRecord): string | number =>
    sort === 'created' ? issue.createdAt : sort === 'updated' ? issue.updatedAt : (commentCounts.get(issue.number) ?? 0);
  const matching = [...state.issues.values()]
    .filter((issue) => wantedState === 'all' || issue.state === wantedState)
    .filter((issue) => !creator || issue.author.toLowerCase() === creator)
    .filter((issue) => matchesAssignee(issue, assignee))
    .filter((issue) => labelIds.every((id) => issue.labelIds.includes(id)))
    .filter((issue) => !since || issue.updatedAt >= since)
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : a.number - b.number;
      return direction === 'asc' ? order : -order;
    });
  const page = paginate(request, matching);
  return json(
    200,
    page.items.map((issue) => serializeIssue(request.context, issue)),
    page.headers,
  );
}

export const issueRoutes: Route[] = [
  { method: 'GET', path: '/repos/{owner}/{repo}/issues', scope: 'issues', role: 'read', handle: listIssues },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      requireIssuesEnabled(request);
      const body = parseBody(newIssue, request.body, 'Issue');
      // Labels and assignees from users without push access are silently dropped, as on GitHub.
      const canTriage = hasRole(request.state, request.viewer, 'write');
      const assignees = canTriage ? checkedAssignees(request, [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])]) : [];
      const created = createIssue(request.state, {
        title: body.title,
        body: body.body ?? null,
        author: request.viewer.login,
        labels: canTriage ? labelNames(body.labels ?? []) : [],
        assignees,
      });
      return json(201, serializeIssue(request.context, created), { location: `${request.context.urls.repoApi}/issues/${created.number}` });
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/{issue_number}',
    scope: 'issues',
    role: 'read',
    handle: (request) => json(200, serializeIssue(request.context, issueParam(request))),
  },
  {
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/issues/{issue_number}',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const issue = issueParam(request);
      const { state, viewer } = request;
      const isAuthor = issue.author.toLowerCase() === viewer.login.toLowerCase();
      if (!isAuthor) requireRole(state, viewer, 'triage');
      const body = parseBody(issueChanges, request.body, 'Issue');
      const canWrite = hasRole(state, viewer, 'write');
      if ((body.title != null || body.body !== undefined) && !isAuthor && !canWrite) requireRole(state, viewer, 'write');
      if (body.title != null) renameIssue(state, issue, body.title, viewer.login);
      if (body.body !== undefined) editIssueBody(state, issue, body.body);
      if (hasRole(state, viewer, 'triage')) {
        if (body.labels) replaceIssueLabels(state, issue, labelNames(body.labels), viewer.login);
        if (body.assignees || body.assignee !== undefined) {
          const wanted = body.assignees ?? (body.assignee ? [body.assignee] : []);
          issue.assignees = checkedAssignees(request, [...new Set(wanted)]);
        }
      }
      if (body.state !== undefined || body.state_reason != null) {
        const next = body.state ?? issue.state;
        const pull = issue.isPullRequest ? state.pull(issue.number) : undefined;
        if (pull) setPullOpen(state, pull, next === 'open', viewer.login);
        else setIssueState(state, issue, next, next === 'closed' ? (body.state_reason ?? null) : null, viewer.login);
      }
      state.touch(issue);
      return json(200, serializeIssue(request.context, issue));
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/assignees',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const issue = issueParam(request);
      const body = parseBody(assigneeBody, request.body, 'Issue');
      if (hasRole(request.state, request.viewer, 'write')) {
        for (const login of body.assignees ?? []) {
          const user = request.state.user(login);
          if (user && request.state.isAssignable(user.login) && !issue.assignees.includes(user.login) && issue.assignees.length < 10)
            issue.assignees.push(user.login);
        }
        request.state.touch(issue);
      }
      return json(201, serializeIssue(request.context, issue));
    },
  },
  {
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/assignees',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      const issue = issueParam(request);
      const body = parseBody(assigneeBody, request.body, 'Issue');
      if (hasRole(request.state, request.viewer, 'write')) {
        const removed = new Set((body.assignees ?? []).map((login) => login.toLowerCase()));
        issue.assignees = issue.assignees.filter((login) => !removed.has(login.toLowerCase()));
        request.state.touch(issue);
      }
      return json(200, serializeIssue(request.context, issue));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/assignees/{assignee}',
    scope: 'issues',
    role: 'read',
    handle: (request) => {
      if (!request.state.isAssignable(request.params['assignee'] ?? '')) throw notFound();
      return noContent();
    },
  },
];
