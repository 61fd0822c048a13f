/**
 * Whether a review check is the review workflow's own result. Any job holding a token with `checks: write` can
 * create a check run with the review's name and any summary, as the same app; so a result counts only when
 * - a GitHub App id is configured for the reviews and the check comes from that app, or
 * - its `external_id` names a workflow run of one of the review workflow files, run as it is on the default
 *   branch (or, for a pull_request run, from this pull request's head, whose workflow changes the paths gate
 *   leaves to a human), the check was started while that attempt ran, and no other check of the same name
 *   claims the same attempt (one review run writes one check per name).
 */
import { parseReviewRunRef, type ReviewRunRef } from '../core/contracts.js';
import { code, shortSha } from './display.js';
import type { CheckRunFacts, MergeFacts, WorkflowRunFacts } from './facts.js';
import type { GateSettings } from './gate.js';

/** Events whose runs read the workflow file from the pull request's merge commit. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

export type Binding = { bound: true; ref: ReviewRunRef | null } | { bound: false; why: string };

type BindingSettings = Pick<GateSettings, 'reviewAppId' | 'reviewWorkflows'>;

function sameAttempt(a: ReviewRunRef, b: ReviewRunRef): boolean {
  return a.runId === b.runId && a.attempt === b.attempt;
}

function runProblem(check: CheckRunFacts, ref: ReviewRunRef, run: WorkflowRunFacts, facts: MergeFacts, settings: BindingSettings): string | null {
  const shown = `workflow run ${run.id}`;
  if (!settings.reviewWorkflows.includes(run.path)) {
    return `it names ${shown} of ${code(run.path)}, which is not a review workflow (${settings.reviewWorkflows.map((path) => code(path)).join(', ')})`;
  }
  const fromDefault = run.headBranch === facts.pull.defaultBranch;
  const fromThisHead = PULL_REQUEST_EVENTS.has(run.event) && run.headSha === facts.pull.headSha;
  if (!fromDefault && !fromThisHead) {
    const where = run.headBranch ? code(run.headBranch) : `commit ${shortSha(run.headSha)}`;
    return `${shown} ran ${code(run.path)} from ${where}, not from the default branch ${code(facts.pull.defaultBranch)}`;
  }
  if (ref.attempt > run.attempt) return `it names attempt ${ref.attempt} of ${shown}, which has ${run.attempt}`;
  if (ref.attempt === run.attempt && check.startedAt && run.startedAt) {
    const started = Date.parse(check.startedAt);
    if (started < Date.parse(run.startedAt)) return `it was started before ${shown} began`;
    if (run.status === 'completed' && run.updatedAt && started > Date.parse(run.updatedAt)) return `it was started after ${shown} ended`;
  }
  return null;
}

/** Binds one check, given every check of its name from the review app on the head. */
export function bindReviewCheck(check: CheckRunFacts, sameName: readonly CheckRunFacts[], facts: MergeFacts, settings: BindingSettings): Binding {
  if (settings.reviewAppId !== undefined) {
    if (check.appId === settings.reviewAppId) return { bound: true, ref: null };
    return { bound: false, why: `it was created by app id ${check.appId ?? 'unknown'}, not the review app (id ${settings.reviewAppId})` };
  }
  const ref = parseReviewRunRef(check.externalId);
  if (!ref) return { bound: false, why: 'it names no workflow run (no review run in its `external_id`)' };
  const run = facts.reviewRuns[ref.runId];
  if (run === undefined) return { bound: false, why: `workflow run ${ref.runId} it names was not read` };
  if (typeof run === 'string') return { bound: false, why: run };
  const problem = runProblem(check, ref, run, facts, settings);
  if (problem) return { bound: false, why: problem };
  const claims = sameName.filter((other) => {
    const otherRef = parseReviewRunRef(other.externalId);
    return otherRef !== null && sameAttempt(otherRef, ref);
  }).length;
  if (claims > 1) return { bound: false, why: `${claims} checks of that name claim attempt ${ref.attempt} of workflow run ${ref.runId}, which writes one` };
  return { bound: true, ref };
}

/** Newest review first: by run, attempt, then check id (a later check of one attempt is its re-review). */
export function newerReviewFirst(a: { check: CheckRunFacts; ref: ReviewRunRef | null }, b: { check: CheckRunFacts; ref: ReviewRunRef | null }): number {
  if (a.ref && b.ref) return b.ref.runId - a.ref.runId || b.ref.attempt - a.ref.attempt || b.check.id - a.check.id;
  return b.check.id - a.check.id;
}
