/**
 * The work state of an issue, held in exactly one `agent:*` label. Reading and planning
 * are pure; `transitionIssue` applies a plan. Label changes are the commit point of every run.
 */
import type { GitHub } from './github.js';
import { ensureLabels, type LabelKey, type LabelNames } from './labels.js';
import type { RepoRef } from './repo.js';
import { gitHubStatus } from './github-errors.js';

export const WORK_STATES = ['in-progress', 'needs-clarification', 'spec-review', 'pr-open', 'failed', 'done'] as const;
export type WorkState = (typeof WORK_STATES)[number];

const STATE_KEYS: Record<WorkState, LabelKey> = {
  'in-progress': 'agentInProgress',
  'needs-clarification': 'agentNeedsClarification',
  'spec-review': 'agentSpecReview',
  'pr-open': 'agentPrOpen',
  failed: 'agentFailed',
  done: 'agentDone',
};

export function stateLabel(state: WorkState, names: LabelNames): string {
  return names[STATE_KEYS[state]];
}

/** Every work-state label name in use, for filters such as "issues without any agent state". */
export function stateLabels(names: LabelNames): string[] {
  return WORK_STATES.map((state) => stateLabel(state, names));
}

/**
 * Which state wins when several labels are present (a crash between the two label writes, or a human edit).
 * States that end the loop or wait for a human come first, so an ambiguous issue is never worked on by a new
 * run while it might also be finished or waiting; "in-progress" is the weakest claim.
 */
const PRECEDENCE: readonly WorkState[] = ['done', 'failed', 'needs-clarification', 'spec-review', 'pr-open', 'in-progress'];

export interface CurrentState {
  /** The state the issue is in, or null when it has no work-state label. */
  state: WorkState | null;
  /** Every work-state label present, in precedence order; more than one means the labels need repair. */
  present: WorkState[];
  conflict: boolean;
}

export function currentState(labelNames: readonly string[], names: LabelNames): CurrentState {
  const onIssue = new Set(labelNames.map((name) => name.toLowerCase()));
  const present = PRECEDENCE.filter((state) => onIssue.has(stateLabel(state, names).toLowerCase()));
  return { state: present[0] ?? null, present, conflict: present.length > 1 };
}

/** The moves the loop makes. `null` is an issue no run has claimed yet. */
export const ALLOWED_TRANSITIONS: Readonly<Record<WorkState | 'none', readonly WorkState[]>> = {
  none: ['in-progress'],
  'in-progress': ['needs-clarification', 'spec-review', 'pr-open', 'failed'],
  // answers arrived: the next run resumes the issue
  'needs-clarification': ['in-progress'],
  // /approve-spec resumes; a rejected or expired SPEC fails
  'spec-review': ['in-progress', 'failed'],
  // merged; review follow-up on the agent's own PR; PR closed unmerged
  'pr-open': ['done', 'in-progress', 'failed'],
  // a human relabels or comments /retry
  failed: ['in-progress'],
  done: [],
};

export function isAllowedTransition(from: WorkState | null, to: WorkState): boolean {
  // Re-asserting the current state is allowed: it is how a run that crashed half-way repairs the labels.
  if (from === to) return true;
  return ALLOWED_TRANSITIONS[from ?? 'none'].includes(to);
}

export type TransitionPlan =
  { ok: true; from: WorkState | null; to: WorkState; add: string[]; remove: string[] } | { ok: false; from: WorkState | null; to: WorkState; reason: string };

/** The label writes that move an issue from its current labels to `to`, or a refusal naming both states. */
export function planTransition(currentLabels: readonly string[], to: WorkState, names: LabelNames): TransitionPlan {
  const { state: from, present } = currentState(currentLabels, names);
  if (!isAllowedTransition(from, to)) {
    return { ok: false, from, to, reason: `cannot move an issue from ${from ?? 'no state'} to ${to}` };
  }
  const target = stateLabel(to, names);
  const add = present.includes(to) ? [] : [target];
  const remove = present.filter((state) => state !== to).map((state) => stateLabel(state, names));
  return { ok: true, from, to, add, remove };
}

export class TransitionRefusedError extends Error {
  override readonly name = 'TransitionRefusedError';
  constructor(
    readonly from: WorkState | null,
    readonly to: WorkState,
    readonly issueNumber: number,
  ) {
    super(`issue #${issueNumber}: cannot move from ${from ?? 'no state'} to ${to}`);
  }
}

export interface TransitionResult {
  from: WorkState | null;
  to: WorkState;
  added: string[];
  removed: string[];
  /** The issue's labels after the transition, as GitHub last reported them. */
  labels: string[];
}

export interface TransitionOptions {
  /** Labels the caller has just read; saves the read. */
  currentLabels?: readonly string[];
}

/**
 * Moves an issue to `to`. Requests: one label read (none when `currentLabels` is given), one add, one
 * delete per stale state label; label creation is cached for the run.
 *
 * The new label is added before the old ones are removed. A crash between the two leaves both labels, which
 * `currentState` resolves by precedence and the next transition cleans up; removing first would instead leave
 * an issue with no state label, which the picker reads as unclaimed work and could implement twice.
 */
export async function transitionIssue(
  gh: GitHub,
  repo: RepoRef,
  issueNumber: number,
  to: WorkState,
  names: LabelNames,
  options: TransitionOptions = {},
): Promise<TransitionResult> {
  const before =
    options.currentLabels ??
    (await gh.paginate(gh.rest.issues.listLabelsOnIssue, { owner: repo.owner, repo: repo.repo, issue_number: issueNumber, per_page: 100 })).map(
      (label) => label.name,
    );
  const plan = planTransition(before, to, names);
  if (!plan.ok) throw new TransitionRefusedError(plan.from, plan.to, issueNumber);

  let labels = [...before];
  if (plan.add.length > 0) {
    await ensureLabels(gh, repo, plan.add, names);
    const { data } = await gh.rest.issues.addLabels({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber, labels: plan.add });
    labels = data.map((label) => label.name);
  }
  const removed: string[] = [];
  for (const name of plan.remove) {
    // The add response is the issue's current label set: skip labels someone already took off.
    if (!labels.some((label) => label.toLowerCase() === name.toLowerCase())) continue;
    try {
      const { data } = await gh.rest.issues.removeLabel({ owner: repo.owner, repo: repo.repo, issue_number: issueNumber, name });
      labels = data.map((label) => label.name);
      removed.push(name);
    } catch (error) {
      // Removed concurrently between our read and this delete: the outcome we wanted.
      if (gitHubStatus(error) !== 404) throw error;
      labels = labels.filter((label) => label.toLowerCase() !== name.toLowerCase());
    }
  }
  return { from: plan.from, to, added: plan.add, removed, labels };
}
