import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import { IsolationUnavailableError, type Sandbox } from '../core/sandbox/index.js';
import type { SentrySettings } from './log-miner/sentry-source.js';

/** What an analyst may read: the repository through the API, the checked-out workspace and its settings. No model. */
export interface AnalystContext {
  gh: GitHub;
  repo: RepoRef;
  serverUrl: string;
  defaultBranch: string;
  now: Date;
  /** The checked-out repository (GITHUB_WORKSPACE). */
  workspace: string;
  settings: AnalystSettings;
  /** Where the last night that was cut short stopped (from the bot's discover cursor). */
  resume?: DiscoverCursor;
  /** Opens the sandbox repository code runs in (coverage command, docs snippets); the caller closes it. */
  openSandbox?: () => Promise<Sandbox>;
}

/**
 * Runs `use` in the sandbox of the context and closes it after; `{ ran: false, note }` when repository code cannot
 * run here: this run has no sandbox, or the runner cannot isolate it and allow-unisolated-tests is off. `what`
 * names what was not run, as the note's subject ("Code blocks", "`npm test`").
 */
export async function inAnalystSandbox<T>(
  context: Pick<AnalystContext, 'openSandbox'>,
  what: string,
  use: (sandbox: Sandbox) => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false; note: string }> {
  if (!context.openSandbox) return { ran: false, note: `${what} not run: this run has no sandbox for repository code.` };
  let sandbox: Sandbox;
  try {
    sandbox = await context.openSandbox();
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    return { ran: false, note: `${what} not run: ${error.message}. Set allow-unisolated-tests: true to run it as the action's user.` };
  }
  try {
    return { ran: true, value: await use(sandbox) };
  } finally {
    await sandbox.close();
  }
}

/**
 * What an interrupted night leaves for the next: the log miner mined every failed run up to `logMinerAfter`,
 * and Sentry's issue listing resumes at the page cursor `sentryCursor`.
 */
export interface DiscoverCursor {
  logMinerAfter?: number;
  sentryCursor?: string;
}

export interface AnalystSettings {
  lookbackDays: number;
  /** Most GitHub API requests the log miner may make in one night. */
  maxApiRequests: number;
  /** JSON-lines error log written by an earlier step, relative to the workspace. */
  logFile?: string;
  /** Where the application that wrote the log file ran from (e.g. /srv/app): frames under it are the repository's code. */
  logSourceRoot?: string;
  /** Sentry's unresolved issues as a log miner source; absent when not configured. */
  sentry?: SentrySettings;
  /** Command that writes a coverage report; empty means detect one. */
  coverageCommand?: string;
  /** Where the coverage command writes its report, relative to the workspace; empty means the usual places. */
  coverageReport?: string;
  coverageTimeoutMs: number;
  /** Time limit for each code block from the docs the docs drift analyst runs. */
  snippetTimeoutMs: number;
  /** Where the dependency watchdog asks: the npm registry (also for npm audit) and OSV. */
  registries: { npm: string; osv: string };
  /** Majors behind the latest from which the watchdog files an outdated dependency. */
  majorsBehind: number;
  /** Time limit for each registry request and for npm audit. */
  registryTimeoutMs: number;
}
