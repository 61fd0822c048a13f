/**
 * Severities of findings, most severe first: review findings, scanner findings and severity labels share them.
 * Free of imports, so an action's input check can use them before anything heavy loads.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How severe: critical 4, high 3, medium 2, low 1 (a larger rank is more severe). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
