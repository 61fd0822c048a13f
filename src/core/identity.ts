/**
 * Who the bot is and what other users may do. Identity is always by numeric id and account type: a login is
 * display text (a user can be named `github-actions-bot`), an id cannot be spoofed.
 */
import type { GitHub } from './github.js';
import type { RepoRef } from './repo.js';
import { gitHubStatus } from './github-errors.js';

export interface BotIdentity {
  login: string;
  id: number;
  /** `Bot` for apps and github-actions, `User` for a machine user's PAT. */
  type: string;
}

export const DEFAULT_BOT_LOGIN = 'github-actions[bot]';

/** github-actions[bot] on github.com; other servers (GHES) give it another id, so resolve rather than assume. */
export const GITHUB_ACTIONS_BOT: BotIdentity = Object.freeze({ login: DEFAULT_BOT_LOGIN, id: 41898282, type: 'Bot' });

/**
 * Resolves the bot's id through `GET /users/{login}`, which any token may call. `GET /user` would be simpler
 * but fails for GITHUB_TOKEN, the default token of every action.
 */
export async function resolveBotIdentity(gh: GitHub, login: string = DEFAULT_BOT_LOGIN): Promise<BotIdentity> {
  const { data } = await gh.rest.users.getByUsername({ username: login });
  return { login: data.login, id: data.id, type: data.type };
}

/** Whether a user (from a comment, PR or commit; null for deleted accounts) is the bot. */
export function isBot(user: { id: number; type?: string | null } | null | undefined, bot: BotIdentity): boolean {
  return user != null && user.id === bot.id && user.type === bot.type;
}

export const PERMISSIONS = ['admin', 'maintain', 'write', 'triage', 'read', 'none'] as const;
export type Permission = (typeof PERMISSIONS)[number];

function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** Pure: the finest permission the API response states. `role_name` knows maintain/triage; `permission` does not. */
export function permissionFrom(data: { permission?: string | null; role_name?: string | null }): Permission {
  if (isPermission(data.role_name)) return data.role_name;
  if (isPermission(data.permission)) return data.permission;
  return 'none';
}

/** A user's permission on the repository; someone who is not a collaborator (404) has none. */
export async function userPermission(gh: GitHub, repo: RepoRef, login: string): Promise<Permission> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ owner: repo.owner, repo: repo.repo, username: login });
    return permissionFrom(data);
  } catch (error) {
    if (gitHubStatus(error) === 404) return 'none';
    throw error;
  }
}

/** Whether a permission lets its holder decide (approve, reject, retry): write or above. */
export function canWrite(permission: Permission): boolean {
  return permission === 'admin' || permission === 'maintain' || permission === 'write';
}
