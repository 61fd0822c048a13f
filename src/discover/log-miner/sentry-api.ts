/**
 * The shapes of Sentry's web API this product relies on, as zod schemas (only the fields it reads; Sentry sends
 * many more), and one authenticated GET. An answer that does not fit is a clear error, never a guess.
 */
import LinkHeader from 'http-link-header';
import { z } from 'zod';

const frameSchema = z.object({
  filename: z.string().nullable().optional(),
  absPath: z.string().nullable().optional(),
  module: z.string().nullable().optional(),
  function: z.string().nullable().optional(),
  lineNo: z.number().nullable().optional(),
  colNo: z.number().nullable().optional(),
  inApp: z.boolean().nullable().optional(),
});
export type SentryFrame = z.infer<typeof frameSchema>;

export const sentryIssueSchema = z.object({
  id: z.string(),
  shortId: z.string().optional(),
  title: z.string(),
  culprit: z.string().nullable().optional(),
  permalink: z.string(),
  // Sentry sends `count` as a string and `userCount` as a number.
  count: z.union([z.string(), z.number()]).transform((value) => Number(value)),
  userCount: z.number().optional(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  status: z.string(),
  metadata: z.object({ type: z.string().optional(), value: z.string().optional(), title: z.string().optional() }).partial().optional(),
});
export type SentryIssue = z.infer<typeof sentryIssueSchema>;
export const sentryIssueListSchema = z.array(sentryIssueSchema);

const exceptionValueSchema = z.object({
  type: z.string().nullable().optional(),
  value: z.string().nullable().optional(),
  stacktrace: z
    .object({ frames: z.array(frameSchema).nullable().optional() })
    .nullable()
    .optional(),
});
export type SentryException = z.infer<typeof exceptionValueSchema>;

export const sentryEventSchema = z.object({
  eventID: z.string(),
  platform: z.string().nullable().optional(),
  dateCreated: z.string().nullable().optional(),
  entries: z.array(z.object({ type: z.string(), data: z.unknown() })),
});
export type SentryEvent = z.infer<typeof sentryEventSchema>;

/** The exception chain of an event (cause first, the raised exception last), from its `exception` entry. */
export function exceptionsOf(event: SentryEvent): SentryException[] {
  const entry = event.entries.find((candidate) => candidate.type === 'exception');
  const parsed = z.object({ values: z.array(exceptionValueSchema).nullable().optional() }).safeParse(entry?.data);
  return parsed.success ? (parsed.data.values ?? []) : [];
}

export class SentryAnswerError extends Error {
  override readonly name = 'SentryAnswerError';
  constructor(
    readonly status: number,
    message: string,
    readonly rateLimited = false,
  ) {
    super(message);
  }
}

export interface SentryAnswer {
  body: unknown;
  /** The cursor of the next page, when the `Link` header says it has results. */
  nextCursor?: string;
}

/** GET with the bearer token; 4xx/5xx and unreachable become a SentryAnswerError (status 0 when unreachable). */
export async function sentryGet(url: string, token: string, timeoutMs: number): Promise<SentryAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': 'agentic-workflow-discover' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const reason = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timed out' : (cause?.code ?? String(error));
    throw new SentryAnswerError(0, `Sentry could not be reached (${reason})`);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = '';
    try {
      const parsed = z.object({ detail: z.string() }).safeParse(JSON.parse(text));
      if (parsed.success) detail = parsed.data.detail;
    } catch {
      detail = '';
    }
    const remaining = response.headers.get('x-sentry-rate-limit-remaining');
    const rateLimited = response.status === 429 || (response.status === 403 && remaining === '0');
    throw new SentryAnswerError(response.status, detail.slice(0, 200) || `HTTP ${response.status}`, rateLimited);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SentryAnswerError(response.status, 'the answer is not JSON');
  }
  const link = response.headers.get('link');
  const next = link ? LinkHeader.parse(link).rel('next')[0] : undefined;
  return { body, ...(next && next['results'] === 'true' && next['cursor'] ? { nextCursor: next['cursor'] } : {}) };
}
