/**
 * What the deterministic scanners report. Every finding names a rule with a stable id (SARIF ruleIds and
 * fingerprints are built from it), a location in the new version of the file, and text that is already
 * safe to publish: a finding never carries a secret, only its redacted form.
 */

import { severityRank, type Severity } from '../core/labels.js';

/** Scanner findings use the product's one severity scale. */
export type ScanSeverity = Severity;

export type ScannerKind = 'secret' | 'pattern' | 'dependency';

/** A rule as documentation and SARIF describe it. */
export interface ScanRule {
  /** Stable, e.g. `secret/github-token`, `js/eval`, `dependency/not-found`. Never renamed once shipped. */
  id: string;
  kind: ScannerKind;
  /** Short title, e.g. "GitHub token". */
  name: string;
  /** One sentence: what it finds and why it matters. */
  description: string;
  /** What to do about it. */
  help: string;
  /** Default severity of its findings (a finding may differ, e.g. a test key). */
  severity: ScanSeverity;
  /** The finding's category in the review (secret-leakage, injection, xss, ...). */
  category: string;
  /** CWE ids, e.g. ['CWE-798']. */
  cwe: string[];
}

export interface ScanFinding {
  ruleId: string;
  kind: ScannerKind;
  severity: ScanSeverity;
  category: string;
  /** One line, safe to publish. */
  title: string;
  /** Markdown, safe to publish: why this is a problem here and what to do. */
  body: string;
  path: string;
  /** 1-based line in the new version; 0 when the finding is about the file as a whole. */
  line: number;
  /**
   * The text the fingerprint is computed from (normalised by the review engine). For secrets it is the
   * redacted line, so the same leak keeps the same fingerprint without the fingerprint depending on the value.
   */
  snippet: string;
  /** Fixed code or replacement text for a suggestion, when the rule can give one. */
  suggestion?: string;
}

export function compareFindings(a: ScanFinding, b: ScanFinding): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);
}

/** Keeps at most one finding per rule and location (two rules may still report the same line). */
export function uniqueFindings(findings: readonly ScanFinding[]): ScanFinding[] {
  const seen = new Set<string>();
  const out: ScanFinding[] = [];
  for (const finding of findings) {
    const key = `${finding.ruleId}\u0000${finding.path}\u0000${finding.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  return out;
}
