import { randomBytes } from 'node:crypto';
import type { TokenScope } from './route.js';

export type ScopeAccess = 'read' | 'write' | 'none';

export interface TokenOptions {
  /** Every scope read-only: writes answer 403 "Resource not accessible by integration". */
  readOnly?: boolean;
  /** A workflow's `permissions:` block; unlisted scopes are `none` (metadata is always read). */
  permissions?: Partial<Record<TokenScope, ScopeAccess>>;
}

export interface TokenGrant {
  token: string;
  login: string;
  readOnly: boolean;
  permissions?: Partial<Record<TokenScope, ScopeAccess>>;
}

/** Tokens the emulator accepts, each bound to one user and optionally narrowed like GITHUB_TOKEN. */
export class TokenRegistry {
  private readonly grants = new Map<string, TokenGrant>();

  issue(login: string, options: TokenOptions = {}, prefix = 'ghp'): string {
    const token = `${prefix}_${randomBytes(18).toString('base64url')}`;
    this.grants.set(token, {
      token,
      login,
      readOnly: options.readOnly ?? false,
      ...(options.permissions ? { permissions: options.permissions } : {}),
    });
    return token;
  }

  lookup(token: string): TokenGrant | undefined {
    return this.grants.get(token);
  }

  revoke(token: string): void {
    this.grants.delete(token);
  }
}

/** What a grant allows for one scope. */
export function accessFor(grant: TokenGrant, scope: TokenScope): ScopeAccess {
  // A GITHUB_TOKEN never holds `workflows`; only a token given it explicitly may change workflow files.
  if (scope === 'workflows') return grant.readOnly ? 'none' : (grant.permissions?.workflows ?? 'none');
  // GITHUB_TOKEN cannot be given `administration`; an app's installation token holds it only when granted.
  if (scope === 'administration' && grant.token.startsWith('ghs_')) return grant.readOnly ? 'none' : (grant.permissions?.administration ?? 'none');
  let access: ScopeAccess = 'write';
  if (grant.permissions) access = scope === 'metadata' ? 'read' : (grant.permissions[scope] ?? 'none');
  return grant.readOnly && access === 'write' ? 'read' : access;
}
