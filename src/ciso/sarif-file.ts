/**
 * The SARIF file of a run: built from the review's findings (or, when the head was already reviewed, from
 * the findings its state marker records), redacted as a whole (the scan's secrets, then the outbound gate's),
 * and written atomically: `upload-sarif` publishes it as it is.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReviewedFinding } from '../review/findings.js';
import type { StoredFinding } from '../review/review-state.js';
import { ALL_RULES } from '../scan/rules.js';
import { outbound } from '../core/outbound-gate.js';
import { redactDeep, type Redactor } from '../core/redact.js';
import { buildSarif, modelRuleId, type SarifFinding } from './sarif.js';

/** The package version (a test keeps the two equal). */
export const TOOL_VERSION = '0.1.0';

export function fromReviewed(finding: ReviewedFinding): SarifFinding {
  return {
    origin: finding.origin,
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    title: finding.title,
    body: finding.body,
    file: finding.file,
    line: finding.line,
    startLine: finding.startLine,
    fingerprint: finding.fingerprint,
    confidence: finding.origin === 'model' ? finding.confidence : undefined,
  };
}

/** A finding as the state marker keeps it: no body, and the rule only when the marker recorded it. */
export function fromStored(finding: StoredFinding): SarifFinding {
  const deterministic = finding.rule !== undefined && !finding.rule.startsWith('model/');
  return {
    origin: deterministic ? 'deterministic' : 'model',
    ruleId: finding.rule ?? modelRuleId(finding.category),
    category: finding.category,
    severity: finding.severity,
    title: finding.title,
    body: 'Recorded by an earlier review of this head; see the pull request for details.',
    file: finding.file,
    line: finding.line ?? 0,
    fingerprint: finding.fp,
  };
}

export function writeSarifFile(
  path: string,
  findings: readonly SarifFinding[],
  options: { notifications: readonly string[]; informationUri?: string | undefined; redact: Redactor },
): { path: string; results: number } {
  const { log } = buildSarif(findings, {
    toolVersion: TOOL_VERSION,
    informationUri: options.informationUri,
    rules: ALL_RULES,
    notifications: options.notifications,
  });
  const redact = options.redact;
  const text = `${JSON.stringify(outbound.redactValue(redactDeep(log, redact)), null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
  return { path, results: log.runs[0]?.results?.length ?? 0 };
}
