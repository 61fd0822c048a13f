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
    return this.entries.filter((entry) => entry.method === 'GET' || entry.method === 'HEAD' || entry.route === 'git:git-upload-pack');
  }

  /** Requests that change something: API writes and git pushes (a git fetch is a POST too, but reads). */
  writes(): RecordedRequest[] {
    return this.entries.filter((entry) => entry.method !== 'GET' && entry.method !== 'HEAD' && entry.route !== 'git:git-upload-pack');
  }

  reset(): void {
    this.entries.length = 0;
  }
}
