export interface RecordedRequest {
  method: string;
  /** Path below the API prefix. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The token sent, if any, and the login it authenticated as. */
  token: string | undefined;
  login: string | undefined;
  /** The route template it matched, e.g. /repos/{owner}/{repo}/issues. */
  route: string | undefined;
}

export interface RequestFilter {
  method?: string;
  path?: string | RegExp;
}

/** Every request the emulator answered, in order. */
export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  add(entry: RecordedRequest): void {
    this.entries.push(entry);
  }

  filter(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter((entry) => {
      if (filter.method && entry.method !== filter.method.toUpperCase()) return false;
      if (filter.path === undefined) return true;
      return typeof filter.path === 'string' ? entry.path === filter.path : filter.path.test(entry.path);
    });
  }

  count(filter: RequestFilter = {}): number {
    return this.filter(filter).length;
  }

  reads(): RecordedRequest[] {
    return this.entries.filter((entry) => !isWrite(entry));
  }

  /** Requests that change something: API writes, GraphQL mutations and git pushes (a git fetch and a GraphQL query are POSTs too, but read). */
  writes(): RecordedRequest[] {
    return this.entries.filter(isWrite);
  }

  reset(): void {
    this.entries.length = 0;
  }
}

function isWrite(entry: RecordedRequest): boolean {
  if (entry.method === 'GET' || entry.method === 'HEAD' || entry.route === 'git:git-upload-pack') return false;
  const query = (entry.body as { query?: unknown } | undefined)?.query;
  if (entry.path === '/api/graphql' && typeof query === 'string') return /^(?:\s|#[^\n]*\n)*mutation\b/.test(query);
  return true;
}
