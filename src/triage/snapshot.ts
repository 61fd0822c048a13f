/**
 * What one run knows about the repository, built from two issue listings (see fetch.ts): everything the bot
 * opened (suggestions, its pull requests, its reports) and the open roadmap issues. Classifying the raw items
 * is pure; the markers inside bodies are trusted only because the listing is filtered to the bot's own items
 * and each item's author is checked again by id and type.
 */
import { contentHashes, type ApprovedContent } from '../core/approval.js';
import type { SuggestionSource } from '../core/contracts.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import { currentState, type WorkState } from '../core/issue-state.js';
import { SEVERITIES, severityLabel, type LabelNames, type Severity } from '../core/labels.js';
import { IMPLEMENT_PR_MARKER_KIND, NIGHTLY_MARKER_KIND, REPORT_MARKER_KIND, SUGGESTION_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import type { PrMarker, ReportMarker } from './markers.js';

/** An issue or pull request as the issues list endpoint returns it (the fields triage reads). */
export interface ListedIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  html_url: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  user: { login: string; id: number; type?: string } | null;
  labels: ReadonlyArray<string | { name?: string }>;
  assignees?: ReadonlyArray<{ login: string }> | null;
  pull_request?: { merged_at?: string | null } | null;
}

export interface Suggestion {
  number: number;
  title: string;
  url: string;
  open: boolean;
  stateReason: string | null;
  createdAt: string;
  closedAt: string | null;
  labels: string[];
  severity: Severity | null;
  source: SuggestionSource;
  /** Pull requests the finding was seen on (from the marker). */
  prs: number[];
  fingerprint: string | null;
  /** Hashes of the title and body as read: an approval records them (core/approval.ts). */
  content: ApprovedContent;
}

export interface AutomatedPull {
  number: number;
  title: string;
  url: string;
  open: boolean;
  createdAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  marker: PrMarker | null;
}

export interface RoadmapIssue {
  number: number;
  title: string;
  url: string;
  state: WorkState | null;
  updatedAt: string;
}

export interface ReportIssue {
  number: number;
  title: string;
  url: string;
  body: string;
  open: boolean;
  marker: ReportMarker | null;
}

/** A nightly report issue the bot wrote; `day` and `end` come from its marker (null when the marker is missing). */
export interface NightlyIssue {
  number: number;
  title: string;
  url: string;
  body: string;
  open: boolean;
  day: string | null;
  /** End of the window it reports on (ISO 8601). */
  end: string | null;
}

export interface Snapshot {
  suggestions: Suggestion[];
  pulls: AutomatedPull[];
  roadmap: RoadmapIssue[];
  reports: ReportIssue[];
  nightly: NightlyIssue[];
  /** Every label name seen on any listed item (lower case): these exist, so need not be created. */
  seenLabels: Set<string>;
}

export function labelNamesOf(item: Pick<ListedIssue, 'labels'>): string[] {
  return item.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter((name) => name !== '');
}

export function hasLabel(labels: readonly string[], name: string): boolean {
  const lower = name.toLowerCase();
  return labels.some((label) => label.toLowerCase() === lower);
}

function suggestionFrom(item: ListedIssue, names: LabelNames): Suggestion {
  const labels = labelNamesOf(item);
  const marker = readMarker(SUGGESTION_MARKER_KIND, item.body);
  // Labels first: a human who changes a severity or source label has the last word over the agent's marker.
  const severity = SEVERITIES.find((level) => hasLabel(labels, severityLabel(names, level))) ?? marker?.severity ?? null;
  const source: SuggestionSource = hasLabel(labels, names.sourceCtoReview)
    ? 'cto-review'
    : hasLabel(labels, names.sourceCisoReview)
      ? 'ciso-review'
      : (marker?.source ?? 'discovery');
  return {
    number: item.number,
    title: item.title,
    url: item.html_url,
    open: item.state === 'open',
    stateReason: item.state_reason ?? null,
    createdAt: item.created_at,
    closedAt: item.closed_at,
    labels,
    severity,
    source,
    prs: marker?.prs ?? [],
    fingerprint: marker?.fingerprint ?? null,
    content: contentHashes(item.title, item.body),
  };
}

function pullFrom(item: ListedIssue): AutomatedPull {
  return {
    number: item.number,
    title: item.title,
    url: item.html_url,
    open: item.state === 'open',
    createdAt: item.created_at,
    closedAt: item.closed_at,
    mergedAt: item.pull_request?.merged_at ?? null,
    marker: readMarker(IMPLEMENT_PR_MARKER_KIND, item.body),
  };
}

export function reportTitle(periodId: string): string {
  return `Triage report — ${periodId}`;
}

/**
 * Pure: sorts the bot's items into suggestions, implement's pull requests and reports, and reads the open
 * roadmap issues' work states. Items not authored by the bot (id and type) are dropped from the first list.
 */
export function buildSnapshot(botItems: readonly ListedIssue[], roadmapItems: readonly ListedIssue[], bot: BotIdentity, names: LabelNames): Snapshot {
  const seenLabels = new Set<string>();
  const snapshot: Snapshot = { suggestions: [], pulls: [], roadmap: [], reports: [], nightly: [], seenLabels };
  for (const item of [...botItems, ...roadmapItems]) for (const label of labelNamesOf(item)) seenLabels.add(label.toLowerCase());
  for (const item of botItems) {
    if (!isBot(item.user, bot)) continue;
    const labels = labelNamesOf(item);
    if (item.pull_request) {
      const pull = pullFrom(item);
      if (pull.marker || hasLabel(labels, names.automated)) snapshot.pulls.push(pull);
    } else if (hasLabel(labels, names.triageReport)) {
      const body = item.body ?? '';
      snapshot.reports.push({
        number: item.number,
        title: item.title,
        url: item.html_url,
        body,
        open: item.state === 'open',
        marker: readMarker(REPORT_MARKER_KIND, body),
      });
    } else if (hasLabel(labels, names.nightlyReport)) {
      const body = item.body ?? '';
      const marker = readMarker(NIGHTLY_MARKER_KIND, body);
      snapshot.nightly.push({
        number: item.number,
        title: item.title,
        url: item.html_url,
        body,
        open: item.state === 'open',
        day: marker?.day ?? null,
        end: marker?.end ?? null,
      });
    } else if (hasLabel(labels, names.agentSuggestion)) {
      snapshot.suggestions.push(suggestionFrom(item, names));
    }
  }
  for (const item of roadmapItems) {
    if (item.pull_request || item.state !== 'open') continue;
    snapshot.roadmap.push({
      number: item.number,
      title: item.title,
      url: item.html_url,
      state: currentState(labelNamesOf(item), names).state,
      updatedAt: item.updated_at,
    });
  }
  return snapshot;
}

export type SuggestionStatus = 'pending' | 'approved' | 'rejected' | 'other';

const REJECTED_REASONS = new Set(['not_planned', 'duplicate']);

/**
 * Pure: where a suggestion stands. Closed as not planned (or as a duplicate, which the review agents also
 * treat as rejected) is a rejection; the roadmap label is an approval; open with needs-approval waits.
 * Anything else (closed as completed without approval, open without either label) is "other".
 */
export function suggestionStatus(suggestion: Suggestion, names: LabelNames): SuggestionStatus {
  if (!suggestion.open && REJECTED_REASONS.has(suggestion.stateReason ?? '')) return 'rejected';
  if (hasLabel(suggestion.labels, names.roadmap)) return 'approved';
  if (suggestion.open && hasLabel(suggestion.labels, names.needsApproval)) return 'pending';
  return 'other';
}
