import { notFound, unprocessable } from '../http/api-error.js';
import type { ApiRequest } from '../http/route.js';
import type { IssueRecord, PullRecord } from '../state/records.js';

/** Shared lookups of path parameters; unknown objects are 404 as on GitHub. */

export function numberParam(request: ApiRequest, name: string): number {
  return Number(request.params[name]);
}

export function issueParam(request: ApiRequest): IssueRecord {
  const issue = request.state.issue(numberParam(request, 'issue_number'));
  if (!issue) throw notFound();
  return issue;
}

export function pullParam(request: ApiRequest): PullRecord {
  const pull = request.state.pull(numberParam(request, 'pull_number'));
  if (!pull) throw notFound();
  return pull;
}

/** A sha, branch or ref resolved to a commit sha; GitHub answers 422 for one that names nothing. */
export function commitParam(request: ApiRequest, name: string): string {
  const ref = request.params[name] ?? '';
  const sha = request.state.git.resolve(ref);
  if (!sha || request.state.git.objectType(sha) !== 'commit') throw unprocessable(`No commit found for SHA: ${ref}`);
  return sha;
}
