/**
 * The dashboard's "now": the queue in pick order, work in flight, open agent pull requests with their gates,
 * suggestions awaiting a decision and the last failures. Pure: every fact was read before (see read.ts).
 */
import type { WorkState } from '../core/issue-state.js';
import { SEVERITIES, type LabelNames, type Severity } from '../core/labels.js';
import { priorityOf, rankCandidates, type IssueSummary, type PickRules, type PriorityLevel } from '../implement/pick.js';
import { daysBetween } from '../triage/period.js';
import { labelNamesOf, suggestionStatus, type ListedIssue, type Snapshot } from '../triage/snapshot.js';

export interface GateRecord {
  name: string;
  status: 'pass' | 'fail' | 'wait';
  reason: string;
}

/** What auto-merge last recorded on a pull request (its sticky comment's marker). */
export interface PullGateState {
  status: string;
  headSha: string;
  gates: GateRecord[];
  commentUrl: string;
}

/** What implement last recorded on an issue (its sticky comment's marker). */
export interface IssueWorkState {
  stage?: string;
  runUrl?: string;
  failure?: { category: string; reason: string };
  /** What the model calls of implement's last run on the issue cost. */
  costUsd?: number;
  commentUrl: string;
  updatedAt: string;
}

export interface QueueItem {
  number: number;
  title: string;
  url: string;
  priority: PriorityLevel;
  waitingDays: number;
}

export interface InFlightItem {
  number: number;
  title: string;
  url: string;
  state: WorkState;
  /** Hours since the state last changed (the issue's last update, or implement's comment when newer). */
  ageHours: number;
  runUrl: string | null;
}

export interface PullItem {
  number: number;
  title: string;
  url: string;
  openDays: number;
  /** merge / wait / refuse as auto-merge last decided, or not evaluated yet. */
  verdict: 'waiting' | 'blocked' | 'ready' | 'not evaluated';
  /** The first gate that holds it back, in auto-merge's own words. */
  reason: string;
  gates: GateRecord[];
  gatesUrl: string | null;
}

export interface SuggestionItem {
  number: number;
  title: string;
  url: string;
  waitingDays: number;
}

export interface SuggestionGroup {
  severity: Severity | 'unrated';
  source: string;
  /** The oldest first, at most SUGGESTIONS_SHOWN; `total` counts them all. */
  items: SuggestionItem[];
  total: number;
}

/** Rows shown per severity and source; the rest are one link to GitHub's list away. */
export const SUGGESTIONS_SHOWN = 25;

export interface FailureItem {
  number: number;
  title: string;
  url: string;
  category: string;
  reason: string;
  /** What a person has to do next. */
  action: string;
  detailsUrl: string | null;
}

export interface NowView {
  queue: QueueItem[];
  inFlight: InFlightItem[];
  pulls: PullItem[];
  suggestions: SuggestionGroup[];
  failures: FailureItem[];
}

export interface NowInput {
  snapshot: Snapshot;
  roadmapItems: readonly ListedIssue[];
  names: LabelNames;
  rules: PickRules;
  now: Date;
  pullGates: ReadonlyMap<number, PullGateState>;
  issueStates: ReadonlyMap<number, IssueWorkState>;
}

const FAILURE_ACTIONS: Record<string, string> = {
  code: 'Read the test output in the report comment; clarify the issue or fix it by hand, then comment /retry.',
  budget: 'Raise the budget named in the reason or split the issue, then comment /retry.',
  model: 'Check the provider, model and key settings, then comment /retry.',
  transient: 'A service kept failing; comment /retry.',
  user: 'Fix the setting named in the reason, then comment /retry.',
  critical: 'Read the report comment: a safety gate stopped the change; a person decides.',
};

export function failureAction(category: string): string {
  return FAILURE_ACTIONS[category] ?? 'Read the report comment on the issue.';
}

function hoursSince(timestamp: string, now: Date): number {
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? 0 : Math.max(0, (now.getTime() - at) / 3_600_000);
}

function queueOf(input: NowInput): QueueItem[] {
  const summaries: IssueSummary[] = input.roadmapItems.map((item) => ({
    number: item.number,
    title: item.title,
    labels: labelNamesOf(item),
    assignees: (item.assignees ?? []).map((assignee) => assignee.login),
    createdAt: item.created_at,
    state: item.state,
    isPullRequest: Boolean(item.pull_request),
  }));
  const urls = new Map(input.roadmapItems.map((item) => [item.number, item.html_url]));
  return rankCandidates(summaries, input.rules).map((issue) => ({
    number: issue.number,
    title: issue.title,
    url: urls.get(issue.number) ?? '',
    priority: priorityOf(issue.labels, input.rules),
    waitingDays: daysBetween(issue.createdAt, input.now),
  }));
}

const IN_FLIGHT: readonly WorkState[] = ['in-progress', 'needs-clarification', 'spec-review', 'pr-open'];

function inFlightOf(input: NowInput): InFlightItem[] {
  return input.snapshot.roadmap
    .filter((issue): issue is typeof issue & { state: WorkState } => issue.state !== null && IN_FLIGHT.includes(issue.state))
    .map((issue) => {
      const recorded = input.issueStates.get(issue.number);
      const since = recorded && recorded.updatedAt > issue.updatedAt ? recorded.updatedAt : issue.updatedAt;
      return {
        number: issue.number,
        title: issue.title,
        url: issue.url,
        state: issue.state,
        ageHours: hoursSince(since, input.now),
        runUrl: recorded?.runUrl ?? null,
      };
    })
    .sort((a, b) => IN_FLIGHT.indexOf(a.state) - IN_FLIGHT.indexOf(b.state) || b.ageHours - a.ageHours);
}

function pullVerdict(state: PullGateState | undefined): Pick<PullItem, 'verdict' | 'reason'> {
  if (!state) return { verdict: 'not evaluated', reason: 'auto-merge has not evaluated this pull request yet' };
  const failed = state.gates.find((gate) => gate.status === 'fail');
  if (failed) return { verdict: 'blocked', reason: `${failed.name}: ${failed.reason}` };
  const waiting = state.gates.find((gate) => gate.status === 'wait');
  if (waiting) return { verdict: 'waiting', reason: `${waiting.name}: ${waiting.reason}` };
  return { verdict: 'ready', reason: 'every gate holds' };
}

function pullsOf(input: NowInput): PullItem[] {
  return input.snapshot.pulls
    .filter((pull) => pull.open)
    .map((pull) => {
      const state = input.pullGates.get(pull.number);
      return {
        number: pull.number,
        title: pull.title,
        url: pull.url,
        openDays: daysBetween(pull.createdAt, input.now),
        ...pullVerdict(state),
        gates: state?.gates ?? [],
        gatesUrl: state?.commentUrl ?? null,
      };
    })
    .sort((a, b) => a.number - b.number);
}

const SEVERITY_ORDER: ReadonlyArray<Severity | 'unrated'> = [...SEVERITIES, 'unrated'];

function suggestionsOf(input: NowInput): SuggestionGroup[] {
  const groups = new Map<string, SuggestionGroup>();
  for (const suggestion of input.snapshot.suggestions) {
    if (suggestionStatus(suggestion, input.names) !== 'pending') continue;
    const severity = suggestion.severity ?? 'unrated';
    const key = `${severity}\u0000${suggestion.source}`;
    const group = groups.get(key) ?? { severity, source: suggestion.source, items: [], total: 0 };
    group.total++;
    group.items.push({ number: suggestion.number, title: suggestion.title, url: suggestion.url, waitingDays: daysBetween(suggestion.createdAt, input.now) });
    groups.set(key, group);
  }
  for (const group of groups.values())
    group.items = group.items.sort((a, b) => b.waitingDays - a.waitingDays || a.number - b.number).slice(0, SUGGESTIONS_SHOWN);
  return [...groups.values()].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.source.localeCompare(b.source));
}

function failuresOf(input: NowInput): FailureItem[] {
  return input.snapshot.roadmap
    .filter((issue) => issue.state === 'failed')
    .map((issue) => {
      const recorded = input.issueStates.get(issue.number);
      const category = recorded?.failure?.category ?? 'unknown';
      return {
        number: issue.number,
        title: issue.title,
        url: issue.url,
        category,
        reason: recorded?.failure?.reason ?? 'implement recorded no reason; see the issue',
        action: failureAction(category),
        detailsUrl: recorded?.commentUrl ?? null,
        updatedAt: recorded?.updatedAt ?? issue.updatedAt,
      };
    })
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .map(({ updatedAt: _updatedAt, ...item }) => item);
}

/** Roadmap issues whose implement comment is worth reading: in flight or failed. */
export function issuesToRead(snapshot: Snapshot): number[] {
  return snapshot.roadmap.filter((issue) => issue.state !== null && (issue.state === 'failed' || IN_FLIGHT.includes(issue.state))).map((issue) => issue.number);
}

export function nowView(input: NowInput): NowView {
  return { queue: queueOf(input), inFlight: inFlightOf(input), pulls: pullsOf(input), suggestions: suggestionsOf(input), failures: failuresOf(input) };
}
