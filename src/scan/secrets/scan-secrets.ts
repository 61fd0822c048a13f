/**
 * Finds secrets in the lines a change adds. The rules' patterns run over a file's added lines joined with
 * newlines, as one string taken from the diff without an object per line (`addedText`); one combined search
 * for the rules' anchors decides which lines each rule is tried on (rule-search.ts), and matches are mapped
 * back to line numbers. The result holds findings that are safe to publish and, separately, the raw secret
 * values, which exist only so the caller can build a redactor for everything it writes.
 */
import { addedText, type ScanFile } from '../diff.js';
import type { ScanFinding } from '../finding.js';
import { createRedactor, redactSecret } from '../../core/redact.js';
import { prefilteredSearch, type RuleSearch } from './rule-search.js';
import { SECRET_RULES, type SecretMatchContext, type SecretRule } from './rules.js';

export interface SecretScanOptions {
  /** Epoch milliseconds; lets expired tokens count as low severity. Leave out to treat every token as live. */
  now?: number;
  rules?: readonly SecretRule[];
}

export interface SecretScanResult {
  findings: ScanFinding[];
  /** Every secret value found, for `createRedactor`. Never publish these. */
  secrets: string[];
}

/** Offset of each added line in the joined text (`addedText`). */
function lineStarts(file: ScanFile): number[] {
  const starts: number[] = new Array<number>(file.added.length);
  let offset = 0;
  for (let i = 0; i < file.added.length; i++) {
    starts[i] = offset;
    offset += (file.added[i]?.text.length ?? 0) + 1;
  }
  return starts;
}

/** Index of the added line that holds `offset` (binary search over line starts). */
function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function firstGroup(match: RegExpExecArray): { value: string; offset: number } {
  for (let i = 1; i < match.length; i++) {
    const value = match[i];
    if (value !== undefined) return { value, offset: match.index + match[0].indexOf(value) };
  }
  return { value: match[0], offset: match.index };
}

const KEY_MATERIAL = /[A-Za-z0-9+/=]{40,}/g;

/**
 * The material of a private key whose header is on added line `index`: base64 runs on the same line (a key
 * embedded in JSON with `\n` escapes) or on the following added lines up to the END line. Empty when the
 * header stands alone, as it does in code that parses keys.
 */
function privateKeyMaterial(file: ScanFile, index: number, headerEnd: number): string[] {
  const first = file.added[index];
  if (!first) return [];
  // Escaped newlines (`\\n` in JSON) separate the lines of an embedded key; the `n` must not join the material.
  const sameLine = (first.text.slice(headerEnd).split('-----END')[0] ?? '').replace(/\\[nr]/g, ' ');
  const inline = [...sameLine.matchAll(KEY_MATERIAL)].map((match) => match[0]);
  if (inline.length > 0) return inline;
  const material: string[] = [];
  for (let i = index + 1; i < file.added.length; i++) {
    const next = file.added[i];
    if (!next || next.line !== first.line + (i - index) || next.text.includes('-----END')) break;
    const runs = [...next.text.matchAll(KEY_MATERIAL)].map((match) => match[0]);
    if (runs.length === 0) break;
    material.push(...runs);
  }
  return material;
}

interface Accepted {
  start: number;
  end: number;
}

function overlaps(ranges: readonly Accepted[], start: number, end: number): boolean {
  return ranges.some((range) => start < range.end && range.start < end);
}

function describe(rule: SecretRule, path: string, line: number, redacted: string, severity: ScanFinding['severity']): Pick<ScanFinding, 'title' | 'body'> {
  const live = severity === 'critical' ? 'what looks like a live' : 'a';
  return {
    title: `${rule.name} committed in ${path}`,
    body: `Line ${line} adds ${live} ${rule.name.toLowerCase()} (\`${redacted}\`). ${rule.description}\n\n${rule.help}`,
  };
}

// The search compiles its patterns once per rule list; its regexes keep `lastIndex` only during one call.
const SEARCHES = new WeakMap<readonly SecretRule[], RuleSearch>();

export function scanSecrets(files: readonly ScanFile[], options: SecretScanOptions = {}): SecretScanResult {
  const rules = options.rules ?? SECRET_RULES;
  let search = SEARCHES.get(rules);
  if (!search) SEARCHES.set(rules, (search = prefilteredSearch(rules)));
  return scanSecretsUsing(search, files, options);
}

/** `scanSecrets` with the given way of finding the rules' matches (the tests compare it with a plain one). */
export function scanSecretsUsing(search: RuleSearch, files: readonly ScanFile[], options: SecretScanOptions = {}): SecretScanResult {
  const rules = options.rules ?? SECRET_RULES;
  const findings: ScanFinding[] = [];
  const secrets = new Set<string>();
  for (const file of files) {
    if (file.status === 'deleted') continue;
    const text = addedText(file);
    // No added lines (or only empty ones): no pattern matches an empty string.
    if (text === '') continue;
    const matchesByRule = search(text);
    let starts: number[] | undefined;
    const accepted: Accepted[] = [];
    for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
      const rule = rules[ruleIndex];
      const matches = matchesByRule[ruleIndex];
      if (!rule || !matches) continue;
      for (const match of matches) {
        const { value, offset } = firstGroup(match);
        const end = offset + value.length;
        // A provider rule and the generic rule can both see one value; the specific rule (listed first) wins.
        if (overlaps(accepted, offset, end)) continue;
        starts ??= lineStarts(file);
        const index = lineIndexAt(starts, offset);
        const added = file.added[index];
        if (!added) continue;
        const context: SecretMatchContext = { line: added.text, match: match[0], ...(options.now !== undefined ? { now: options.now } : {}) };
        if (rule.accept && !rule.accept(value, context)) continue;
        let values = [value];
        if (rule.id === 'secret/private-key') {
          values = privateKeyMaterial(file, index, match.index - (starts[index] ?? 0) + match[0].length);
          if (values.length === 0) continue;
        }
        accepted.push({ start: offset, end });
        for (const secret of values) secrets.add(secret);
        const severity = rule.severityOf ? rule.severityOf(value, context) : rule.severity;
        const redactLine = createRedactor(values);
        const shown = rule.id === 'secret/private-key' ? `-----BEGIN ${value}-----` : redactSecret(value);
        findings.push({
          ruleId: rule.id,
          kind: 'secret',
          severity,
          category: rule.category,
          ...describe(rule, file.path, added.line, shown, severity),
          path: file.path,
          line: added.line,
          snippet: redactLine(added.text).trim(),
        });
      }
    }
  }
  return { findings, secrets: [...secrets] };
}
