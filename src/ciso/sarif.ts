/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). Pure: findings and the rule
 * catalogue in, a log object out. What GitHub reads is shaped the way it reads it: stable rule ids,
 * `properties.security-severity` on rules (and results), `level` on results, `partialFingerprints` so an
 * alert keeps its identity across pushes, paths relative to `%SRCROOT%`. GitHub's limits are kept: at
 * most 5,000 results per run (the most severe), 10 tags per rule, one location per result, 10 MB gzipped.
 */
import { gzipSync } from 'node:zlib';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { ScanRule } from '../scan/finding.js';
import type { Severity } from '../review/severity.js';

export interface SarifFinding {
  origin: 'model' | 'deterministic';
  /** The scanner rule of a deterministic finding. */
  ruleId?: string | undefined;
  category: string;
  severity: Severity;
  title: string;
  body: string;
  file: string;
  /** 1-based; 0 when the finding concerns the file as a whole. */
  line: number;
  startLine?: number | undefined;
  fingerprint: string;
  confidence?: number | undefined;
}

export interface SarifOptions {
  toolVersion: string;
  /** Where the tool is documented (the action's repository), when known. */
  informationUri?: string | undefined;
  /** Deterministic rules (all are listed, so the catalogue is visible in code scanning). */
  rules: readonly ScanRule[];
  /** Things the run could not do (LLM pass skipped, registry unreachable): tool notifications. */
  notifications?: readonly string[];
}

export const SARIF_LIMITS = { resultsPerRun: 5000, tagsPerRule: 10, messageChars: 4000, gzipBytes: 10 * 1024 * 1024 } as const;

/** GitHub maps these to its critical (≥ 9.0), high (7.0–8.9), medium (4.0–6.9) and low bands. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };
const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export const FINGERPRINT_KEY = 'agenticFindingFingerprint/v1';

/** Rule id of a model finding: one rule per category, e.g. `model/injection`. */
export function modelRuleId(category: string): string {
  return `model/${category.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function tags(category: string, cwe: readonly string[]): string[] {
  return ['security', category, ...cwe.map((id) => `external/cwe/${id.toLowerCase()}`)].slice(0, SARIF_LIMITS.tagsPerRule);
}

function scannerRule(rule: ScanRule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.name },
    fullDescription: { text: rule.description },
    help: { text: rule.help, markdown: `${rule.description}\n\n**Fix:** ${rule.help}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: tags(rule.category, rule.cwe), precision: 'high', 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

function modelRule(category: string, severity: Severity): ReportingDescriptor {
  return {
    id: modelRuleId(category),
    name: `Model security review: ${category}`,
    shortDescription: { text: `Security review (model): ${category}` },
    fullDescription: { text: `A ${category} problem reported by the model security review with high confidence.` },
    help: { text: 'Read the finding, fix the code or explain in the pull request why it is not a problem.' },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: tags(category, []), precision: 'medium', 'security-severity': SECURITY_SEVERITY[severity] },
  };
}

function ruleIdOf(finding: SarifFinding): string {
  return finding.origin === 'deterministic' && finding.ruleId ? finding.ruleId : modelRuleId(finding.category);
}

function toResult(finding: SarifFinding, ruleIndex: number): Result {
  const region =
    finding.line >= 1 ? { startLine: finding.startLine ?? finding.line, ...(finding.startLine !== undefined ? { endLine: finding.line } : {}) } : undefined;
  return {
    ruleId: ruleIdOf(finding),
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: clip(`${finding.title}\n\n${finding.body}`, SARIF_LIMITS.messageChars) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
          ...(region ? { region } : {}),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      'security-severity': SECURITY_SEVERITY[finding.severity],
      origin: finding.origin,
      ...(finding.confidence !== undefined ? { confidence: finding.confidence } : {}),
    },
  };
}

function assemble(findings: readonly SarifFinding[], options: SarifOptions, omitted: number): Log {
  const rules: ReportingDescriptor[] = options.rules.map(scannerRule);
  const known = new Set(rules.map((rule) => rule.id));
  // A model rule takes the highest severity among its results, so GitHub's rule-level severity is not understated.
  const extra = new Map<string, { category: string; severity: Severity }>();
  for (const finding of findings) {
    const id = ruleIdOf(finding);
    const previous = extra.get(id);
    if (!known.has(id) && (!previous || RANK[finding.severity] > RANK[previous.severity]))
      extra.set(id, { category: finding.category, severity: finding.severity });
  }
  for (const [id, { category, severity }] of extra) rules.push({ ...modelRule(category, severity), id });
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  const notifications = [...(options.notifications ?? [])];
  if (omitted > 0) notifications.push(`${omitted} lower-severity result(s) left out to stay within GitHub's SARIF limits.`);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'agentic-workflow ciso-review',
            semanticVersion: options.toolVersion,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        automationDetails: { id: 'agentic-workflow/ciso-review/' },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository checkout.' } } },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0
              ? { toolExecutionNotifications: notifications.map((text) => ({ level: 'warning' as const, message: { text } })) }
              : {}),
          },
        ],
        results: findings.map((finding) => toResult(finding, index.get(ruleIdOf(finding)) ?? -1)),
      },
    ],
  };
}

/** Pure: the SARIF log, most severe results first, within GitHub's limits. */
export function buildSarif(findings: readonly SarifFinding[], options: SarifOptions): { log: Log; omitted: number } {
  const sorted = [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.file.localeCompare(b.file) || a.line - b.line);
  let kept = sorted.slice(0, SARIF_LIMITS.resultsPerRun);
  for (;;) {
    const log = assemble(kept, options, sorted.length - kept.length);
    if (kept.length === 0 || gzipSync(JSON.stringify(log)).length <= SARIF_LIMITS.gzipBytes) return { log, omitted: sorted.length - kept.length };
    kept = kept.slice(0, Math.floor(kept.length * 0.8));
  }
}
