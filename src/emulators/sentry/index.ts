/**
 * The Sentry emulator: the part of Sentry's web API (`/api/0/`) that reads an organisation's issues and their
 * events, on 127.0.0.1, written from Sentry's public API documentation. Bearer tokens with scopes, the
 * documented 401/403/404 answers, cursor pagination in the `Link` header and the `X-Sentry-Rate-Limit-*`
 * headers with 429 when a token's window is spent. Tests and local dry runs need no Sentry account.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueJson, eventJson, type StoredIssue } from './shapes.js';

export type { SentryEventInput, SentryFrameInput, SentryIssueInput } from './shapes.js';
import type { SentryIssueInput } from './shapes.js';

export interface SentryToken {
  token: string;
  /** e.g. `event:read`, `project:read`, `org:read`. */
  scopes: string[];
}

export interface SentryEmulatorOptions {
  /** The organisation's slug. */
  organization: string;
  /** Project slugs of the organisation. */
  projects: string[];
  issues?: SentryIssueInput[];
  tokens?: SentryToken[];
  /** Requests per token per window; unlimited when absent. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Issues per page of a listing (Sentry's default is 25, at most 100 with `limit`). */
  pageSize?: number;
  now?: () => Date;
}

export interface SentryRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface SentryEmulator {
  /** e.g. http://127.0.0.1:PORT — what `sentry-url` is set to. */
  url: string;
  requests: SentryRequest[];
  /** Adds an issue (or replaces one with the same id) while it runs. */
  addIssue(issue: SentryIssueInput): void;
  /** Resolves an issue, as the Resolve button does. */
  resolve(id: string): void;
  /** Starts a new rate-limit window for every token. */
  resetRateLimit(): void;
  close(): Promise<void>;
}

const READ_ISSUES = ['event:read', 'event:write', 'event:admin'];
const NOT_FOUND = { detail: 'The requested resource does not exist' };

interface Window {
  start: number;
  used: number;
}

/** Sentry's search: `is:unresolved|resolved|ignored`, `lastSeen:-7d` / `firstSeen:-24h`; no `is:` means unresolved. */
export function matchesQuery(issue: StoredIssue, query: string, now: Date): boolean {
  let status = 'unresolved';
  for (const term of query.split(/\s+/).filter(Boolean)) {
    const is = /^is:(\w+)$/.exec(term);
    if (is) {
      status = is[1] ?? status;
      continue;
    }
    const seen = /^(lastSeen|firstSeen):-(\d+)([mhdw])$/.exec(term);
    if (seen) {
      const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[seen[3] as 'm' | 'h' | 'd' | 'w'];
      const at = Date.parse(seen[1] === 'lastSeen' ? issue.lastSeen : issue.firstSeen);
      if (at < now.getTime() - Number(seen[2]) * unit) return false;
    }
  }
  return issue.status === status;
}

/** `Link: <…?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <…?cursor=0:25:0>; rel="next"; results="true"; cursor="0:25:0"`. */
function linkHeader(base: string, query: Record<string, string>, offset: number, pageSize: number, total: number): string {
  const link = (cursor: string, rel: string, results: boolean) => {
    const params = new URLSearchParams({ ...query, cursor });
    return `<${base}?${params.toString()}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  };
  const previous = `0:${Math.max(0, offset - pageSize)}:1`;
  const next = `0:${offset + pageSize}:0`;
  return [link(offset === 0 ? '0:0:1' : previous, 'previous', offset > 0), link(next, 'next', offset + pageSize < total)].join(', ');
}

export async function startSentryEmulator(options: SentryEmulatorOptions): Promise<SentryEmulator> {
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 25;
  const issues = new Map<string, StoredIssue>();
  let nextId = 4_000_000_001;
  const addIssue = (input: SentryIssueInput) => {
    const id = input.id ?? String(nextId++);
    issues.set(id, { ...input, id, status: input.status ?? 'unresolved' });
  };
  for (const issue of options.issues ?? []) addIssue(issue);
  const tokens = new Map((options.tokens ?? []).map((token) => [token.token, token.scopes]));
  const windows = new Map<string, Window>();
  const requests: SentryRequest[] = [];
  let url = '';

  /** The rate-limit headers of this request, or the 429 it gets. */
  function rateLimit(token: string, response: ServerResponse): boolean {
    if (!options.rateLimit) return true;
    const { limit, windowSeconds } = options.rateLimit;
    const at = now().getTime();
    let window = windows.get(token);
    if (!window || at >= window.start + windowSeconds * 1000) {
      window = { start: at, used: 0 };
      windows.set(token, window);
    }
    const allowed = window.used < limit;
    if (allowed) window.used++;
    response.setHeader('X-Sentry-Rate-Limit-Limit', String(limit));
    response.setHeader('X-Sentry-Rate-Limit-Remaining', String(limit - window.used));
    response.setHeader('X-Sentry-Rate-Limit-Reset', String(Math.ceil((window.start + windowSeconds * 1000) / 1000)));
    response.setHeader('X-Sentry-Rate-Limit-ConcurrentLimit', '25');
    response.setHeader('X-Sentry-Rate-Limit-ConcurrentRemaining', '24');
    return allowed;
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const parsed = new URL(request.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(parsed.searchParams);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: request.method ?? 'GET', path: parsed.pathname, query, status });
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    const auth = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!auth) return send(401, { detail: 'Authentication credentials were not provided.' });
    const scopes = tokens.get(auth[1] ?? '');
    if (!scopes) return send(401, { detail: 'Invalid token' });
    if (!rateLimit(auth[1] ?? '', response)) {
      const { limit, windowSeconds } = options.rateLimit ?? { limit: 0, windowSeconds: 0 };
      return send(429, { detail: `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowSeconds} seconds` });
    }
    if (request.method !== 'GET') return send(405, { detail: `Method "${request.method}" not allowed.` });
    const canRead = scopes.some((scope) => READ_ISSUES.includes(scope));

    const list = /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/issues\/$/.exec(parsed.pathname);
    if (list) {
      if (list[1] !== options.organization || !options.projects.includes(list[2] ?? '')) return send(404, NOT_FOUND);
      if (!canRead) return send(403, { detail: 'You do not have permission to perform this action.' });
      const cursor = /^(\d+):(\d+):([01])$/.exec(query['cursor'] ?? '0:0:0');
      if (!cursor) return send(400, { detail: 'Invalid cursor parameter.' });
      const size = query['limit'] ? Math.min(100, Math.max(1, Number(query['limit']) || pageSize)) : pageSize;
      const offset = Number(cursor[2]);
      const matching = [...issues.values()]
        .filter((issue) => issue.project === list[2] && matchesQuery(issue, query['query'] ?? '', now()))
        // The default sort, `date`: most recently seen first.
        .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || b.id.localeCompare(a.id));
      const page = matching.slice(offset, offset + size).map((issue) => issueJson(issue, url, options.organization));
      const { cursor: _, ...rest } = query;
      return send(200, page, { Link: linkHeader(`${url}${parsed.pathname}`, rest, offset, size, matching.length) });
    }
    const event = /^\/api\/0\/(?:organizations\/([^/]+)\/)?issues\/(\d+)\/events\/(latest|oldest|recommended)\/$/.exec(parsed.pathname);
    if (event) {
      if (event[1] !== undefined && event[1] !== options.organization) return send(404, NOT_FOUND);
      const issue = issues.get(event[2] ?? '');
      if (!issue) return send(404, NOT_FOUND);
      if (!canRead) return send(403, { detail: 'You do not have permission to perform this action.' });
      const events = [...issue.events].sort((a, b) => a.dateCreated.localeCompare(b.dateCreated));
      const chosen = event[3] === 'oldest' ? events[0] : events[events.length - 1];
      // Events past the retention period are gone while their issue stays.
      if (!chosen) return send(404, { detail: 'Event not found' });
      return send(200, eventJson(issue, chosen, events));
    }
    return send(404, NOT_FOUND);
  }

  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handle(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    addIssue,
    resolve: (id) => {
      const issue = issues.get(id);
      if (issue) issue.status = 'resolved';
    },
    resetRateLimit: () => windows.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
