import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorClock } from './clock.js';
import { BareRepo } from './git/bare-repo.js';
import { FaultInjector } from './http/faults.js';
import { RateLimiter } from './http/rate-limits.js';
import { RequestLog, type RecordedRequest, type RequestFilter } from './http/request-log.js';
import { Router } from './http/router.js';
import { API_PREFIX, createEmulatorServer } from './http/server.js';
import { TokenRegistry, type TokenOptions } from './http/tokens.js';
import { ROUTES } from './routes/route-table.js';
import { Urls } from './serialize/context.js';
import { EmulatorState } from './state/emulator-state.js';
import { BOT_ID, BOT_LOGIN } from './state/repository-state.js';

export type { FaultSpec, Fault } from './http/faults.js';
export type { RecordedRequest, RequestFilter } from './http/request-log.js';
export type { TokenOptions } from './http/tokens.js';
export type { Route } from './http/route.js';
export type * from './state/records.js';
export type { DiscussionRecord, DiscussionCategoryRecord } from './state/discussions.js';
export { EmulatorState } from './state/emulator-state.js';
export { BOT_ID, BOT_LOGIN } from './state/repository-state.js';
export { ROUTES } from './routes/route-table.js';

/** Fixed so that runs are reproducible; any id GitHub could hand out would do. */
const REPOSITORY_ID = 700_000_001;

export interface GitHubEmulatorOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** Contents of the initial commit on the default branch. */
  files?: Record<string, string | Buffer>;
}

export interface GitHubEmulator {
  /** e.g. http://127.0.0.1:PORT/api/v3 — what GITHUB_API_URL is set to. */
  apiUrl: string;
  /** e.g. http://127.0.0.1:PORT — what GITHUB_SERVER_URL is set to. */
  serverUrl: string;
  /** The bare repository acting as the remote (clone, fetch and push it with real git). */
  gitDir: string;
  /**
   * `{serverUrl}/{owner}/{repo}.git`: git's smart HTTP, authenticated with `x-access-token:<token>`
   * as on GitHub. From the test process itself, run git against it asynchronously: a synchronous
   * child would block the very event loop that has to answer it.
   */
  cloneUrl: string;
  state: EmulatorState;
  clock: EmulatorClock;
  /** Authenticates as github-actions[bot], like a workflow's GITHUB_TOKEN. */
  botToken: string;
  tokenFor(login: string, options?: TokenOptions): string;
  requests: RecordedRequest[];
  countRequests(filter?: RequestFilter): number;
  reads(): RecordedRequest[];
  writes(): RecordedRequest[];
  resetRequests(): void;
  faults: FaultInjector;
  rateLimits: RateLimiter;
  /** The variables a runner sets that point an action at this GitHub: GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY... */
  runnerEnv(): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts an in-memory GitHub REST API for one repository on 127.0.0.1 (a free port), backed by a
 * real bare git repository.
 *
 *   const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'src/a.ts': '...' } });
 *   gh.state.addIssue({ title: 'Add X', labels: ['roadmap'] });
 *   const octokit = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
 *   // ...or run a bundled action with { ...gh.runnerEnv(), 'INPUT_GITHUB-TOKEN': gh.botToken }
 *   expect(gh.writes()).toHaveLength(0);
 *   await gh.close();
 */
export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const defaultBranch = options.defaultBranch ?? 'main';
  const root = mkdtempSync(join(tmpdir(), 'github-emulator-'));
  const gitDir = join(root, `${options.repo}.git`);
  const git = BareRepo.create(gitDir, root, defaultBranch);
  const clock = new EmulatorClock();
  const state = new EmulatorState({ id: REPOSITORY_ID, owner: options.owner, name: options.repo, defaultBranch, createdAt: clock.iso() }, git, clock);
  state.addUser({ login: options.owner, type: 'User' });
  state.addUser({ login: BOT_LOGIN, type: 'Bot', id: BOT_ID });
  state.commitFiles(defaultBranch, options.files ?? { 'README.md': `# ${options.repo}\n` }, { message: 'Initial commit' });

  const tokens = new TokenRegistry();
  const faults = new FaultInjector();
  const log = new RequestLog();
  const rateLimits = new RateLimiter();
  const router = new Router(ROUTES);
  const urls = new Urls(options.owner, options.repo, API_PREFIX);
  const server = createEmulatorServer({ state, urls, router, tokens, faults, log, rateLimits });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const serverUrl = `http://127.0.0.1:${port}`;
  urls.bind(serverUrl);

  return {
    apiUrl: urls.apiUrl,
    serverUrl,
    gitDir,
    cloneUrl: `${serverUrl}/${options.owner}/${options.repo}.git`,
    state,
    clock,
    botToken: tokens.issue(BOT_LOGIN, {}, 'ghs'),
    tokenFor: (login, tokenOptions) => {
      state.requireUser(login);
      return tokens.issue(login, tokenOptions, state.user(login)?.type === 'Bot' ? 'ghs' : 'ghp');
    },
    requests: log.entries,
    countRequests: (filter) => log.count(filter),
    reads: () => log.reads(),
    writes: () => log.writes(),
    resetRequests: () => log.reset(),
    faults,
    rateLimits,
    runnerEnv: () => ({
      GITHUB_API_URL: urls.apiUrl,
      GITHUB_SERVER_URL: serverUrl,
      // GitHub Enterprise's GraphQL address, beside /api/v3 (where Octokit sends GraphQL for that base URL).
      GITHUB_GRAPHQL_URL: `${serverUrl}/api/graphql`,
      GITHUB_REPOSITORY: `${options.owner}/${options.repo}`,
      GITHUB_REPOSITORY_OWNER: options.owner,
      GITHUB_REPOSITORY_ID: String(REPOSITORY_ID),
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
