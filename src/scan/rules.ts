/** Every deterministic rule, by id: the catalogue documentation and SARIF `tool.driver.rules` come from. */
import { DEPENDENCY_RULE_LIST } from './deps/dependency-rules.js';
import type { ScanRule } from './finding.js';
import { PATTERN_RULES } from './patterns/scan-patterns.js';
import { SECRET_RULES } from './secrets/rules.js';

function describeRule({ id, kind, name, description, help, severity, category, cwe }: ScanRule): ScanRule {
  return { id, kind, name, description, help, severity, category, cwe };
}

export const ALL_RULES: readonly ScanRule[] = [...SECRET_RULES, ...PATTERN_RULES, ...DEPENDENCY_RULE_LIST].map(describeRule);

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): ScanRule | undefined {
  return BY_ID.get(id);
}
