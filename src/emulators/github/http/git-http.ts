import { spawn } from 'node:child_process';
import { basename, dirname } from 'node:path';
import type { EmulatorState } from '../state/emulator-state.js';
import { permissionAtLeast } from '../state/repository-state.js';
import { accessFor, type TokenRegistry } from './tokens.js';

/**
 * Git's smart HTTP protocol at `{server}/{owner}/{repo}.git`, served by the real `git
 * http-backend`, so `git clone`/`fetch`/`push` with `x-access-token:<token>` work as on github.com.
 */

export interface GitHttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  login: string | undefined;
}

/** The path below the repository (`info/refs`, `git-upload-pack`, ...) if `path` addresses it. */
export function gitHttpSubpath(path: string, owner: string, repo: string): string | undefined {
  const match = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(path);
  if (!match || match[1]?.toLowerCase() !== owner.toLowerCase() || match[2]?.toLowerCase() !== repo.toLowerCase()) return undefined;
  return match[3];
}

function basicCredentials(header: string | undefined): string | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  const password = colon === -1 ? '' : decoded.slice(colon + 1);
  // GitHub takes the token as the password (x-access-token:TOKEN) or alone as the user name.
  return password || user;
}

function refusal(status: number, message: string, headers: Record<string, string> = {}): GitHttpAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: Buffer.from(`${message}\n`), login: undefined };
}

export interface GitHttpRequest {
  method: string;
  subpath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export async function serveGitHttp(state: EmulatorState, tokens: TokenRegistry, request: GitHttpRequest): Promise<GitHttpAnswer> {
  const pushing = request.subpath === 'git-receive-pack' || request.query.get('service') === 'git-receive-pack';
  const token = basicCredentials(typeof request.headers['authorization'] === 'string' ? request.headers['authorization'] : undefined);
  const grant = token ? tokens.lookup(token) : undefined;
  const user = grant ? state.user(grant.login) : undefined;
  const challenge = { 'www-authenticate': 'Basic realm="GitHub"' };
  if (token && !user) return refusal(401, 'remote: Invalid username or token.', challenge);
  if (!user && (pushing || state.settings.private)) return refusal(401, 'Authentication required', challenge);
  const fullName = `${state.repo.owner}/${state.repo.name}`;
  if (user && grant) {
    const role = state.permissionOf(user.login);
    if (role === 'none') return refusal(404, 'Repository not found.');
    if (pushing && (!permissionAtLeast(role, 'write') || accessFor(grant, 'contents') !== 'write')) {
      return refusal(403, `remote: Permission to ${fullName}.git denied to ${user.login}.`);
    }
  }

  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PROJECT_ROOT: dirname(state.git.gitDir),
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${basename(state.git.gitDir)}/${request.subpath}`,
    REQUEST_METHOD: request.method,
    QUERY_STRING: request.query.toString(),
    CONTENT_TYPE: String(request.headers['content-type'] ?? ''),
    CONTENT_LENGTH: String(request.body.length),
    REMOTE_ADDR: '127.0.0.1',
    ...(user ? { REMOTE_USER: user.login } : {}),
    ...(user?.type === 'Bot' && grant && accessFor(grant, 'workflows') !== 'write' ? { EMULATOR_DENY_WORKFLOW_CHANGES: '1' } : {}),
    ...(request.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(request.headers['content-encoding']) } : {}),
    ...(request.headers['git-protocol'] ? { GIT_PROTOCOL: String(request.headers['git-protocol']) } : {}),
  };
  const output = await runBackend(env, request.body);
  return { ...parseCgi(output), login: user?.login };
}

function runBackend(env: NodeJS.ProcessEnv, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(chunks)));
    child.stdin.end(input);
  });
}

/** Splits a CGI response into status, headers and body. */
function parseCgi(output: Buffer): Omit<GitHttpAnswer, 'login'> {
  let split = output.indexOf('\r\n\r\n');
  let separator = 4;
  if (split === -1) {
    split = output.indexOf('\n\n');
    separator = 2;
  }
  const head = output.subarray(0, Math.max(split, 0)).toString('utf8');
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number(value.split(' ')[0]) || 200;
    else headers[name] = value;
  }
  return { status, headers, body: split === -1 ? output : output.subarray(split + separator) };
}
