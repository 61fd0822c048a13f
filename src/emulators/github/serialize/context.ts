import type { RepositoryState } from '../state/repository-state.js';

/** Where the emulator lives, for the `url` / `html_url` fields of every object. */
export class Urls {
  private server = '';

  constructor(
    readonly owner: string,
    readonly repo: string,
    readonly apiPrefix: string,
  ) {}

  /** Set once the server listens and its port is known. */
  bind(serverUrl: string): void {
    this.server = serverUrl;
  }

  get serverUrl(): string {
    return this.server;
  }

  get apiUrl(): string {
    return `${this.server}${this.apiPrefix}`;
  }

  get repoApi(): string {
    return `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
  }

  get repoHtml(): string {
    return `${this.serverUrl}/${this.owner}/${this.repo}`;
  }
}

/** What a serialiser needs: the state, the URLs and who is asking (for `permissions`). */
export interface SerializeContext {
  state: RepositoryState;
  urls: Urls;
  viewer: string;
  /** Counts derived once per request (a page of 100 issues must not scan comments 100 times). */
  memo: Map<string, unknown>;
}

export function memoized<T>(context: SerializeContext, key: string, compute: () => T): T {
  if (!context.memo.has(key)) context.memo.set(key, compute());
  return context.memo.get(key) as T;
}

export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64');
}
