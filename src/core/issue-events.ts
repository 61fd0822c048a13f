/**
 * Who changed an issue's labels and title, from its events (`GET /repos/{owner}/{repo}/issues/{n}/events`, oldest
 * first, 100 a page). Labels say what an issue is; only the events say who made it so, and an approval rests on that.
 */
import type { GitHub } from './github.js';
import { isRecord } from './is-record.js';
import type { RepoRef } from './repo.js';

/** Who caused an event; null when the account was deleted. */
export interface EventActor {
  login: string;
  id?: number;
  type?: string;
}

export type IssueEvent =
  | { kind: 'labeled' | 'unlabeled'; id: number; label: string; actor: EventActor | null; createdAt: string }
  | { kind: 'renamed'; id: number; from: string; to: string; actor: EventActor | null; createdAt: string };

export type LabelEvent = Extract<IssueEvent, { kind: 'labeled' | 'unlabeled' }>;

function actorOf(value: unknown): EventActor | null {
  if (!isRecord(value) || typeof value.login !== 'string') return null;
  return { login: value.login, ...(typeof value.id === 'number' ? { id: value.id } : {}), ...(typeof value.type === 'string' ? { type: value.type } : {}) };
}

/** Pure: the label and title events among raw API events, in the order given; anything else is left out. */
export function issueEventsFrom(raw: readonly unknown[]): IssueEvent[] {
  const events: IssueEvent[] = [];
  for (const item of raw) {
    if (!isRecord(item) || typeof item.id !== 'number' || typeof item.created_at !== 'string') continue;
    const base = { id: item.id, actor: actorOf(item.actor), createdAt: item.created_at };
    if ((item.event === 'labeled' || item.event === 'unlabeled') && isRecord(item.label) && typeof item.label.name === 'string')
      events.push({ kind: item.event, label: item.label.name, ...base });
    if (item.event === 'renamed' && isRecord(item.rename) && typeof item.rename.from === 'string' && typeof item.rename.to === 'string')
      events.push({ kind: 'renamed', from: item.rename.from, to: item.rename.to, ...base });
  }
  return events;
}

/** Every label and title event of an issue, all pages (one request per 100 events). */
export async function readIssueEvents(gh: GitHub, repo: RepoRef, issueNumber: number): Promise<IssueEvent[]> {
  const raw = await gh.paginate(gh.rest.issues.listEvents, { owner: repo.owner, repo: repo.repo, issue_number: issueNumber, per_page: 100 });
  return issueEventsFrom(raw);
}

/** Pure: the newest event that added (`labeled`) or removed (`unlabeled`) `label`, compared without case; null when none. */
export function lastLabelEvent(events: readonly IssueEvent[], kind: LabelEvent['kind'], label: string): LabelEvent | null {
  const wanted = label.toLowerCase();
  let found: LabelEvent | null = null;
  for (const event of events) if (event.kind === kind && event.label.toLowerCase() === wanted) found = event;
  return found;
}

/** Pure: whether the title was changed after the event with id `eventId` (events are in the order GitHub lists them, oldest first). */
export function renamedAfter(events: readonly IssueEvent[], eventId: number): boolean {
  const from = events.findIndex((event) => event.id === eventId);
  return events.slice(from + 1).some((event) => event.kind === 'renamed');
}
