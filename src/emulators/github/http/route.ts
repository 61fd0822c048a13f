import type { IncomingHttpHeaders } from 'node:http';
import type { SerializeContext } from '../serialize/context.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { Permission, UserRecord } from '../state/records.js';
import type { RateLimiter } from './rate-limits.js';
import type { TokenGrant } from './tokens.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The GITHUB_TOKEN permission a route falls under (its `permissions:` key in a workflow). */
export type TokenScope =
  'metadata' | 'administration' | 'contents' | 'issues' | 'pull_requests' | 'checks' | 'statuses' | 'actions' | 'workflows' | 'discussions';

export interface ApiRequest {
  method: HttpMethod;
  /** Path below the API prefix, e.g. /repos/acme/widgets/issues */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The full URL the client used, to build `Link` headers. */
  url: URL;
  viewer: UserRecord;
  grant: TokenGrant;
  state: EmulatorState;
  context: SerializeContext;
  rateLimits: RateLimiter;
}

export interface ApiResponse {
  status: number;
  /** Serialised as JSON unless `text` is given. */
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: HttpMethod;
  /** The operation's path template in GitHub's OpenAPI description. */
  path: string;
  scope: TokenScope;
  /** The least repository role allowed to call it at all; handlers check finer rules. */
  role: Permission;
  /** Rate-limit bucket. */
  resource?: 'core' | 'search';
  /** Synchronous on purpose: each request then applies atomically, like a transaction. */
  handle(request: ApiRequest): ApiResponse;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, body, ...(headers ? { headers } : {}) };
}

export function noContent(): ApiResponse {
  return { status: 204 };
}
