/**
 * What triage keeps in hidden markers, by kind (schemas in the marker registry, core/markers/):
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
import type { ImplementPrMarker, ReportMarker } from '../core/markers/schemas.js';

export type { DecisionMarker, ReportMarker } from '../core/markers/schemas.js';
export type RecordedApproval = ReportMarker['approvals'][number];
export type ResumePoint = ReportMarker['resume'][number];
export type PrMarker = ImplementPrMarker;
export type { NightlyMarker } from '../core/markers/schemas.js';
