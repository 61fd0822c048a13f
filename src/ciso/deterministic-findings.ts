/**
 * The deterministic pass as the review engine sees it: scanner findings become review findings (certain, so
 * confidence 1, and placed by the code they quote), and a short list of them goes to the model as context so
 * it adds to them instead of repeating them. Pure.
 */
import type { Finding } from '../review/finding-schema.js';
import type { ScanFinding } from '../scan/finding.js';

export function toReviewFinding(finding: ScanFinding): Finding {
  return {
    origin: 'deterministic',
    ruleId: finding.ruleId,
    file: finding.path,
    // Whole-file findings point at the first line; the engine shows them in the summary if that is not in the diff.
    line: Math.max(1, finding.line),
    severity: finding.severity,
    category: finding.category,
    title: finding.title,
    body: `${finding.body}\n\n<sub>Rule \`${finding.ruleId}\` (deterministic scanner)</sub>`,
    ...(finding.line >= 1 && finding.snippet ? { snippet: finding.snippet } : {}),
    ...(finding.suggestion !== undefined ? { suggestion: finding.suggestion } : {}),
    // A leaked key must be rotated and a dependency decided on beyond this pull request: these become issues too.
    prSpecific: false,
    confidence: 1,
  };
}

const MAX_CONTEXT_FINDINGS = 60;

/** What the model is told the scanner already found (redacted text only). Empty when there is nothing. */
export function scannerContext(findings: readonly ScanFinding[]): string {
  if (findings.length === 0) return '';
  const lines = findings
    .slice(0, MAX_CONTEXT_FINDINGS)
    .map((finding) => `- ${finding.path}:${finding.line} [${finding.severity}] ${finding.ruleId}: ${finding.title}`);
  if (findings.length > MAX_CONTEXT_FINDINGS) lines.push(`- … and ${findings.length - MAX_CONTEXT_FINDINGS} more`);
  return `Already reported by the deterministic scanner (do not repeat these):\n${lines.join('\n')}`;
}
