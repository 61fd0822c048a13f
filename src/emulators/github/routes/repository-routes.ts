import { ApiError, notFound } from '../http/api-error.js';
import { json, type Route } from '../http/route.js';
import { fullRepository } from '../serialize/repository.js';
import { privateUser, publicUser, simpleUser } from '../serialize/users.js';

export const repositoryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}',
    scope: 'metadata',
    role: 'read',
    handle: (request) => json(200, fullRepository(request.context)),
  },
  {
    method: 'GET',
    path: '/user',
    scope: 'metadata',
    role: 'none',
    handle: (request) => {
      // Installation tokens (GITHUB_TOKEN) have no user behind them.
      if (request.viewer.type === 'Bot') throw new ApiError(403, 'Resource not accessible by integration');
      return json(200, privateUser(request.context, request.viewer));
    },
  },
  {
    method: 'GET',
    path: '/users/{username}',
    scope: 'metadata',
    role: 'none',
    handle: (request) => {
      const user = request.state.user(request.params['username'] ?? '');
      if (!user) throw notFound();
      return json(200, publicUser(request.context, user));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/collaborators/{username}/permission',
    scope: 'metadata',
    role: 'read',
    handle: (request) => {
      const { state } = request;
      const user = state.user(request.params['username'] ?? '');
      if (!user) throw notFound();
      const role = state.permissionOf(user.login);
      // `permission` keeps the legacy names: maintain shows as write, triage as read.
      const legacy = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      return json(200, {
        permission: legacy,
        role_name: role,
        user: { ...simpleUser(request.context, user), permissions: permissionFlags(role), role_name: role },
      });
    },
  },
];

function permissionFlags(role: string): Record<string, boolean> {
  const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
  return { pull: rank >= 1, triage: rank >= 2, push: rank >= 3, maintain: rank >= 4, admin: rank >= 5 };
}
