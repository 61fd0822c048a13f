import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigurationError, errorMessage } from './errors.js';

/**
 * The workflow event, parsed once from GITHUB_EVENT_PATH into a union keyed by event name. Only the fields
 * the actions use are validated; everything else in the payload is ignored. Each action narrows this with
 * the guards below and refuses events it does not handle, by name.
 */
const user = z.object({ login: z.string(), id: z.number(), type: z.string().optional() });
const label = z.object({ name: z.string() });
const issue = z.object({
  number: z.number(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.string().optional(),
  user: user.nullable().optional(),
  labels: z.array(z.union([label, z.string()])).optional(),
  pull_request: z.object({ url: z.string().optional() }).passthrough().nullable().optional(),
});
const pullRequest = z.object({
  number: z.number(),
  title: z.string().optional(),
  draft: z.boolean().optional(),
  state: z.string().optional(),
  user: user.nullable().optional(),
  head: z.object({ ref: z.string(), sha: z.string(), repo: z.object({ full_name: z.string() }).nullable().optional() }),
  base: z.object({ ref: z.string(), sha: z.string().optional() }),
  labels: z.array(label).optional(),
});
const comment = z.object({ id: z.number(), body: z.string().nullable().optional(), user: user.nullable().optional() });
const review = z.object({
  id: z.number(),
  state: z.string(),
  body: z.string().nullable().optional(),
  user: user.nullable().optional(),
  commit_id: z.string().optional(),
});
const prRef = z.object({ number: z.number() });

const eventSchemas = {
  issues: z.object({ action: z.string(), issue, label: label.optional() }),
  issue_comment: z.object({ action: z.string(), issue, comment }),
  pull_request: z.object({ action: z.string(), pull_request: pullRequest, label: label.optional() }),
  pull_request_review: z.object({ action: z.string(), pull_request: pullRequest, review }),
  pull_request_review_comment: z.object({ action: z.string(), pull_request: pullRequest, comment }),
  check_run: z.object({ action: z.string(), check_run: z.object({ head_sha: z.string(), name: z.string(), pull_requests: z.array(prRef).optional() }) }),
  check_suite: z.object({ action: z.string(), check_suite: z.object({ head_sha: z.string(), pull_requests: z.array(prRef).optional() }) }),
  status: z.object({ sha: z.string(), state: z.string(), context: z.string().optional() }),
  workflow_run: z.object({
    action: z.string(),
    workflow_run: z.object({ head_sha: z.string(), conclusion: z.string().nullable().optional(), pull_requests: z.array(prRef).optional() }),
  }),
  workflow_dispatch: z.object({ inputs: z.record(z.string(), z.unknown()).nullable().optional() }),
  schedule: z.object({ schedule: z.string().optional() }),
  push: z.object({ ref: z.string(), after: z.string().optional() }),
} as const;

type Schemas = typeof eventSchemas;
export type KnownEventName = keyof Schemas;
export type KnownEvent = { [K in KnownEventName]: { name: K; payload: z.infer<Schemas[K]>; sender?: z.infer<typeof user> } }[KnownEventName];
export type WorkflowEvent = KnownEvent | { name: 'other'; eventName: string; payload: Record<string, unknown>; sender?: z.infer<typeof user> };

export type EventOf<N extends KnownEventName> = Extract<KnownEvent, { name: N }>;
export type EventUser = z.infer<typeof user>;

export function isEvent<N extends KnownEventName>(event: WorkflowEvent, ...names: N[]): event is EventOf<N> {
  return (names as string[]).includes(event.name);
}

export function parseEvent(eventName: string, payload: unknown): WorkflowEvent {
  const record = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const sender = user.safeParse(record.sender);
  const senderValue = sender.success ? sender.data : undefined;
  if (!(eventName in eventSchemas)) return { name: 'other', eventName, payload: record, sender: senderValue };
  const name = eventName as KnownEventName;
  const parsed = eventSchemas[name].safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(`the ${eventName} event payload is not what GitHub sends: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`);
  }
  return { name, payload: parsed.data, sender: senderValue } as KnownEvent;
}

/** Reads the payload file the runner wrote. A missing file (local runs) is an empty payload. */
export function readEvent(env: NodeJS.ProcessEnv = process.env): WorkflowEvent {
  const eventName = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch';
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return parseEvent(eventName, {});
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`GITHUB_EVENT_PATH ${path} could not be read as JSON: ${errorMessage(error)}`);
  }
  return parseEvent(eventName, payload);
}

/** The label names on an issue or PR payload, whichever form GitHub used. */
export function labelNames(labels: ReadonlyArray<{ name: string } | string> | undefined): string[] {
  return (labels ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.name));
}
