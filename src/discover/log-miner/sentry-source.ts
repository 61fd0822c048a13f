/**
 * Source 2: Sentry. The project's unresolved issues seen within the window (`GET /api/0/projects/{org}/{project}/issues/`
 * with `query=is:unresolved lastSeen:-Nd`, page by page along the `Link` header's cursors) and each one's latest
 * event (`GET /api/0/organizations/{org}/issues/{id}/events/latest/`) for its stack trace. Each Sentry issue
 * becomes one occurrence carrying Sentry's count and first/last seen, so it clusters with the same error seen
 * in CI. A token without the scope stops this source with a message; a rate limit stops it at the page it
 * reached, and the next night resumes from that page's cursor.
 */
import type { Occurrence } from './cluster.js';
import type { ErrorEvent, Frame } from './extract.js';
import { repositoryPath } from './normalise.js';
import {
  exceptionsOf,
  SentryAnswerError,
  sentryEventSchema,
  sentryGet,
  sentryIssueListSchema,
  type SentryEvent,
  type SentryException,
  type SentryFrame,
  type SentryIssue,
} from './sentry-api.js';

export interface SentrySettings {
  /** e.g. https://sentry.io, or a self-hosted Sentry. */
  url: string;
  org: string;
  project: string;
  token: string;
}

export interface SentrySourceOptions {
  lookbackDays: number;
  maxRequests: number;
  timeoutMs: number;
  /** Where the application ran, stripped from absolute frame paths (with the workspace). */
  roots: readonly string[];
  /** The listing cursor a night cut short by a rate limit left. */
  resumeCursor?: string;
}

export interface SentryFacts {
  occurrences: Occurrence[];
  issues: number;
  eventsRead: number;
  requests: number;
  notes: string[];
  /** Why reading stopped early: the token, the rate limit, the request budget, or Sentry failing. */
  stopped: 'auth' | 'rate-limit' | 'budget' | 'error' | null;
  /** The listing cursor to resume from next night (a rate limit or the budget stopped it). */
  resumeCursor?: string;
}

const SENTRY_PATH_PREFIX = /^(?:app|webpack|rsc):\/\/\/?|^~\//;

function frameOf(raw: SentryFrame, roots: readonly string[]): Frame | undefined {
  const printed = (raw.filename || raw.absPath || raw.module || '').replace(SENTRY_PATH_PREFIX, '');
  if (!printed) return undefined;
  const relative = repositoryPath(printed, roots) ?? (raw.absPath ? repositoryPath(raw.absPath, roots) : undefined);
  return {
    file: relative ?? printed,
    line: raw.lineNo ?? 0,
    ...(raw.function ? { fn: raw.function } : {}),
    inRepo: raw.inApp === true && relative !== undefined,
  };
}

function languageOf(platform: string | null | undefined): ErrorEvent['language'] {
  if (platform === 'python') return 'python';
  if (platform === 'go') return 'go';
  return 'node';
}

/** The trace as the language prints it, most recent call where that language puts it. */
function renderTrace(language: ErrorEvent['language'], type: string, message: string, frames: readonly Frame[]): string {
  const head = message ? `${type}: ${message}` : type;
  if (language === 'python')
    return [
      'Traceback (most recent call last):',
      ...[...frames].reverse().map((f) => `  File "${f.file}", line ${f.line}${f.fn ? `, in ${f.fn}` : ''}`),
      head,
    ].join('\n');
  if (language === 'go') return [`panic: ${message || type}`, '', ...frames.flatMap((f) => [`${f.fn ?? '?'}(...)`, `\t${f.file}:${f.line}`])].join('\n');
  return [head, ...frames.map((f) => `    at ${f.fn ? `${f.fn} (${f.file}:${f.line})` : `${f.file}:${f.line}`}`)].join('\n');
}

/** The event of a Sentry issue: the raised exception of its latest event, or the issue's own metadata when the event is gone. */
export function sentryErrorEvent(issue: SentryIssue, event: SentryEvent | undefined, roots: readonly string[]): ErrorEvent {
  const chain = event ? exceptionsOf(event) : [];
  const raised: SentryException | undefined = chain[chain.length - 1];
  const language = languageOf(event?.platform);
  // Without an event, the issue's metadata; without that, its title (`Type: message`).
  const titled = /^([\w.$]+): (.*)$/.exec(issue.title);
  const type = raised?.type || issue.metadata?.type || titled?.[1] || 'Error';
  const message = raised?.value ?? issue.metadata?.value ?? (issue.metadata?.type ? '' : (titled?.[2] ?? issue.title));
  // Sentry stores frames oldest call first; the log miner keeps the most recent first.
  const frames = (raw: SentryException | undefined) =>
    (raw?.stacktrace?.frames ?? [])
      .map((frame) => frameOf(frame, roots))
      .filter((frame): frame is Frame => frame !== undefined)
      .reverse();
  const own = frames(raised);
  const trace = chain
    .map((exception) => renderTrace(language, exception.type || 'Error', exception.value ?? '', frames(exception)))
    .join('\n\nThe above exception was the direct cause of the following exception:\n\n');
  return { language, type, message, frames: own, trace: trace || renderTrace(language, type, message, own) };
}

function issuesUrl(settings: SentrySettings, lookbackDays: number, cursor: string | undefined): string {
  const base = settings.url.replace(/\/+$/, '');
  const params = new URLSearchParams({ query: `is:unresolved lastSeen:-${lookbackDays}d` });
  if (cursor) params.set('cursor', cursor);
  return `${base}/api/0/projects/${encodeURIComponent(settings.org)}/${encodeURIComponent(settings.project)}/issues/?${params.toString()}`;
}

function latestEventUrl(settings: SentrySettings, issueId: string): string {
  return `${settings.url.replace(/\/+$/, '')}/api/0/organizations/${encodeURIComponent(settings.org)}/issues/${encodeURIComponent(issueId)}/events/latest/`;
}

function stopNote(error: SentryAnswerError, settings: SentrySettings): { stopped: SentryFacts['stopped']; note: string } {
  const where = `${settings.org}/${settings.project}`;
  if (error.rateLimited) return { stopped: 'rate-limit', note: `Sentry's rate limit stopped reading ${where}; the next night resumes where it stopped.` };
  if (error.status === 401)
    return { stopped: 'auth', note: `Sentry refused the token for ${where} (401: ${error.message}); check the sentry-token secret. The other sources ran.` };
  if (error.status === 403)
    return {
      stopped: 'auth',
      note: `Sentry answered 403 for ${where} (${error.message}): the token needs the event:read scope (an internal integration with Issue & Event: Read, or a user token with event:read). The other sources ran.`,
    };
  if (error.status === 404)
    return { stopped: 'auth', note: `Sentry has no project ${where} the token can see (404); check sentry-org and sentry-project. The other sources ran.` };
  return {
    stopped: 'error',
    note: `Sentry failed for ${where} (${error.status === 0 ? error.message : `HTTP ${error.status}: ${error.message}`}); the other sources ran.`,
  };
}

export async function readSentryIssues(settings: SentrySettings, options: SentrySourceOptions): Promise<SentryFacts> {
  const facts: SentryFacts = { occurrences: [], issues: 0, eventsRead: 0, requests: 0, notes: [], stopped: null };
  if (!settings.token) {
    facts.stopped = 'auth';
    facts.notes.push(
      `Sentry ${settings.org}/${settings.project} was not read: sentry-token is empty (the secret is missing, or not given to this run, as in a pull request from a fork). The other sources ran.`,
    );
    return facts;
  }
  let cursor = options.resumeCursor;
  if (cursor) facts.notes.push(`Sentry: resumed the listing at cursor ${cursor}, where a rate limit stopped an earlier night.`);
  const take = () => {
    if (facts.requests >= options.maxRequests) return false;
    facts.requests++;
    return true;
  };
  const stop = (reason: SentryFacts['stopped'], note: string, at: string | undefined) => {
    facts.stopped = reason;
    facts.notes.push(note);
    // A first page cut short leaves no cursor: the next night starts the listing over.
    if ((reason === 'rate-limit' || reason === 'budget') && at) facts.resumeCursor = at;
  };
  for (;;) {
    if (!take()) {
      stop('budget', 'The request budget ended the Sentry listing; the next night resumes there (raise max-api-requests to read it in one).', cursor);
      break;
    }
    let page: { issues: SentryIssue[]; nextCursor?: string };
    try {
      const answer = await sentryGet(issuesUrl(settings, options.lookbackDays, cursor), settings.token, options.timeoutMs);
      const parsed = sentryIssueListSchema.safeParse(answer.body);
      if (!parsed.success) throw new SentryAnswerError(200, 'the issue listing is not the documented shape');
      page = { issues: parsed.data, ...(answer.nextCursor ? { nextCursor: answer.nextCursor } : {}) };
    } catch (error) {
      if (!(error instanceof SentryAnswerError)) throw error;
      const { stopped, note } = stopNote(error, settings);
      stop(stopped, note, cursor);
      break;
    }
    // A page counts only when every issue on it has its latest event read: no half page is mined.
    const found: Occurrence[] = [];
    let events = 0;
    let interrupted = false;
    for (const issue of page.issues) {
      if (!take()) {
        stop('budget', 'The request budget ended reading Sentry events; the next night resumes at this page.', cursor);
        interrupted = true;
        break;
      }
      let event: SentryEvent | undefined;
      try {
        const parsed = sentryEventSchema.safeParse((await sentryGet(latestEventUrl(settings, issue.id), settings.token, options.timeoutMs)).body);
        if (!parsed.success) throw new SentryAnswerError(200, `the latest event of issue ${issue.id} is not the documented shape`);
        event = parsed.data;
        events++;
      } catch (error) {
        if (!(error instanceof SentryAnswerError)) throw error;
        // The event is past retention: the issue's own type, message and counts still stand.
        if (error.status !== 404) {
          const { stopped, note } = stopNote(error, settings);
          stop(stopped, note, cursor);
          interrupted = true;
          break;
        }
      }
      found.push({
        event: sentryErrorEvent(issue, event, options.roots),
        at: issue.lastSeen,
        firstAt: issue.firstSeen,
        times: Number.isFinite(issue.count) && issue.count > 0 ? issue.count : 1,
        link: issue.permalink,
        origin: 'sentry',
      });
    }
    if (interrupted) break;
    facts.occurrences.push(...found);
    facts.issues += found.length;
    facts.eventsRead += events;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (facts.stopped === 'auth') return facts;
  facts.notes.unshift(
    `Sentry ${settings.org}/${settings.project}: ${facts.issues} unresolved issue${facts.issues === 1 ? '' : 's'} seen in the window, ${facts.eventsRead} latest event${facts.eventsRead === 1 ? '' : 's'} read, ${facts.requests} API request${facts.requests === 1 ? '' : 's'}.`,
  );
  const missing = facts.issues - facts.eventsRead;
  if (missing > 0)
    facts.notes.push(
      `${missing} Sentry issue${missing === 1 ? ' has' : 's have'} no stored event left (past retention): filed from the issue's own type and message.`,
    );
  return facts;
}
