/**
 * Reads the workflow runs the review checks name (`external_id`), one request per distinct run: both reviews of
 * one workflow run cost one read. The gates then decide whether each run is the review workflow's.
 */
import { parseReviewRunRef } from '../core/contracts.js';
import { errorMessage } from '../core/errors.js';
import type { GitHub } from '../core/github.js';
import { gitHubStatus } from '../core/github-errors.js';
import type { RepoRef } from '../core/repo.js';
import type { CheckRunFacts, WorkflowRunFacts } from './facts.js';

/** Runs read at the most; checks naming further runs stay unread and cannot count. */
export const MAX_REVIEW_RUNS_READ = 10;

export interface ReviewRunSource {
  /** Slug of the app whose review checks are read. */
  app: string;
  /** A configured review app id binds the results to the app instead: no run is read. */
  appId?: number | undefined;
}

function whyUnreadable(runId: number, error: unknown): string {
  const status = gitHubStatus(error);
  if (status === 404) return `workflow run ${runId} does not exist in this repository`;
  if (status === 403) return `workflow run ${runId} could not be read (HTTP 403: the job needs the \`actions: read\` permission)`;
  return `workflow run ${runId} could not be read (${errorMessage(error)})`;
}

export async function readReviewRuns(
  gh: GitHub,
  repo: RepoRef,
  checks: readonly CheckRunFacts[],
  source: ReviewRunSource,
): Promise<Record<number, WorkflowRunFacts | string>> {
  if (source.appId !== undefined) return {};
  const ids = [...new Set(checks.filter((check) => check.appSlug === source.app).map((check) => parseReviewRunRef(check.externalId)?.runId))]
    .filter((id): id is number => id !== undefined)
    .slice(0, MAX_REVIEW_RUNS_READ);
  const entries = await Promise.all(
    ids.map(async (runId): Promise<[number, WorkflowRunFacts | string]> => {
      try {
        const { data } = await gh.rest.actions.getWorkflowRun({ owner: repo.owner, repo: repo.repo, run_id: runId });
        return [
          runId,
          {
            id: data.id,
            path: data.path.replace(/@.*$/, ''),
            event: data.event,
            headBranch: data.head_branch ?? null,
            headSha: data.head_sha,
            attempt: data.run_attempt ?? 1,
            status: data.status ?? 'unknown',
            startedAt: data.run_started_at ?? null,
            updatedAt: data.updated_at ?? null,
          },
        ];
      } catch (error) {
        const status = gitHubStatus(error);
        if (status === undefined || status >= 500 || status === 401) throw error;
        return [runId, whyUnreadable(runId, error)];
      }
    }),
  );
  return Object.fromEntries(entries);
}
