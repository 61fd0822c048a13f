/**
 * Shared setup of the triage-report runner-emulation tests: an emulated repository, suggestions seeded the
 * way cto-review and ciso-review create them (bot author, labels, suggestion marker), and a runner for the
 * bundled action with the clock pinned.
 */
import { formatMarker } from '../../src/core/marker.js';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator, type IssueRecord } from '../../src/emulators/github/index.js';
import { runAction, webhookExample, type ActionRun } from '../harness/runner.js';

export const NOW = '2026-11-25T10:00:00Z'; // a Wednesday in ISO week 2026-W48 (Mon 23 Nov – Sun 29 Nov)
export const WEEK = '2026-W48';
export const REPORT_TITLE = `Triage report — ${WEEK}`;

export async function startRepo(): Promise<GitHubEmulator> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
  gh.clock.set(NOW);
  gh.state.setPermission('alice', 'write');
  gh.state.setPermission('mia', 'maintain');
  gh.state.setPermission('bob', 'read');
  gh.state.setPermission('tess', 'triage');
  return gh;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface SuggestionSeed {
  title?: string;
  severity?: Severity;
  source?: 'cto-review' | 'ciso-review' | 'discovery';
  prs?: number[];
  createdAt?: string;
  /** Labels beyond the suggestion's own. */
  extraLabels?: string[];
  /** Leave out the source label (discovery suggestions often have none). */
  noSourceLabel?: boolean;
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'duplicate';
  needsApproval?: boolean;
  author?: string;
  fingerprint?: string;
}

let counter = 0;

export function seedSuggestion(gh: GitHubEmulator, seed: SuggestionSeed = {}): IssueRecord {
  counter++;
  const severity = seed.severity ?? 'medium';
  const source = seed.source ?? 'cto-review';
  const labels = ['agent-suggestion', `severity-${severity}`, ...(seed.needsApproval === false ? [] : ['needs-approval'])];
  if (!seed.noSourceLabel && source !== 'discovery') labels.push(`source:${source}`);
  if (source === 'ciso-review') labels.push('security');
  const marker = formatMarker('suggestion', {
    fingerprint: seed.fingerprint ?? `fp-${counter}`,
    source,
    severity,
    category: 'maintainability',
    prs: seed.prs ?? [],
  });
  return gh.state.addIssue({
    title: seed.title ?? `[CTO Suggestion] Suggestion ${counter}`,
    body: `A finding worth a look.\n\n${marker}`,
    labels: [...labels, ...(seed.extraLabels ?? [])],
    user: seed.author ?? BOT_LOGIN,
    created_at: seed.createdAt ?? '2026-11-20T09:00:00Z',
    ...(seed.state ? { state: seed.state } : {}),
    ...(seed.stateReason ? { state_reason: seed.stateReason } : {}),
  });
}

export interface TriageRun {
  eventName?: string;
  event?: unknown;
  inputs?: Record<string, string | number | boolean>;
  now?: string;
}

export function runTriage(gh: GitHubEmulator, options: TriageRun = {}): Promise<ActionRun> {
  return runAction({
    entry: 'triage-report.js',
    inputs: { 'github-token': gh.botToken, ...options.inputs },
    eventName: options.eventName ?? 'schedule',
    event: options.event ?? { schedule: '0 8 * * 1' },
    apiUrl: gh.apiUrl,
    serverUrl: gh.serverUrl,
    repository: 'acme/widgets',
    env: { AGENTIC_WORKFLOW_NOW: options.now ?? NOW },
    timeoutMs: 120_000,
  });
}

function userPayload(gh: GitHubEmulator, login: string): Record<string, unknown> {
  const user = gh.state.user(login);
  if (!user) throw new Error(`no user ${login}`);
  return { login: user.login, id: user.id, type: user.type, node_id: `U_${user.id}` };
}

function issuePayload(gh: GitHubEmulator, number: number): Record<string, unknown> {
  const issue = gh.state.issue(number);
  if (!issue) throw new Error(`no issue #${number}`);
  const labels = issue.labelIds.map((id) => ({ name: gh.state.labels.get(id)?.name ?? '' }));
  return { number, title: issue.title, body: issue.body, state: issue.state, labels, user: userPayload(gh, issue.author) };
}

/** A real issue_comment.created payload, pointed at a comment seeded on `issue` by `login`. */
export function commentEvent(gh: GitHubEmulator, issue: number, login: string, body: string): { eventName: string; event: unknown } {
  const comment = gh.state.addComment({ issue_number: issue, body, user: login });
  const event = webhookExample('issue_comment', 'created');
  event.issue = { ...(event.issue as object), ...issuePayload(gh, issue) };
  event.comment = { ...(event.comment as object), id: comment.id, body, user: userPayload(gh, login) };
  event.sender = userPayload(gh, login);
  return { eventName: 'issue_comment', event };
}

/** A real issues.labeled payload (or, with action 'closed', the same shape for a close) sent by `login`. */
export function issuesEvent(
  gh: GitHubEmulator,
  issue: number,
  login: string,
  action: 'labeled' | 'closed',
  label?: string,
): { eventName: string; event: unknown } {
  const event = webhookExample('issues', 'labeled');
  event.action = action;
  event.issue = { ...(event.issue as object), ...issuePayload(gh, issue) };
  if (label) event.label = { ...(event.label as object), name: label };
  else delete event.label;
  event.sender = userPayload(gh, login);
  return { eventName: 'issues', event };
}

export function labelsOf(gh: GitHubEmulator, number: number): string[] {
  const issue = gh.state.issue(number);
  return (issue?.labelIds ?? []).map((id) => gh.state.labels.get(id)?.name ?? '').sort();
}

export function commentsOn(gh: GitHubEmulator, number: number): Array<{ author: string; body: string }> {
  return [...gh.state.comments.values()].filter((c) => c.issueNumber === number).map((c) => ({ author: c.author, body: c.body }));
}

export function reportIssues(gh: GitHubEmulator): IssueRecord[] {
  return [...gh.state.issues.values()].filter((issue) => issue.title.startsWith('Triage report — '));
}
