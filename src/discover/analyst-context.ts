import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import type { Sandbox } from '../core/sandbox/index.js';
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
