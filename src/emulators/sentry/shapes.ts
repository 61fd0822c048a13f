/** The JSON Sentry answers with for an issue (group) and an event, with the fields its documentation lists. Pure. */
import { createHash } from 'node:crypto';

export interface SentryFrameInput {
  /** As the SDK reports it: `app:///src/cart.js`, `app/invoice.py`, `/srv/app/cart/cart.go`. */
  filename: string;
  absPath?: string;
  function?: string;
  module?: string;
  lineNo: number;
  colNo?: number;
  inApp: boolean;
}

export interface SentryEventInput {
  /** 32 hex digits; derived from the issue and time when absent. */
  eventID?: string;
  dateCreated: string;
  /** `node`, `javascript`, `python`, `go`… */
  platform: string;
  /** The exception chain, cause first and the raised exception last, as Sentry stores it; frames oldest call first. */
  exceptions: Array<{ type: string; value: string; module?: string; frames: SentryFrameInput[] }>;
  release?: string;
  environment?: string;
}

export interface SentryIssueInput {
  /** Numeric string; assigned when absent. */
  id?: string;
  project: string;
  title: string;
  culprit: string;
  level?: 'fatal' | 'error' | 'warning' | 'info' | 'debug';
  status?: 'unresolved' | 'resolved' | 'ignored';
  count: number;
  userCount: number;
  firstSeen: string;
  lastSeen: string;
  /** e.g. `WIDGETS-1F`. */
  shortId?: string;
  /** Oldest first; an issue whose events all passed retention has none. */
  events: SentryEventInput[];
}

export interface StoredIssue extends SentryIssueInput {
  id: string;
  status: 'unresolved' | 'resolved' | 'ignored';
}

function projectId(slug: string): string {
  return String(parseInt(createHash('sha256').update(slug).digest('hex').slice(0, 8), 16) % 10_000_000);
}

export function eventId(issue: StoredIssue, event: SentryEventInput): string {
  return event.eventID ?? createHash('sha256').update(`${issue.id}\u0000${event.dateCreated}`).digest('hex').slice(0, 32);
}

function titleMetadata(title: string): Record<string, string> {
  const match = /^([\w.$]+): (.*)$/.exec(title);
  return match ? { type: match[1] ?? '', value: match[2] ?? '' } : { title };
}

/** `GET /api/0/projects/{org}/{project}/issues/` item. `count` is a string, `userCount` a number, as Sentry sends them. */
export function issueJson(issue: StoredIssue, baseUrl: string, organization: string): Record<string, unknown> {
  const latest = issue.events[issue.events.length - 1];
  const raised = latest?.exceptions[latest.exceptions.length - 1];
  const top = raised?.frames[raised.frames.length - 1];
  return {
    annotations: [],
    assignedTo: null,
    count: String(issue.count),
    culprit: issue.culprit,
    firstSeen: issue.firstSeen,
    hasSeen: false,
    id: issue.id,
    isBookmarked: false,
    isPublic: false,
    isSubscribed: false,
    lastSeen: issue.lastSeen,
    level: issue.level ?? 'error',
    logger: null,
    // The group keeps its metadata after its events pass retention.
    metadata: raised
      ? { type: raised.type, value: raised.value, ...(top ? { filename: top.filename, function: top.function ?? '' } : {}) }
      : titleMetadata(issue.title),
    numComments: 0,
    permalink: `${baseUrl}/organizations/${organization}/issues/${issue.id}/`,
    project: { id: projectId(issue.project), name: issue.project, slug: issue.project },
    shareId: null,
    shortId: issue.shortId ?? `${issue.project.toUpperCase()}-${Number(issue.id).toString(36).toUpperCase()}`,
    stats: { '24h': [] },
    status: issue.status,
    statusDetails: {},
    subscriptionDetails: null,
    title: issue.title,
    type: 'error',
    userCount: issue.userCount,
  };
}

/** `GET /api/0/organizations/{org}/issues/{id}/events/latest/`: the event with its `exception` entry. */
export function eventJson(issue: StoredIssue, event: SentryEventInput, all: readonly SentryEventInput[]): Record<string, unknown> {
  const index = all.indexOf(event);
  const raised = event.exceptions[event.exceptions.length - 1];
  const id = eventId(issue, event);
  return {
    id,
    eventID: id,
    groupID: issue.id,
    projectID: projectId(issue.project),
    title: issue.title,
    message: '',
    platform: event.platform,
    type: 'error',
    culprit: issue.culprit,
    location: raised?.frames[raised.frames.length - 1]?.filename ?? null,
    dateCreated: event.dateCreated,
    dateReceived: event.dateCreated,
    dist: null,
    release: event.release ? { version: event.release } : null,
    size: 4096,
    errors: [],
    fingerprints: [createHash('md5').update(issue.id).digest('hex')],
    metadata: raised ? { type: raised.type, value: raised.value } : { title: issue.title },
    tags: [{ key: 'level', value: issue.level ?? 'error' }, ...(event.environment ? [{ key: 'environment', value: event.environment }] : [])],
    user: null,
    contexts: {},
    sdk: null,
    userReport: null,
    nextEventID: index >= 0 && index < all.length - 1 ? eventId(issue, all[index + 1] as SentryEventInput) : null,
    previousEventID: index > 0 ? eventId(issue, all[index - 1] as SentryEventInput) : null,
    entries: [
      {
        type: 'exception',
        data: {
          excOmitted: null,
          hasSystemFrames: event.exceptions.some((exception) => exception.frames.some((frame) => !frame.inApp)),
          values: event.exceptions.map((exception) => ({
            type: exception.type,
            value: exception.value,
            module: exception.module ?? null,
            mechanism: { type: 'generic', handled: false },
            threadId: null,
            rawStacktrace: null,
            stacktrace: {
              frames: exception.frames.map((frame) => ({
                filename: frame.filename,
                absPath: frame.absPath ?? frame.filename,
                module: frame.module ?? null,
                package: null,
                platform: null,
                instructionAddr: null,
                symbolAddr: null,
                function: frame.function ?? null,
                rawFunction: null,
                symbol: null,
                context: [],
                lineNo: frame.lineNo,
                colNo: frame.colNo ?? null,
                inApp: frame.inApp,
                trust: null,
                errors: null,
                vars: null,
              })),
              framesOmitted: null,
              registers: null,
              hasSystemFrames: exception.frames.some((frame) => !frame.inApp),
            },
          })),
        },
      },
    ],
  };
}
