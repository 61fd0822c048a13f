import { permissionAtLeast } from '../state/repository-state.js';
import type { RepositoryState } from '../state/repository-state.js';
import type { UserRecord } from '../state/records.js';
import { ApiError, forbidden, notFound } from './api-error.js';
import type { Route } from './route.js';
import { accessFor, type TokenGrant, type TokenRegistry } from './tokens.js';

/** The token of an `Authorization: token …` or `Bearer …` header (what Octokit sends). */
export function apiToken(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export function authenticate(tokens: TokenRegistry, state: RepositoryState, header: string | undefined): { grant: TokenGrant; user: UserRecord } {
  if (!header) throw new ApiError(401, 'Requires authentication');
  const token = apiToken(header);
  const grant = token ? tokens.lookup(token) : undefined;
  const user = grant ? state.user(grant.login) : undefined;
  if (!grant || !user) throw new ApiError(401, 'Bad credentials');
  return { grant, user };
}

/** Repository visibility, then the token's scope, then the user's role, as GitHub checks them. */
export function authorize(state: RepositoryState, route: Route, grant: TokenGrant, user: UserRecord, touchesRepo: boolean): void {
  const role = state.permissionOf(user.login);
  if (touchesRepo && role === 'none') throw notFound();
  const isWrite = route.method !== 'GET';
  const access = accessFor(grant, route.scope);
  if (access === 'none' || (isWrite && access !== 'write')) {
    // Unreadable resources are hidden; unwritable ones are refused the way GitHub refuses app tokens.
    if (!isWrite && access === 'none') throw forbidden('Resource not accessible by integration');
    throw forbidden(user.type === 'Bot' ? 'Resource not accessible by integration' : 'Resource not accessible by personal access token');
  }
  if (!permissionAtLeast(role, route.role)) {
    throw forbidden(user.type === 'Bot' ? 'Resource not accessible by integration' : `Must have ${route.role} access to this repository.`);
  }
}

/** Handlers call this for rules finer than the route's role (e.g. "author or triage"). */
export function requireRole(state: RepositoryState, user: UserRecord, needed: Parameters<typeof permissionAtLeast>[1]): void {
  if (!permissionAtLeast(state.permissionOf(user.login), needed)) {
    throw forbidden(user.type === 'Bot' ? 'Resource not accessible by integration' : `Must have ${needed} access to this repository.`);
  }
}

export function hasRole(state: RepositoryState, user: UserRecord, needed: Parameters<typeof permissionAtLeast>[1]): boolean {
  return permissionAtLeast(state.permissionOf(user.login), needed);
}
