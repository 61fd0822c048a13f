/**
 * Who may command the bot. Every action that spends money or changes the repository on behalf of an event asks
 * this one function first. Events a person sends (a comment, a label, a dispatch, a review) count only when
 * that person can write to the repository; events the repository raises itself (a pull request being opened
 * or pushed to, a schedule, a finished workflow) are the product's normal triggers. A reusable workflow
 * (`workflow_call`) sees the event of the workflow that called it, so the same rule applies there, and an
 * explicit number input never stands in for the check.
 */
import type { WorkflowEvent } from './event.js';
import type { GitHub } from './github.js';
import { canWrite, isBot, userPermission, type BotIdentity, type Permission } from './identity.js';
import { lastLabelEvent, type IssueEvent, type LabelEvent } from './issue-events.js';
import type { RepoRef } from './repo.js';

export interface Person {
  login: string;
  id?: number | undefined;
  type?: string | undefined;
}

export type Commander =
  /** Raised by the repository itself: nobody to check. */
  | { kind: 'automatic'; via: string }
  /** Sent by a person; `comment` is where a refusal can be answered. */
  | { kind: 'person'; via: string; person: Person; comment?: { issue: number; id: number } | undefined }
  /** A person's event that does not say who sent it. */
  | { kind: 'unknown'; via: string };

/** Events GitHub raises for the repository's own activity rather than as somebody's request to the bot. */
const AUTOMATIC = new Set(['pull_request', 'schedule', 'push', 'check_run', 'check_suite', 'status', 'workflow_run']);

function eventLabel(event: WorkflowEvent): string {
  return event.name === 'other' ? event.eventName : event.name;
}

/** Pure: who sent the event. `actor` is GITHUB_ACTOR, used when the payload names no sender. */
export function commanderOf(event: WorkflowEvent, actor?: string): Commander {
  const via = eventLabel(event);
  if (AUTOMATIC.has(via)) return { kind: 'automatic', via };
  if (event.name === 'issue_comment') {
    const { comment, issue } = event.payload;
    if (!comment.user) return { kind: 'unknown', via };
    return { kind: 'person', via: `a comment by @${comment.user.login}`, person: comment.user, comment: { issue: issue.number, id: comment.id } };
  }
  if (event.name === 'pull_request_review') {
    const user = event.payload.review.user ?? event.sender;
    return user ? { kind: 'person', via: `a review by @${user.login}`, person: user } : { kind: 'unknown', via };
  }
  if (event.name === 'pull_request_review_comment') {
    const user = event.payload.comment.user ?? event.sender;
    return user ? { kind: 'person', via: `a review comment by @${user.login}`, person: user } : { kind: 'unknown', via };
  }
  const sender: Person | undefined = event.sender ?? (actor ? { login: actor } : undefined);
  if (!sender) return { kind: 'unknown', via };
  return { kind: 'person', via: `${via} by @${sender.login}`, person: sender };
}

export type Authority =
  | { allowed: true; via: string }
  | {
      allowed: false;
      via: string;
      reason: string;
      login?: string;
      permission?: Permission;
      comment?: { issue: number; id: number; userId?: number | undefined };
    };

export type PersonAuthority = { allowed: true; permission: Permission | 'bot' } | { allowed: false; permission: Permission | 'bot'; reason: string };

/**
 * The one rule for a person: may they command the bot? The bot itself may (its own reviews and runs); another
 * app or bot never may, whatever its permission; a person needs write, maintain or admin permission (one
 * request to the collaborator permission API). Every action that lets a person steer it asks this.
 */
export async function personAuthority(gh: GitHub, repo: RepoRef, person: Person, bot: BotIdentity): Promise<PersonAuthority> {
  if (person.id !== undefined && isBot({ id: person.id, type: person.type }, bot)) return { allowed: true, permission: 'bot' };
  if (person.type === 'Bot')
    return { allowed: false, permission: 'bot', reason: `@${person.login} is an app; only people with write access can ask the bot to act` };
  const permission = await userPermission(gh, repo, person.login);
  if (canWrite(permission)) return { allowed: true, permission };
  return { allowed: false, permission, reason: `@${person.login} has ${permission} permission; only people with write access can ask the bot to act` };
}

/**
 * Whether the event may command the bot: automatic events and the bot itself may; a person needs write,
 * maintain or admin permission (personAuthority).
 */
export async function checkAuthority(gh: GitHub, repo: RepoRef, event: WorkflowEvent, actor: string | undefined, bot: BotIdentity): Promise<Authority> {
  const commander = commanderOf(event, actor);
  if (commander.kind === 'automatic') return { allowed: true, via: commander.via };
  if (commander.kind === 'unknown') return { allowed: false, via: commander.via, reason: `the ${commander.via} event does not say who sent it` };
  const { person } = commander;
  const standing = await personAuthority(gh, repo, person, bot);
  if (standing.allowed) return { allowed: true, via: commander.via };
  return {
    allowed: false,
    via: commander.via,
    reason: standing.reason,
    login: person.login,
    ...(standing.permission !== 'bot' ? { permission: standing.permission } : {}),
    ...(commander.comment ? { comment: { ...commander.comment, userId: person.id } } : {}),
  };
}

/** The labels an approval consists of: `added` must have been put on by someone with authority, `removed` taken off. */
export interface ApprovalLabels {
  /** Labels whose presence approves (implement's candidate labels: `roadmap`). */
  added: readonly string[];
  /** Labels whose removal releases the issue (`needs-approval`): a removal after the approval label counts as approving. */
  removed: readonly string[];
}

export type LabelAuthority =
  /** `eventId`: the event that completed the approval (the newest of those that count). */
  { allowed: true; by: Person; at: string; eventId: number } | { allowed: false; by: Person | null; at: string | null; label: string; reason: string };

/**
 * Whether the labels that approve an issue were set by people who may command the bot, from the issue's events
 * (core/issue-events.ts): the newest `labeled` event of each approval label, and a removal of a releasing label
 * made after them. personAuthority decides for each person (one permission request per person, the bot none).
 * `by` and `at` name the newest of those events: the moment the issue became approved.
 */
export async function labelAuthority(
  gh: GitHub,
  repo: RepoRef,
  events: readonly IssueEvent[],
  labels: ApprovalLabels,
  bot: BotIdentity,
): Promise<LabelAuthority> {
  const standings = new Map<string, PersonAuthority>();
  const standingOf = async (person: Person): Promise<PersonAuthority> => {
    const key = person.login.toLowerCase();
    const known = standings.get(key) ?? (await personAuthority(gh, repo, person, bot));
    standings.set(key, known);
    return known;
  };
  const approving: Array<{ event: LabelEvent; verb: string }> = [];
  for (const label of labels.added) {
    const event = lastLabelEvent(events, 'labeled', label);
    if (!event) return { allowed: false, by: null, at: null, label, reason: `the issue's events do not show who added \`${label}\`` };
    approving.push({ event, verb: 'added' });
  }
  // Events are listed oldest first; their order, unlike their second-granular times, never ties.
  const approvedIndex = Math.max(-1, ...approving.map(({ event }) => events.indexOf(event)));
  for (const label of labels.removed) {
    const event = lastLabelEvent(events, 'unlabeled', label);
    if (event && events.indexOf(event) > approvedIndex) approving.push({ event, verb: 'removed' });
  }
  for (const { event, verb } of approving) {
    if (!event.actor)
      return { allowed: false, by: null, at: event.createdAt, label: event.label, reason: `the account that ${verb} \`${event.label}\` no longer exists` };
    const standing = await standingOf(event.actor);
    if (!standing.allowed)
      return {
        allowed: false,
        by: event.actor,
        at: event.createdAt,
        label: event.label,
        reason: `@${event.actor.login} ${verb} \`${event.label}\` with ${standing.permission === 'bot' ? 'an app’s' : `${standing.permission}`} permission; only people with write access can approve work`,
      };
  }
  const [first] = approving;
  if (!first) return { allowed: false, by: null, at: null, label: '', reason: 'no approval label is configured' };
  const newest = approving.reduce((latest, entry) => (events.indexOf(entry.event) > events.indexOf(latest.event) ? entry : latest), first);
  return { allowed: true, by: newest.event.actor ?? { login: 'unknown' }, at: newest.event.createdAt, eventId: newest.event.id };
}
