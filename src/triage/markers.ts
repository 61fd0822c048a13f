/**
 * What triage keeps in hidden markers (src/core/marker.ts):
 *
 * - `triage-report`, in the body of the weekly report issue: the period it covers, the approvals recorded
 *   during it (labels do not say when a suggestion was approved), and comments whose commands a run could not
 *   finish within its write budget, for the next run to resume.
 * - `triage`, in the bot's decision comment on a suggestion: who decided what and when, with the finding's
 *   fingerprint, so the decision is on record next to the suggestion.
 * - `nightly-report`, in the body of the nightly report issue: the day it reports on.
 * - `triage-reply`, in the bot's reply to someone who may not decide: whom it answered, so each person gets at
 *   most one such reply per issue.
 */
import { z } from 'zod';
import { implementPrMarkerSchema, suggestionMarkerSchema } from '../core/contracts.js';

export const REPORT_MARKER_KIND = 'triage-report';
export const DECISION_MARKER_KIND = 'triage';
export const REPLY_MARKER_KIND = 'triage-reply';

export const reportMarkerSchema = z.object({
  period: z.string(),
  approvals: z.array(z.object({ issue: z.number().int(), at: z.string(), by: z.string().nullable() })).default([]),
  /** A comment with commands left over when the write budget ran out: `skip` of them were already handled. */
  resume: z.array(z.object({ issue: z.number().int(), comment: z.number().int(), skip: z.number().int().nonnegative() })).default([]),
});
export type ReportMarker = z.infer<typeof reportMarkerSchema>;
export type RecordedApproval = ReportMarker['approvals'][number];
export type ResumePoint = ReportMarker['resume'][number];

/**
 * Marker (kind `nightly-report`) in the body of the nightly report issue: the UTC day it reports on and the end
 * of its window (the day's first run), so a rerun reports the same window and the next day starts where it ended.
 */
export const NIGHTLY_MARKER_KIND = 'nightly-report';
export const nightlyMarkerSchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), end: z.string().datetime().optional() });
export type NightlyMarker = z.infer<typeof nightlyMarkerSchema>;

export const replyMarkerSchema = z.object({ user: z.number().int() });

export interface DecisionMarker {
  decision: 'approved' | 'rejected';
  /** Login of the person who decided; null when it was done by hand and the run could not tell who. */
  by: string | null;
  at: string;
  via: 'command' | 'label' | 'close';
  priority?: string;
  fingerprint?: string;
}

// parseMarker hands the schema the data without `v` (it checks the version itself), so the contract schemas'
// `v: literal(1)` must not be required here; optional keeps this right whichever side handles `v`.
export const suggestionMarkerData = suggestionMarkerSchema.extend({ v: z.literal(1).optional() });
export const implementPrMarkerData = implementPrMarkerSchema.extend({ v: z.literal(1).optional() });
export type PrMarker = z.infer<typeof implementPrMarkerData>;
