import { z } from 'zod';
import { forbidden, notFound, unprocessable, validationFailed } from '../http/api-error.js';
import { requireRole } from '../http/authorize.js';
import { paginate } from '../http/pagination.js';
import { json, noContent, type ApiRequest, type ApiResponse, type Route } from '../http/route.js';
import { parseBody, queryEnum } from '../http/validate.js';
import { commit } from '../serialize/git-objects.js';
import { BOT_LOGIN } from '../state/repository-state.js';
import { diffEntry, pullRequest } from '../serialize/pulls.js';
import {
  createPull,
  isOpen,
  liveBaseSha,
  liveHeadSha,
  mergePull,
  pullCommits,
  pullFiles,
  pullIssue,
  setPullOpen,
  threeDotDiff,
} from '../state/pull-actions.js';
import { editIssueBody } from '../state/issue-actions.js';
import type { PullRecord } from '../state/records.js';
import { pullParam } from './lookup.js';

const newPull = z.object({
  title: z.string().min(1).optional(),
  head: z.string().min(1),
  head_repo: z.string().optional(),
  base: z.string().min(1),
  body: z.string().nullable().optional(),
  draft: z.boolean().optional(),
  maintainer_can_modify: z.boolean().optional(),
  issue: z.number().int().optional(),
});

const pullChanges = z.object({
  title: z.string().min(1).optional(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']).optional(),
  base: z.string().min(1).optional(),
  maintainer_can_modify: z.boolean().optional(),
});

const mergeBody = z.object({
  commit_title: z.string().optional(),
  commit_message: z.string().optional(),
  sha: z.string().optional(),
  merge_method: z.enum(['merge', 'squash', 'rebase']).optional(),
});

const reviewerBody = z.object({ reviewers: z.array(z.string()).optional(), team_reviewers: z.array(z.string()).optional() });

/** `Accept: application/vnd.github.diff` (or `.patch`) turns GET one into the raw text. */
function rawFormat(request: ApiRequest): 'diff' | 'patch' | undefined {
  const accept = String(request.headers.accept ?? '');
  if (/application\/vnd\.github(\.v3)?\.diff/.test(accept)) return 'diff';
  if (/application\/vnd\.github(\.v3)?\.patch/.test(accept)) return 'patch';
  return undefined;
}

function splitHead(request: ApiRequest, head: string): { owner: string; branch: string } {
  const colon = head.indexOf(':');
  if (colon === -1) return { owner: request.state.repo.owner, branch: head };
  return { owner: head.slice(0, colon), branch: head.slice(colon + 1) };
}

function listPulls(request: ApiRequest): ApiResponse {
  const { state, query } = request;
  const wanted = queryEnum(query, 'state', ['open', 'closed', 'all'] as const, 'open');
  const sort = queryEnum(query, 'sort', ['created', 'updated', 'popularity', 'long-running'] as const, 'created', 'PullRequest');
  const direction = queryEnum(query, 'direction', ['asc', 'desc'] as const, sort === 'long-running' ? 'asc' : 'desc');
  const head = query.get('head');
  const headFilter = head ? splitHead(request, head) : undefined;
  const base = query.get('base');
  const pulls = [...state.pulls.values()]
    .filter((pull) => wanted === 'all' || pullIssue(state, pull).state === wanted)
    .filter((pull) => !base || pull.baseRef === base)
    .filter((pull) => {
      if (!headFilter) return true;
      const owner = pull.fork?.owner ?? state.repo.owner;
      return owner.toLowerCase() === headFilter.owner.toLowerCase() && pull.headRef === headFilter.branch;
    })
    .sort((a, b) => {
      const key = (pull: PullRecord): string => (sort === 'updated' ? pullIssue(state, pull).updatedAt : pullIssue(state, pull).createdAt);
      const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
      return direction === 'asc' ? order : -order;
    });
  const page = paginate(request, pulls);
  return json(
    200,
    page.items.map((pull) => pullRequest(request.context, pull, false)),
    page.headers,
  );
}

function getPull(request: ApiRequest): ApiResponse {
  const pull = pullParam(request);
  const format = rawFormat(request);
  const { state } = request;
  if (format === 'diff') {
    return {
      status: 200,
      text: threeDotDiff(state, liveBaseSha(state, pull), liveHeadSha(state, pull)),
      contentType: 'application/vnd.github.diff; charset=utf-8',
    };
  }
  if (format === 'patch') {
    const range = `${state.git.mergeBase(liveBaseSha(state, pull), liveHeadSha(state, pull)) ?? liveBaseSha(state, pull)}..${liveHeadSha(state, pull)}`;
    return { status: 200, text: state.git.git.text(['format-patch', '--stdout', range]), contentType: 'application/vnd.github.patch; charset=utf-8' };
  }
  return json(200, pullRequest(request.context, pull, true));
}

function requireAuthorOrWriter(request: ApiRequest, pull: PullRecord): void {
  if (pullIssue(request.state, pull).author.toLowerCase() !== request.viewer.login.toLowerCase()) requireRole(request.state, request.viewer, 'write');
}

export const pullRoutes: Route[] = [
  { method: 'GET', path: '/repos/{owner}/{repo}/pulls', scope: 'pull_requests', role: 'read', handle: listPulls },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const body = parseBody(newPull, request.body, 'PullRequest');
      const { state } = request;
      // Settings → Actions → General: "Allow GitHub Actions to create and approve pull requests".
      if (request.viewer.login === BOT_LOGIN && !state.settings.workflowPermissions.canApprovePullRequestReviews) {
        throw forbidden('GitHub Actions is not permitted to create or approve pull requests.');
      }
      let title = body.title;
      let text = body.body ?? null;
      if (body.issue !== undefined) {
        // Converting an issue keeps its title and body.
        const issue = state.issue(body.issue);
        if (!issue || issue.isPullRequest) throw validationFailed([{ resource: 'PullRequest', field: 'issue', code: 'invalid' }]);
        title = issue.title;
        text = issue.body;
      }
      if (!title) throw validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
      const head = splitHead(request, body.head);
      const fork = head.owner.toLowerCase() === state.repo.owner.toLowerCase() ? undefined : { owner: head.owner };
      const pull = createPull(state, {
        head: head.branch,
        base: body.base,
        title,
        body: text,
        author: request.viewer.login,
        draft: body.draft ?? false,
        ...(fork ? { fork } : {}),
        ...(body.maintainer_can_modify !== undefined ? { maintainerCanModify: body.maintainer_can_modify } : {}),
      });
      return json(201, pullRequest(request.context, pull, true), { location: `${request.context.urls.repoApi}/pulls/${pull.number}` });
    },
  },
  { method: 'GET', path: '/repos/{owner}/{repo}/pulls/{pull_number}', scope: 'pull_requests', role: 'read', handle: getPull },
  {
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      requireAuthorOrWriter(request, pull);
      const body = parseBody(pullChanges, request.body, 'PullRequest');
      const { state } = request;
      const issue = pullIssue(state, pull);
      if (body.base !== undefined) {
        if (!state.git.resolve(`refs/heads/${body.base}`)) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        pull.baseRef = body.base;
      }
      if (body.title !== undefined) issue.title = body.title;
      if (body.body !== undefined) editIssueBody(state, issue, body.body);
      if (body.maintainer_can_modify !== undefined) pull.maintainerCanModify = body.maintainer_can_modify;
      if (body.state !== undefined) setPullOpen(state, pull, body.state === 'open', request.viewer.login);
      state.touch(issue);
      return json(200, pullRequest(request.context, pull, true));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const head = liveHeadSha(request.state, pull);
      // GitHub lists at most 3,000 files of a pull request.
      const page = paginate(request, pullFiles(request.state, pull).slice(0, 3000));
      return json(
        200,
        page.items.map((file) => diffEntry(request.context, file, head)),
        page.headers,
      );
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/commits',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const { git } = request.state;
      const page = paginate(request, pullCommits(request.state, pull).slice(0, 250));
      const commits = page.items.map((sha) => git.readCommit(sha)).filter((info) => info !== undefined);
      return json(
        200,
        commits.map((info) => commit(request.context, info)),
        page.headers,
      );
    },
  },
  {
    method: 'PUT',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    scope: 'contents',
    role: 'write',
    handle: (request) => {
      const pull = pullParam(request);
      const body = parseBody(mergeBody, request.body, 'PullRequest');
      const sha = mergePull(request.state, pull, {
        method: body.merge_method ?? 'merge',
        actor: request.viewer.login,
        ...(body.sha !== undefined ? { sha: body.sha } : {}),
        ...(body.commit_title !== undefined ? { commitTitle: body.commit_title } : {}),
        ...(body.commit_message !== undefined ? { commitMessage: body.commit_message } : {}),
      });
      return json(200, { sha, merged: true, message: 'Pull Request successfully merged' });
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      if (!pullParam(request).merged) throw notFound();
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const pull = pullParam(request);
      const simple = pullRequest(request.context, pull, false);
      return json(200, { users: simple['requested_reviewers'], teams: [] });
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    scope: 'pull_requests',
    role: 'triage',
    handle: (request) => {
      const pull = pullParam(request);
      const body = parseBody(reviewerBody, request.body, 'PullRequest');
      const { state } = request;
      const author = pullIssue(state, pull).author.toLowerCase();
      for (const login of body.reviewers ?? []) {
        const user = state.user(login);
        if (!user || !state.isAssignable(user.login)) {
          throw unprocessable(
            `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${state.repo.owner}/${state.repo.name} repository.`,
          );
        }
        if (user.login.toLowerCase() === author) throw unprocessable('Review cannot be requested from pull request author.');
        if (!pull.requestedReviewers.includes(user.login)) pull.requestedReviewers.push(user.login);
      }
      return json(201, pullRequest(request.context, pull, false));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    scope: 'pull_requests',
    role: 'read',
    handle: (request) => {
      const { state } = request;
      const sha = state.git.resolve(request.params['commit_sha'] ?? '');
      if (!sha) throw unprocessable(`No commit found for SHA: ${request.params['commit_sha'] ?? ''}`);
      const pulls = [...state.pulls.values()].filter((pull) => {
        if (pull.mergeCommitSha === sha) return true;
        if (!pull.merged && !isOpen(state, pull)) return false;
        return pullCommits(state, pull).includes(sha);
      });
      const page = paginate(request, pulls);
      return json(
        200,
        page.items.map((pull) => pullRequest(request.context, pull, false)),
        page.headers,
      );
    },
  },
];
