/**
 * Which pull requests an event is about. Review and pull_request events name one; check, status and
 * workflow_run events name a commit, whose open pull requests are then looked up.
 */
import { ConfigurationError } from '../core/errors.js';
import { isEvent, type WorkflowEvent } from '../core/event.js';
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';

/** pull_request activity that can change a gate: a new head, a label, leaving draft. */
export const PULL_REQUEST_ACTIONS: readonly string[] = ['opened', 'reopened', 'synchronize', 'labeled', 'unlabeled', 'ready_for_review'];

export const SUPPORTED_EVENTS =
  'pull_request, pull_request_review, check_suite, check_run, status, workflow_run, or workflow_dispatch / workflow_call with pull-request-number';

export type Targets =
  { kind: 'pulls'; numbers: number[]; source: string } | { kind: 'commit'; sha: string; numbers: number[]; source: string } | { kind: 'skip'; reason: string };

function eventName(event: WorkflowEvent): string {
  return event.name === 'other' ? event.eventName : event.name;
}

/** Pure: the pull requests (or the commit) this run is about, or why there is nothing to do. */
export function targetsFor(event: WorkflowEvent, inputNumber: number | undefined): Targets {
  if (inputNumber !== undefined) return { kind: 'pulls', numbers: [inputNumber], source: 'input pull-request-number' };
  if (isEvent(event, 'pull_request')) {
    const { action, pull_request: pull } = event.payload;
    if (!PULL_REQUEST_ACTIONS.includes(action)) return { kind: 'skip', reason: `pull_request.${action} cannot make a pull request mergeable` };
    return { kind: 'pulls', numbers: [pull.number], source: `pull_request.${action}` };
  }
  if (isEvent(event, 'pull_request_review')) {
    return { kind: 'pulls', numbers: [event.payload.pull_request.number], source: `pull_request_review.${event.payload.action}` };
  }
  if (isEvent(event, 'check_run', 'check_suite', 'workflow_run')) {
    const { action } = event.payload;
    const subject =
      event.name === 'check_run' ? event.payload.check_run : event.name === 'check_suite' ? event.payload.check_suite : event.payload.workflow_run;
    if (action !== 'completed') return { kind: 'skip', reason: `${event.name}.${action}: only a completed ${event.name} can make a pull request mergeable` };
    const numbers = (subject.pull_requests ?? []).map((pull) => pull.number);
    return { kind: 'commit', sha: subject.head_sha, numbers, source: `${event.name}.completed` };
  }
  if (isEvent(event, 'status')) {
    if (event.payload.state === 'pending') return { kind: 'skip', reason: 'a pending status cannot make a pull request mergeable' };
    return { kind: 'commit', sha: event.payload.sha, numbers: [], source: `status ${event.payload.state}` };
  }
  if (isEvent(event, 'workflow_dispatch')) {
    throw new ConfigurationError('Input required and not supplied: pull-request-number (the pull request to evaluate when the workflow is dispatched)');
  }
  return { kind: 'skip', reason: `auto-merge does not run on the ${eventName(event)} event; it runs on ${SUPPORTED_EVENTS}` };
}

/**
 * The open pull requests whose head is `sha`. The event's own list is used when it has one (it omits forks,
 * which are never merged anyway); otherwise GitHub is asked. A PR whose head has moved on is left to the
 * events of its new head.
 */
export async function pullsForCommit(gh: GitHub, repo: RepoRef, sha: string, fromEvent: readonly number[]): Promise<number[]> {
  if (fromEvent.length > 0) return [...new Set(fromEvent)];
  const { data } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({ owner: repo.owner, repo: repo.repo, commit_sha: sha, per_page: 100 });
  return data.filter((pull) => pull.state === 'open' && pull.head.sha === sha).map((pull) => pull.number);
}
