import { z } from 'zod';
import { unprocessable } from '../http/api-error.js';
import { paginate } from '../http/pagination.js';
import { json, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { combined, status } from '../serialize/checks.js';
import { createStatus, statusesFor } from '../state/check-actions.js';
import { commitParam } from './lookup.js';

const newStatus = z.object({
  state: z.enum(['error', 'failure', 'pending', 'success']),
  target_url: z.string().nullable().optional(),
  description: z.string().max(140).nullable().optional(),
  context: z.string().optional(),
});

export const statusRoutes: Route[] = [
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/statuses/{sha}',
    scope: 'statuses',
    role: 'write',
    handle: (request) => {
      const sha = request.params['sha'] ?? '';
      // Statuses attach to a full commit sha, never to a branch name.
      if (!/^[0-9a-f]{40}$/.test(sha) || request.state.git.objectType(sha) !== 'commit') throw unprocessable(`No commit found for SHA: ${sha}`);
      const body = parseBody(newStatus, request.body, 'Status');
      const record = createStatus(request.state, {
        sha,
        state: body.state,
        creator: request.viewer.login,
        ...(body.context ? { context: body.context } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.target_url !== undefined ? { targetUrl: body.target_url } : {}),
      });
      return json(201, status(request.context, record));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}/statuses',
    scope: 'statuses',
    role: 'read',
    handle: (request) => {
      const page = paginate(request, statusesFor(request.state, commitParam(request, 'ref')));
      return json(
        200,
        page.items.map((record) => status(request.context, record)),
        page.headers,
      );
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}/status',
    scope: 'statuses',
    role: 'read',
    handle: (request) => json(200, combined(request.context, commitParam(request, 'ref'))),
  },
];
