/**
 * Runs the dangerous-pattern rules over the added lines of each file: the rules of the file's language, and
 * the workflow rules for GitHub Actions files. Test, vendored and generated code is skipped for the code
 * rules (a test that calls eval is not shipped behaviour); workflow files are always checked.
 */
import type { ScanFile } from '../diff.js';
import type { ScanFinding, ScanRule } from '../finding.js';
import { isCommentLine, isTestOrVendoredPath, languageOf, type PatternLanguage } from './code-text.js';
import { GO_RULES } from './go-rules.js';
import { JAVA_RULES } from './java-rules.js';
import { JS_RULES } from './js-rules.js';
import type { PatternRule } from './pattern-rule.js';
import { PYTHON_RULES } from './python-rules.js';
import { scanWorkflowFile, WORKFLOW_RULES } from './workflow-rules.js';

const RULES_BY_LANGUAGE: Record<PatternLanguage, readonly PatternRule[]> = {
  js: JS_RULES,
  python: PYTHON_RULES,
  go: GO_RULES,
  java: JAVA_RULES,
};

/** Every pattern rule, for documentation and SARIF. */
export const PATTERN_RULES: readonly ScanRule[] = [...JS_RULES, ...PYTHON_RULES, ...GO_RULES, ...JAVA_RULES, ...WORKFLOW_RULES];

// Minified or generated lines are not code anyone reviews; they also cost the most to scan.
const MAX_LINE_LENGTH = 2000;

export function scanLineWithRules(rules: readonly PatternRule[], text: string): PatternRule[] {
  const hits: PatternRule[] = [];
  for (const rule of rules) {
    const match = rule.trigger.exec(text);
    if (match && (!rule.check || rule.check(text, match))) hits.push(rule);
  }
  return hits;
}

export function scanPatterns(files: readonly ScanFile[]): ScanFinding[] {
  const findings: ScanFinding[] = [];
  for (const file of files) {
    if (file.status === 'deleted') continue;
    findings.push(...scanWorkflowFile(file));
    const language = languageOf(file.path);
    if (!language || isTestOrVendoredPath(file.path)) continue;
    const rules = RULES_BY_LANGUAGE[language];
    for (const added of file.added) {
      if (added.text.length > MAX_LINE_LENGTH || isCommentLine(added.text, language)) continue;
      for (const rule of scanLineWithRules(rules, added.text)) {
        findings.push({
          ruleId: rule.id,
          kind: 'pattern',
          severity: rule.severity,
          category: rule.category,
          title: `${rule.name} in ${file.path}`,
          body: `Line ${added.line}: ${rule.description}\n\n${rule.help}`,
          path: file.path,
          line: added.line,
          snippet: added.text.trim(),
        });
      }
    }
  }
  return findings;
}
