/**
 * The marker registry: every kind the product writes, with its schema. Writers validate before they write,
 * readers parse with the same schema, and text that is not exactly one well-formed marker of a known kind is
 * rejected. The wire format (prefix, JSON, escaping, version) is core/marker.ts.
 */
import type { z } from 'zod';
import { formatMarker, MARKER_PREFIX, parseMarker } from '../marker.js';
import * as kinds from './kinds.js';
import * as schemas from './schemas.js';

export const MARKER_REGISTRY = {
  [kinds.IMPLEMENT_MARKER_KIND]: schemas.implementMarkerSchema,
  [kinds.CLAIM_MARKER_KIND]: schemas.claimMarkerSchema,
  [kinds.IMPLEMENT_PR_MARKER_KIND]: schemas.implementPrMarkerSchema,
  [kinds.APPROVAL_MARKER_KIND]: schemas.approvalMarkerSchema,
  [kinds.APPROVAL_REFUSED_MARKER_KIND]: schemas.replyKeyMarkerSchema,
  [kinds.SUGGESTION_MARKER_KIND]: schemas.suggestionMarkerSchema,
  [kinds.REVIEW_CHECK_MARKER_KIND]: schemas.reviewCheckMarkerSchema,
  [kinds.REVIEW_MARKER_KIND]: schemas.reviewMarkerSchema,
  [kinds.FINDING_MARKER_KIND]: schemas.findingMarkerSchema,
  [kinds.SEEN_MARKER_KIND]: schemas.seenMarkerSchema,
  [kinds.REVIEW_RECORD_MARKER_KIND]: schemas.reviewRecordSchema,
  'cto-review': schemas.reviewStateSchema,
  'ciso-review': schemas.reviewStateSchema,
  [kinds.REFUSAL_MARKER_KIND]: schemas.replyKeyMarkerSchema,
  [kinds.REVIEW_CAP_MARKER_KIND]: schemas.replyKeyMarkerSchema,
  [kinds.AUTO_MERGE_MARKER_KIND]: schemas.autoMergeMarkerSchema,
  [kinds.REPORT_MARKER_KIND]: schemas.reportMarkerSchema,
  [kinds.DECISION_MARKER_KIND]: schemas.decisionMarkerSchema,
  [kinds.REPLY_MARKER_KIND]: schemas.replyMarkerSchema,
  [kinds.NIGHTLY_MARKER_KIND]: schemas.nightlyMarkerSchema,
  [kinds.CURSOR_MARKER_KIND]: schemas.cursorMarkerSchema,
  [kinds.JANITOR_MARKER_KIND]: schemas.janitorMarkerSchema,
} as const satisfies Record<string, z.ZodType>;

export type RegisteredMarkerKind = keyof typeof MARKER_REGISTRY;
export type MarkerData<K extends RegisteredMarkerKind> = z.output<(typeof MARKER_REGISTRY)[K]>;
export type MarkerInput<K extends RegisteredMarkerKind> = z.input<(typeof MARKER_REGISTRY)[K]>;

export function isRegisteredMarkerKind(kind: string): kind is RegisteredMarkerKind {
  return Object.hasOwn(MARKER_REGISTRY, kind);
}

/** The data of the first valid marker of `kind` in `body`, parsed with the kind's schema, or null. */
export function readMarker<K extends RegisteredMarkerKind>(kind: K, body: string | null | undefined): MarkerData<K> | null {
  const schema: z.ZodType = MARKER_REGISTRY[kind];
  return parseMarker(kind, body, schema as z.ZodType<MarkerData<K>>);
}

/**
 * The marker text for `data`, which must satisfy the kind's schema: a writer cannot store what its readers
 * would reject. The data is written as given (defaults are not filled in), so the text stays what it was.
 */
export function writeMarker<K extends RegisteredMarkerKind>(kind: K, data: MarkerInput<K> & Readonly<Record<string, unknown>>): string {
  const checked = MARKER_REGISTRY[kind].safeParse(data);
  if (!checked.success)
    throw new Error(
      `marker ${kind} does not match its schema: ${checked.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`,
    );
  return formatMarker(kind, data);
}

export type AnyMarker = { [K in RegisteredMarkerKind]: { kind: K; data: MarkerData<K> } }[RegisteredMarkerKind];

/** A text that is exactly one marker of a registered kind, with its data; null for anything else. */
export function parseAnyMarker(text: string): AnyMarker | null {
  const trimmed = text.trim();
  const kind = trimmed.startsWith(MARKER_PREFIX) ? /^([a-z][a-z0-9-]*) /.exec(trimmed.slice(MARKER_PREFIX.length))?.[1] : undefined;
  if (kind === undefined || !isRegisteredMarkerKind(kind) || !trimmed.endsWith(' -->') || trimmed.indexOf('-->') !== trimmed.length - 3) return null;
  const data = readMarker(kind, trimmed);
  return data === null ? null : ({ kind, data } as AnyMarker);
}
