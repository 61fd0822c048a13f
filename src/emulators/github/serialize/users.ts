import type { UserRecord } from '../state/records.js';
import { nodeId, type SerializeContext } from './context.js';

/** GitHub's placeholder for a deleted account. */
const GHOST: UserRecord = { id: 10137, login: 'ghost', type: 'User', name: null, email: null, createdAt: '2008-05-13T06:14:25Z' };

export function simpleUser(context: SerializeContext, user: UserRecord): Record<string, unknown> {
  const api = `${context.urls.apiUrl}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'Bot' : 'User', user.id),
    avatar_url: `${context.urls.serverUrl}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: user.type === 'Bot' ? `${context.urls.serverUrl}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${context.urls.serverUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** A login as a user object; unknown logins show as GitHub's ghost, as deleted accounts do. */
export function userByLogin(context: SerializeContext, login: string): Record<string, unknown> {
  return simpleUser(context, context.state.user(login) ?? GHOST);
}

export function publicUser(context: SerializeContext, user: UserRecord): Record<string, unknown> {
  return {
    ...simpleUser(context, user),
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
  };
}

/** GET /user adds the private counters of the authenticated account. */
export function privateUser(context: SerializeContext, user: UserRecord): Record<string, unknown> {
  return {
    ...publicUser(context, user),
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, private_repos: 10000, collaborators: 0 },
  };
}

/** The relation GitHub reports between an author and this repository. */
export function authorAssociation(context: SerializeContext, login: string): string {
  const { state } = context;
  if (login.toLowerCase() === state.repo.owner.toLowerCase()) return 'OWNER';
  if (state.permissions.has(login.toLowerCase()) && state.permissionOf(login) !== 'read' && state.permissionOf(login) !== 'none') return 'COLLABORATOR';
  return 'NONE';
}
