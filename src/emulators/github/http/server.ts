import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Urls } from '../serialize/context.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { ApiError, badRequest, notFound } from './api-error.js';
import { apiToken, authenticate, authorize } from './authorize.js';
import { gitHttpSubpath, serveGitHttp } from './git-http.js';
import { GRAPHQL_PATH, serveGraphql } from '../graphql/endpoint.js';
import { JOB_LOG_BLOB_PREFIX } from '../routes/actions-routes.js';
import { defaultFaultResponse, type Fault, type FaultInjector } from './faults.js';
import type { RateLimiter, RateResource } from './rate-limits.js';
import type { RequestLog } from './request-log.js';
import type { ApiRequest, ApiResponse, HttpMethod } from './route.js';
import type { Router } from './router.js';
import type { TokenRegistry } from './tokens.js';

export const API_PREFIX = '/api/v3';

export interface ServerParts {
  state: EmulatorState;
  urls: Urls;
  router: Router;
  tokens: TokenRegistry;
  faults: FaultInjector;
  log: RequestLog;
  rateLimits: RateLimiter;
}

interface Outcome {
  status: number;
  headers: Record<string, string>;
  payload: string;
  login: string | undefined;
  route: string | undefined;
}

const HTTP_METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function createEmulatorServer(parts: ServerParts): Server {
  return createServer((incoming, outgoing) => {
    handle(parts, incoming, outgoing).catch((error: unknown) => {
      console.error('[github-emulator] failed to answer', error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ message: 'Server Error' }));
    });
  });
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function handle(parts: ServerParts, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const url = new URL(incoming.url ?? '/', parts.urls.serverUrl);
  const method = (incoming.method ?? 'GET').toUpperCase();
  const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
  const bodyBytes = await readBody(incoming);
  const rawBody = bodyBytes.toString('utf8');
  const authorization = incoming.headers.authorization;
  const token = apiToken(authorization);

  const fault = parts.faults.take(method, path, rawBody);
  if (fault?.spec.delayMs) await sleep(fault.spec.delayMs);
  const gitSubpath = gitHttpSubpath(url.pathname, parts.state.repo.owner, parts.state.repo.name);

  let outcome: Outcome;
  let payload: Buffer | undefined;
  if (fault && isImmediateFault(fault)) {
    outcome = faultOutcome(fault, undefined);
  } else if (method === 'GET' && url.pathname.startsWith(JOB_LOG_BLOB_PREFIX)) {
    // The signed URL the job-log endpoint redirects to: plain text, no Authorization (the signature is the key).
    const job = parts.state.workflowJobs.get(Number(url.pathname.slice(JOB_LOG_BLOB_PREFIX.length)));
    outcome = job
      ? { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, payload: job.log, login: undefined, route: 'blob:job-log' }
      : { status: 404, headers: { 'content-type': 'text/plain' }, payload: 'BlobNotFound', login: undefined, route: 'blob:job-log' };
  } else if (gitSubpath) {
    const answer = await serveGitHttp(parts.state, parts.tokens, {
      method,
      subpath: gitSubpath,
      query: url.searchParams,
      headers: incoming.headers,
      body: bodyBytes,
    });
    outcome = { status: answer.status, headers: answer.headers, payload: '', login: answer.login, route: `git:${gitSubpath}` };
    payload = answer.body;
  } else {
    outcome =
      method === 'POST' && url.pathname === GRAPHQL_PATH
        ? graphqlOutcome(parts, rawBody, authorization)
        : dispatch(parts, { url, method, path, rawBody, incoming, authorization });
    if (fault?.spec.applyThenFail) outcome = faultOutcome(fault, outcome);
    else if (fault?.spec.truncate) outcome = { ...outcome, payload: outcome.payload.slice(0, Math.floor(outcome.payload.length / 2)) };
    if (fault?.spec.headers && !fault.spec.applyThenFail) outcome = { ...outcome, headers: { ...outcome.headers, ...fault.spec.headers } };
  }

  parts.log.add({
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body: gitSubpath ? undefined : parseMaybeJson(rawBody),
    status: outcome.status,
    token,
    login: outcome.login,
    route: outcome.route,
  });
  const body = payload ?? Buffer.from(outcome.payload, 'utf8');
  outgoing.writeHead(outcome.status, { ...outcome.headers, 'content-length': String(body.length) });
  outgoing.end(body);
}

function graphqlOutcome(parts: ServerParts, rawBody: string, authorization: string | undefined): Outcome {
  const answer = serveGraphql({ state: parts.state, tokens: parts.tokens, serverUrl: parts.urls.serverUrl }, rawBody, authorization);
  return {
    status: answer.status,
    headers: { 'x-github-request-id': requestId(), 'content-type': 'application/json; charset=utf-8' },
    payload: JSON.stringify(answer.body),
    login: answer.login,
    route: answer.route,
  };
}

function isImmediateFault(fault: Fault): boolean {
  return !fault.spec.applyThenFail && !fault.spec.truncate && (fault.spec.status !== undefined || fault.spec.body !== undefined);
}

function faultOutcome(fault: Fault, real: Outcome | undefined): Outcome {
  const status = fault.spec.status ?? (fault.spec.applyThenFail ? 502 : 200);
  // A body of the test's own (a permission 403, say) comes without the default body's headers (a rate limit's retry-after).
  const defaults = fault.spec.body === undefined ? defaultFaultResponse(status) : { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' };
  return {
    status,
    headers: { 'x-github-request-id': requestId(), ...defaults.headers, ...fault.spec.headers },
    payload: fault.spec.body ?? defaults.body,
    login: real?.login,
    route: real?.route,
  };
}

function parseMaybeJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function requestId(): string {
  const hex = randomBytes(10).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14)}`;
}

interface RawRequest {
  url: URL;
  method: string;
  path: string;
  rawBody: string;
  incoming: IncomingMessage;
  authorization: string | undefined;
}

function dispatch(parts: ServerParts, raw: RawRequest): Outcome {
  const baseHeaders: Record<string, string> = {
    'x-github-request-id': requestId(),
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
  };
  const resource: RateResource = raw.path.startsWith('/search/') ? 'search' : 'core';
  let login: string | undefined;
  let route: string | undefined;
  try {
    if (!raw.url.pathname.startsWith(`${API_PREFIX}/`) || !HTTP_METHODS.has(raw.method)) throw notFound();
    const { grant, user } = authenticate(parts.tokens, parts.state, raw.authorization);
    login = user.login;
    if (!parts.rateLimits.consume(user.login, resource)) {
      throw new ApiError(403, `API rate limit exceeded for user ID ${user.id}. If you reach out to GitHub Support for help, please include the request ID.`);
    }
    const match = parts.router.match(raw.method, raw.path);
    if (!match) throw notFound();
    route = match.route.path;
    const touchesRepo = match.route.path.startsWith('/repos/');
    if (touchesRepo && !isThisRepo(parts, match.params)) throw notFound();
    authorize(parts.state, match.route, grant, user, touchesRepo);
    let body: unknown;
    if (raw.rawBody.trim() !== '') {
      try {
        body = JSON.parse(raw.rawBody) as unknown;
      } catch {
        throw badRequest('Problems parsing JSON');
      }
    }
    const request: ApiRequest = {
      method: raw.method as HttpMethod,
      path: raw.path,
      params: match.params,
      query: raw.url.searchParams,
      body,
      headers: raw.incoming.headers,
      url: new URL(`${parts.urls.apiUrl}${raw.path}${raw.url.search}`),
      viewer: user,
      grant,
      state: parts.state,
      context: { state: parts.state, urls: parts.urls, viewer: user.login, memo: new Map() },
      rateLimits: parts.rateLimits,
    };
    const response = match.route.handle(request);
    return toOutcome(response, { ...baseHeaders, ...parts.rateLimits.headers(user.login, match.route.resource ?? resource) }, login, route);
  } catch (error) {
    const rate = login ? parts.rateLimits.headers(login, resource) : anonymousRateHeaders(resource);
    if (error instanceof ApiError) {
      return {
        status: error.status,
        headers: { ...baseHeaders, ...rate, ...error.headers, 'content-type': 'application/json; charset=utf-8' },
        payload: JSON.stringify(error.body),
        login,
        route,
      };
    }
    console.error('[github-emulator] handler error', raw.method, raw.path, error);
    return {
      status: 500,
      headers: { ...baseHeaders, ...rate, 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify({ message: 'Server Error' }),
      login,
      route,
    };
  }
}

function anonymousRateHeaders(resource: RateResource): Record<string, string> {
  return {
    'x-ratelimit-limit': '60',
    'x-ratelimit-remaining': '59',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': resource,
  };
}

function isThisRepo(parts: ServerParts, params: Record<string, string>): boolean {
  const { repo } = parts.state;
  return params['owner']?.toLowerCase() === repo.owner.toLowerCase() && params['repo']?.toLowerCase() === repo.name.toLowerCase();
}

function toOutcome(response: ApiResponse, headers: Record<string, string>, login: string, route: string): Outcome {
  if (response.text !== undefined) {
    return {
      status: response.status,
      headers: { ...headers, 'content-type': response.contentType ?? 'text/plain; charset=utf-8', ...response.headers },
      payload: response.text,
      login,
      route,
    };
  }
  const payload = response.status === 204 || response.body === undefined ? '' : JSON.stringify(response.body);
  return {
    status: response.status,
    headers: { ...headers, ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...response.headers },
    payload,
    login,
    route,
  };
}
