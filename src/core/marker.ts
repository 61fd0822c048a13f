/**
 * The hidden state marker: `<!-- agentic-workflow:<kind> {"v":1,...} -->` inside a bot comment. It carries
 * what does not fit a label (attempts, cost, plan hash, fingerprints, claim time). Comment bodies can be
 * edited by anyone with write access, so parsing never throws: anything unreadable is simply no marker.
 */
import { isRecord } from './is-record.js';
import type { z } from 'zod';

export const MARKER_VERSION = 1;

/** What every marker starts with; the kind follows. */
export const MARKER_PREFIX = '<!-- agentic-workflow:';
const PREFIX = MARKER_PREFIX;
const SUFFIX = ' -->';
const KIND = /^[a-z][a-z0-9-]*$/;

export type MarkerKind = 'implement' | 'cto-review' | 'ciso-review' | 'auto-merge' | 'triage' | 'state' | (string & Record<never, never>);

function assertKind(kind: string): void {
  // A kind is part of the marker text; anything else could break out of it or collide with another kind.
  if (!KIND.test(kind)) throw new Error(`invalid marker kind ${JSON.stringify(kind)}`);
}

/** The literal text that opens a marker of this kind; used to pre-filter comments cheaply. */
export function markerPrefix(kind: MarkerKind): string {
  assertKind(kind);
  return `${PREFIX}${kind} `;
}

/**
 * Renders data as a marker. `<`, `>` and `&` are written as JSON unicode escapes, so no value (say a finding
 * title containing `-->`) can end the HTML comment early or inject markup; JSON.parse restores them.
 */
export function formatMarker(kind: MarkerKind, data: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify({ ...data, v: MARKER_VERSION }).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${markerPrefix(kind)}${json}${SUFFIX}`;
}

/** True when the body contains something that opens a marker of this kind (valid or not). */
export function hasMarker(kind: MarkerKind, body: string | null | undefined): boolean {
  return typeof body === 'string' && body.includes(markerPrefix(kind));
}

/**
 * The data of the first well-formed marker of `kind` in `body`, validated by `schema`, or null. A marker with
 * another version, broken JSON or data the schema rejects counts as absent. `v` is removed before validation.
 */
export function parseMarker<T>(kind: MarkerKind, body: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (typeof body !== 'string') return null;
  const prefix = markerPrefix(kind);
  let from = 0;
  for (;;) {
    const start = body.indexOf(prefix, from);
    if (start < 0) return null;
    const jsonStart = start + prefix.length;
    const end = body.indexOf('-->', jsonStart);
    if (end < 0) return null;
    const parsed = parseData(body.slice(jsonStart, end).trim(), schema);
    if (parsed !== null) return parsed;
    from = jsonStart;
  }
}

function parseData<T>(json: string, schema: z.ZodType<T>): T | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.v !== MARKER_VERSION) return null;
  const { v: _version, ...data } = value;
  const result = schema.safeParse(data);
  return result.success ? result.data : null;
}

/** Removes every marker of `kind` from a body, e.g. before showing it or re-rendering it. */
export function stripMarkers(kind: MarkerKind, body: string): string {
  const prefix = markerPrefix(kind);
  let out = body;
  for (let start = out.indexOf(prefix); start >= 0; start = out.indexOf(prefix, start)) {
    const end = out.indexOf('-->', start + prefix.length);
    const stop = end < 0 ? out.length : end + 3;
    out = out.slice(0, start) + out.slice(stop);
  }
  return out;
}

/** The visible text of a bot comment: everything before its first marker, of any kind. */
export function textBeforeMarkers(body: string): string {
  return body.split(PREFIX)[0] ?? '';
}
