/**
 * What a public package registry says about a package, behind one small interface so the checks run the
 * same against npm, PyPI and the Go module proxy, and against a fake in tests. A registry that cannot be
 * reached is an answer too ("unreachable"): the check is then skipped with a warning, never passed silently.
 */
import { isRecord } from '../../core/is-record.js';
import type { Ecosystem } from './dependency.js';

export interface PackageFacts {
  /** ISO time of the package's first publication. */
  createdAt?: string;
  /** The version judged (the exact version asked for, else the registry's latest) and its publication time. */
  version?: string;
  versionPublishedAt?: string;
  weeklyDownloads?: number;
  license?: string;
}

export type RegistryAnswer =
  | { status: 'found'; facts: PackageFacts }
  | { status: 'not-found' }
  | { status: 'version-not-found'; facts: PackageFacts }
  | { status: 'unreachable'; reason: string };

export interface PackageRegistry {
  readonly ecosystem: Ecosystem;
  /** Host or name for messages, e.g. `registry.npmjs.org`. */
  readonly label: string;
  lookup(name: string, version?: string): Promise<RegistryAnswer>;
}

export type Registries = Partial<Record<Ecosystem, PackageRegistry>>;

/** The subset of `fetch` the registries use; tests pass their own. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
  text(): Promise<string>;
}>;

export interface HttpOptions {
  fetch?: FetchLike;
  /** Per request. Registries are an extra check, not worth a stuck job: a few seconds, then "unreachable". */
  timeoutMs?: number;
}

export const DEFAULT_REGISTRY_TIMEOUT_MS = 8000;

export class RegistryUnreachableError extends Error {
  override readonly name = 'RegistryUnreachableError';
}

export interface HttpResult {
  status: number;
  body: unknown;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

/**
 * GET with a timeout. 2xx → parsed body (JSON or text); 404/410 → status only; anything else, a network
 * error or a timeout → RegistryUnreachableError (5xx, 429 and proxies' 403s say nothing about the package).
 */
export async function httpGet(url: string, accept: 'json' | 'text', options: HttpOptions = {}): Promise<HttpResult> {
  const fetchImpl: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchImpl(url, {
      headers: { accept: accept === 'json' ? 'application/json' : 'text/plain', 'user-agent': 'agentic-workflow-ciso-review' },
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS),
    });
  } catch (error) {
    throw new RegistryUnreachableError(describeFailure(error));
  }
  if (response.status === 404 || response.status === 410) return { status: response.status, body: undefined };
  if (!response.ok) throw new RegistryUnreachableError(`HTTP ${response.status}`);
  try {
    return { status: response.status, body: accept === 'json' ? await response.json() : await response.text() };
  } catch (error) {
    throw new RegistryUnreachableError(`unreadable response: ${describeFailure(error)}`);
  }
}

export { isRecord };

export function licenseText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.type === 'string') return value.type;
  return undefined;
}

/** Runs a lookup and turns "could not reach it" into an answer. */
export async function answerOrUnreachable(lookup: () => Promise<RegistryAnswer>): Promise<RegistryAnswer> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof RegistryUnreachableError) return { status: 'unreachable', reason: error.message };
    throw error;
  }
}
