import type { HttpMethod } from './route.js';

export interface FaultSpec {
  method?: HttpMethod;
  /**
   * The API path below the prefix (`/repos/acme/widgets/pulls`), or a git path
   * (`/acme/widgets.git/git-receive-pack`); a string matches exactly. On git paths only delays
   * and immediate answers (status/body) apply.
   */
  path: string | RegExp;
  /** Only requests whose raw body matches (a GraphQL mutation by name: `/createDiscussion/`). */
  bodyMatches?: RegExp;
  /** How many matching requests it affects; default 1. */
  times?: number;
  /** Let this many matching requests through untouched first (fail the second update of a resource, not the first). */
  skip?: number;
  status?: number;
  /** Extra response headers; alone, they are added to the real response. */
  headers?: Record<string, string>;
  /** The answer's body; with it, no default headers but a JSON content type (so a 403 is a plain refusal). */
  body?: string;
  /** Wait this long before answering (alone: a slow but correct response). */
  delayMs?: number;
  /** Answer the real response cut in half. */
  truncate?: boolean;
  /** Let the request take effect, then answer with the fault (502 unless `status` says otherwise). */
  applyThenFail?: boolean;
}

export interface Fault {
  readonly spec: FaultSpec;
  /** Matching requests still to let through before the fault applies. */
  skipping: number;
  /** Requests this fault has affected so far. */
  hits: number;
  remaining: number;
}

const SECONDARY_RATE_LIMIT =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.';

/** What GitHub (or the proxy in front of it) sends for a given failure status. */
export function defaultFaultResponse(status: number): { body: string; headers: Record<string, string> } {
  if (status === 403) {
    return {
      body: JSON.stringify({
        message: SECONDARY_RATE_LIMIT,
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: '403',
      }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' },
    };
  }
  if (status === 429) {
    return {
      body: JSON.stringify({ message: 'Too Many Requests', documentation_url: 'https://docs.github.com/rest', status: '429' }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' },
    };
  }
  if (status >= 502 && status <= 504) {
    return {
      body: `<html><head><title>${status} Bad Gateway</title></head><body><h1>${status} Bad Gateway</h1><p>Unicorn!</p></body></html>`,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    };
  }
  return {
    body: JSON.stringify({ message: 'Server Error', status: String(status) }),
    headers: { 'content-type': 'application/json; charset=utf-8' },
  };
}

/** Faults waiting for matching requests, consumed in the order they were added. */
export class FaultInjector {
  private readonly faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { spec, skipping: spec.skip ?? 0, hits: 0, remaining: spec.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string, body = ''): Fault | undefined {
    const fault = this.faults.find((candidate) => candidate.remaining > 0 && matches(candidate.spec, method, path, body));
    if (!fault) return undefined;
    if (fault.skipping > 0) {
      fault.skipping -= 1;
      return undefined;
    }
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** Faults that still have uses left (a test can assert all of its faults fired). */
  pending(): Fault[] {
    return this.faults.filter((fault) => fault.remaining > 0);
  }
}

function matches(spec: FaultSpec, method: string, path: string, body: string): boolean {
  if (spec.method && spec.method !== method) return false;
  if (spec.bodyMatches && !spec.bodyMatches.test(body)) return false;
  if (typeof spec.path === 'string') return spec.path.replace(/^\/api\/v3/, '') === path;
  return spec.path.test(path);
}
