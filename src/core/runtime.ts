import { ConfigurationError } from './errors.js';
import { readEvent, type WorkflowEvent } from './event.js';
import { parseRepository, type RepoRef } from './repo.js';

/** What the runner tells every step through its environment, read once. */
export interface RunContext {
  repo: RepoRef;
  /** REST base URL (GITHUB_API_URL): api.github.com, a GHES host, or an emulator in tests. */
  apiUrl: string;
  serverUrl: string;
  runId: number | undefined;
  /** GITHUB_RUN_ATTEMPT: 1 for a run's first attempt, more for each re-run. */
  runAttempt?: number | undefined;
  runUrl: string | undefined;
  workspace: string;
  actor: string | undefined;
  event: WorkflowEvent;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const repository = env.GITHUB_REPOSITORY;
  if (!repository) throw new ConfigurationError('GITHUB_REPOSITORY is not set; expected owner/name (it is set on every GitHub runner)');
  const repo = parseRepository(repository);
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const runId = env.GITHUB_RUN_ID ? Number(env.GITHUB_RUN_ID) : undefined;
  const runAttempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
  return {
    repo,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    serverUrl,
    runId: Number.isInteger(runId) ? runId : undefined,
    runAttempt: Number.isInteger(runAttempt) && runAttempt > 0 ? runAttempt : 1,
    runUrl: runId ? `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}` : undefined,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    actor: env.GITHUB_ACTOR,
    event: readEvent(env),
  };
}
