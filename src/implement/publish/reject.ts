/**
 * A bundle that fails its integrity checks is rejected whole: nothing of it is published, and the issue it
 * names (if that issue is claimed, so the bundle's word cannot fail an unrelated issue) is marked failed with
 * the reason.
 */
import { readFile } from 'node:fs/promises';
import { describeFailure } from '../../core/failure.js';
import { resolveBundlePath } from '../bundle/bundle-file.js';
import { currentState } from '../../core/issue-state.js';
import { readIssueThread } from '../issue-thread.js';
import { failureBody } from '../render.js';
import type { IssueResult } from '../result.js';
import { nextMarker, settleIssue } from './issue-writes.js';
import type { PublishDeps } from './publish.js';

async function issueNamedIn(path: string): Promise<number | undefined> {
  try {
    const value = JSON.parse(await readFile(await resolveBundlePath(path), 'utf8')) as { issue?: { number?: unknown } };
    const number = value.issue?.number;
    return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
  } catch {
    return undefined;
  }
}

export async function rejectBundle(deps: PublishDeps, path: string, issueNumberInput: number | undefined, reason: string): Promise<IssueResult> {
  const message = `bundle rejected: ${reason}`;
  const issueNumber = issueNumberInput ?? (await issueNamedIn(path));
  if (issueNumber === undefined) return { status: 'failed', message, details: [`- ${message}; no issue could be identified, nothing was written`] };
  const thread = await readIssueThread(deps.gh, deps.repo, issueNumber, deps.bot);
  if (currentState(thread.issue.labels, deps.labels).state !== 'in-progress') {
    return { status: 'failed', issueNumber, message, details: [`- ${message}; #${issueNumber} is not claimed, so its labels were left alone`] };
  }
  await settleIssue(deps, thread, {
    to: 'failed',
    body: failureBody({ title: 'bundle rejected', reason: `The publish job refused the patch bundle: ${reason}` }),
    marker: nextMarker(thread.marker, { stage: 'failed', failure: { category: 'critical', reason: message } }, 0),
    unassign: true,
  });
  return { status: 'failed', issueNumber, message: `#${issueNumber}: ${message}`, details: [`- **#${issueNumber}** → \`agent:failed\`: ${message}`] };
}

/** After an unexpected error on a claimed issue: `agent:failed` with the error, so the loop does not stall. */
export async function markFailed(deps: PublishDeps, issueNumber: number, error: unknown): Promise<void> {
  const thread = await readIssueThread(deps.gh, deps.repo, issueNumber, deps.bot);
  if (currentState(thread.issue.labels, deps.labels).state !== 'in-progress') return;
  const reason = `The run stopped: ${describeFailure(error).message}`;
  await settleIssue(deps, thread, {
    to: 'failed',
    body: failureBody({ title: 'the run stopped with an error', reason, ...(deps.runUrl ? { tried: `See the log of ${deps.runUrl}.` } : {}) }),
    marker: nextMarker(thread.marker, { stage: 'failed', failure: { category: 'transient', reason } }, 0),
    unassign: true,
  });
}
