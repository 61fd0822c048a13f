/** Severities of review findings, their order, and the thresholds settings are written in. Zod-free. */

import { SEVERITIES, severityRank, type Severity } from '../core/severity.js';

export { SEVERITIES, severityRank, type Severity };

/** A threshold: a severity, or `none` to switch the rule off (never block, never raise issues). */
export const THRESHOLDS = [...SEVERITIES, 'none'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/** Whether `severity` is at or above `threshold`; nothing reaches `none`. */
export function reaches(severity: Severity, threshold: Threshold): boolean {
  return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}

/** The stricter of two thresholds: the one that catches more (lower severity; `none` catches nothing). */
export function stricterThreshold(a: Threshold, b: Threshold): Threshold {
  if (a === 'none') return b;
  if (b === 'none') return a;
  return severityRank(a) <= severityRank(b) ? a : b;
}

/** Most severe first; stable for equal severities. */
export function bySeverity<T extends { severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}
