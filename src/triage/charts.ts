/**
 * The report's two Mermaid charts, which GitHub renders in issues: a pie of where suggestions stand and a
 * flow of issue states from suggestion to merge. Every label is fixed text written here and every value a
 * count, so nothing an agent wrote reaches the diagram source. Pure.
 */
import type { WorkState } from '../core/issue-state.js';
import type { SuggestionStatus } from './snapshot.js';

const OUTCOME_LABELS: Record<SuggestionStatus, string> = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  rejected: 'Rejected',
  other: 'Closed or set aside otherwise',
};

/** A pie of suggestion outcomes; null when there is nothing to show (Mermaid draws no empty pie). */
export function outcomePie(outcomes: Record<SuggestionStatus, number>): string | null {
  const slices = (Object.keys(OUTCOME_LABELS) as SuggestionStatus[]).filter((key) => outcomes[key] > 0);
  if (slices.length === 0) return null;
  return ['```mermaid', 'pie title Suggestions by outcome (all time)', ...slices.map((key) => `    "${OUTCOME_LABELS[key]}" : ${outcomes[key]}`), '```'].join(
    '\n',
  );
}

export interface StateCounts {
  suggested: number;
  waiting: number;
  rejected: number;
  /** Open roadmap issues no run has started. */
  queued: number;
  states: Record<WorkState, number>;
}

interface FlowNode {
  id: string;
  label: string;
  count: number;
}

/**
 * A left-to-right flowchart whose nodes carry counts: suggested → waiting / rejected / roadmap → in progress →
 * (clarification, SPEC review) → PR open → done, with failed off in-progress. Only node ids, quoted fixed
 * labels and `-->` edges are used: the subset the test's grammar check accepts.
 */
export function stateFlow(counts: StateCounts): string {
  const node = (id: string, label: string, count: number): FlowNode => ({ id, label, count });
  const nodes = [
    node('suggested', 'Suggested', counts.suggested),
    node('waiting', 'Waiting for a decision', counts.waiting),
    node('rejected', 'Rejected', counts.rejected),
    node('queued', 'Roadmap, not started', counts.queued),
    node('inProgress', 'In progress', counts.states['in-progress']),
    node('clarification', 'Needs clarification', counts.states['needs-clarification']),
    node('specReview', 'SPEC review', counts.states['spec-review']),
    node('prOpen', 'PR open', counts.states['pr-open']),
    node('done', 'Done', counts.states.done),
    node('failed', 'Failed', counts.states.failed),
  ];
  const edges: Array<[string, string]> = [
    ['suggested', 'waiting'],
    ['suggested', 'rejected'],
    ['suggested', 'queued'],
    ['queued', 'inProgress'],
    ['inProgress', 'clarification'],
    ['inProgress', 'specReview'],
    ['inProgress', 'prOpen'],
    ['inProgress', 'failed'],
    ['prOpen', 'done'],
  ];
  return [
    '```mermaid',
    'flowchart LR',
    ...nodes.map((n) => `    ${n.id}["${n.label}: ${n.count}"]`),
    ...edges.map(([from, to]) => `    ${from} --> ${to}`),
    '```',
  ].join('\n');
}
