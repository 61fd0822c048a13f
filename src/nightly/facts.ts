/**
 * What the factory did in the window, from facts already read: the triage snapshot (the bot's issues and pull
 * requests with their markers, the open roadmap issues), implement's record on issues in flight or failed and
 * auto-merge's gate table on pull requests. Pure.
 */
import type { WorkState } from '../core/issue-state.js';
import type { LabelNames } from '../core/labels.js';
import type { GateRecord, IssueWorkState, PullGateState } from '../dashboard/now.js';
import { inPeriod, type Period } from '../triage/period.js';
import { suggestionStatus, type AutomatedPull, type Snapshot, type Suggestion } from '../triage/snapshot.js';

export interface NightlyInput {
  snapshot: Snapshot;
  names: LabelNames;
  window: Period;
  workStates: ReadonlyMap<number, IssueWorkState>;
  gateStates: ReadonlyMap<number, PullGateState>;
  /** Most the factory should spend in a day, in US dollars; null when none is set. */
  budgetUsd: number | null;
}

export interface PickedIssue {
  number: number;
  title: string;
  url: string | null;
  /** Where the work stands: `PR #12 merged`, `in progress`, `failed`. */
  outcome: string;
}

export interface FailedWork {
  number: number;
  title: string;
  url: string;
  category: string;
  reason: string;
  /** The run or report comment that says more. */
  link: string | null;
}

export interface NightlyPull {
  number: number;
  title: string;
  url: string;
  issue: number | null;
  costUsd: number | null;
  /** The agent reviews' gate as auto-merge last recorded it; null when auto-merge has not looked yet. */
  reviews: GateRecord | null;
  /** Gates that fail, with their reasons (why a pull request was not merged). */
  failing: GateRecord[];
  gatesUrl: string | null;
}

export interface AnalystYield {
  /** `log-miner`, `cto-review`, …: the suggestion's `source:` label, else its marker's source. */
  analyst: string;
  suggestions: Suggestion[];
}

export interface NightlyFacts {
  window: Period;
  picked: PickedIssue[];
  opened: NightlyPull[];
  merged: NightlyPull[];
  closedUnmerged: NightlyPull[];
  failed: FailedWork[];
  /** Pull requests touched in the window or still open whose reviews auto-merge recorded. */
  verdicts: NightlyPull[];
  filed: AnalystYield[];
  rejected: Suggestion[];
  spend: { usd: number; runs: number; budgetUsd: number | null };
}

const WORKING: readonly WorkState[] = ['in-progress', 'needs-clarification', 'spec-review', 'pr-open', 'failed'];
const STATE_TEXT: Record<WorkState, string> = {
  'in-progress': 'in progress',
  'needs-clarification': 'waiting for answers',
  'spec-review': 'SPEC waiting for approval',
  'pr-open': 'pull request open',
  failed: 'failed',
  done: 'done',
};

function pullFacts(pull: AutomatedPull, gates: PullGateState | undefined): NightlyPull {
  return {
    number: pull.number,
    title: pull.title,
    url: pull.url,
    issue: pull.marker?.issue ?? null,
    costUsd: pull.marker?.costUsd ?? null,
    reviews: gates?.gates.find((gate) => gate.name === 'agent-reviews') ?? null,
    failing: gates?.gates.filter((gate) => gate.status === 'fail') ?? [],
    gatesUrl: gates?.commentUrl ?? null,
  };
}

function pullOutcome(pull: AutomatedPull): string {
  if (pull.mergedAt) return `PR #${pull.number} merged`;
  return pull.open ? `PR #${pull.number} open` : `PR #${pull.number} closed without merging`;
}

/** The analyst or reviewer that filed a suggestion: a human's `source:` label wins over the marker. */
export function analystOf(suggestion: Suggestion): string {
  const label = suggestion.labels.find((name) => name.toLowerCase().startsWith('source:'));
  return label ? label.slice('source:'.length) : suggestion.source;
}

/** The pull requests the nightly report needs auto-merge's gate table for: touched in the window, or open. */
export function pullsToRead(snapshot: Snapshot, window: Period): number[] {
  return snapshot.pulls.filter((pull) => pull.open || inPeriod(pull.createdAt, window) || inPeriod(pull.closedAt, window)).map((pull) => pull.number);
}

export function nightlyFacts(input: NightlyInput): NightlyFacts {
  const { snapshot, window } = input;
  const within = (timestamp: string | null | undefined) => inPeriod(timestamp, window);
  const gates = (pull: AutomatedPull) => pullFacts(pull, input.gateStates.get(pull.number));
  const roadmap = new Map(snapshot.roadmap.map((issue) => [issue.number, issue]));

  const picked = new Map<number, PickedIssue>();
  for (const pull of snapshot.pulls) {
    if (!pull.marker || !within(pull.marker.claimedAt ?? pull.marker.openedAt)) continue;
    const issue = roadmap.get(pull.marker.issue);
    picked.set(pull.marker.issue, { number: pull.marker.issue, title: issue?.title ?? pull.title, url: issue?.url ?? null, outcome: pullOutcome(pull) });
  }
  for (const issue of snapshot.roadmap) {
    const recorded = input.workStates.get(issue.number);
    if (picked.has(issue.number) || issue.state === null || !WORKING.includes(issue.state) || !within(recorded?.updatedAt)) continue;
    picked.set(issue.number, { number: issue.number, title: issue.title, url: issue.url, outcome: STATE_TEXT[issue.state] });
  }

  const failed: FailedWork[] = snapshot.roadmap.flatMap((issue) => {
    const recorded = input.workStates.get(issue.number);
    if (issue.state !== 'failed' || !recorded || !within(recorded.updatedAt)) return [];
    return [
      {
        number: issue.number,
        title: issue.title,
        url: issue.url,
        category: recorded.failure?.category ?? 'unknown',
        reason: recorded.failure?.reason ?? 'implement recorded no reason',
        link: recorded.runUrl ?? recorded.commentUrl,
      },
    ];
  });

  const opened = snapshot.pulls.filter((pull) => within(pull.createdAt)).map(gates);
  const merged = snapshot.pulls.filter((pull) => within(pull.mergedAt)).map(gates);
  const closedUnmerged = snapshot.pulls.filter((pull) => !pull.open && pull.mergedAt === null && within(pull.closedAt)).map(gates);
  const verdicts = snapshot.pulls
    .filter((pull) => pull.open || within(pull.createdAt) || within(pull.closedAt))
    .map(gates)
    .filter((pull) => pull.reviews !== null);

  const byAnalyst = new Map<string, Suggestion[]>();
  for (const suggestion of snapshot.suggestions.filter((s) => within(s.createdAt))) {
    const analyst = analystOf(suggestion);
    byAnalyst.set(analyst, [...(byAnalyst.get(analyst) ?? []), suggestion]);
  }
  const filed = [...byAnalyst.entries()]
    .map(([analyst, suggestions]) => ({ analyst, suggestions }))
    .sort((a, b) => b.suggestions.length - a.suggestions.length || a.analyst.localeCompare(b.analyst));
  const rejected = snapshot.suggestions.filter((s) => suggestionStatus(s, input.names) === 'rejected' && within(s.closedAt));

  // Spend: each pull request opened in the window carries its implementation's cost; work that ended without
  // one (failed, waiting for answers) carries it in implement's record. Counted once per issue.
  const costed = opened.flatMap((pull) => (pull.costUsd === null ? [] : [pull.costUsd]));
  const withPull = new Set(opened.flatMap((pull) => (pull.issue === null ? [] : [pull.issue])));
  const unpulled = [...input.workStates.entries()].flatMap(([number, state]) =>
    withPull.has(number) || state.costUsd === undefined || !within(state.updatedAt) ? [] : [state.costUsd],
  );
  const all = [...costed, ...unpulled];
  return {
    window,
    picked: [...picked.values()].sort((a, b) => a.number - b.number),
    opened,
    merged,
    closedUnmerged,
    failed,
    verdicts,
    filed,
    rejected,
    spend: { usd: all.reduce((sum, cost) => sum + cost, 0), runs: all.length, budgetUsd: input.budgetUsd },
  };
}
