import type { ScanRule } from '../finding.js';
import type { PatternLanguage } from './code-text.js';

/**
 * A dangerous-pattern rule: a cheap trigger regex on one added line, then a check that decides whether what
 * reaches the sink is built at run time. Triggers are linear-time (literals, bounded classes).
 */
export interface PatternRule extends ScanRule {
  kind: 'pattern';
  language: PatternLanguage;
  /** Non-global; finds the sink on the line. */
  trigger: RegExp;
  /** Whether the sink on this line is dangerous; absent means the trigger alone decides. */
  check?: (line: string, match: RegExpExecArray) => boolean;
}

export const CWE = {
  codeInjection: 'CWE-95',
  commandInjection: 'CWE-78',
  sqlInjection: 'CWE-89',
  xss: 'CWE-79',
  tls: 'CWE-295',
  weakHash: 'CWE-916',
  deserialization: 'CWE-502',
} as const;

export const HELP = {
  eval: 'Do not evaluate strings as code. Parse the data (JSON.parse, ast.literal_eval) or dispatch to known functions instead.',
  command:
    'Pass arguments as an array to a function that does not start a shell (execFile/spawn without shell, subprocess.run([...]), exec.Command(name, args...)) and validate them against an allowlist.',
  sql: 'Use parameterised queries or the query builder’s placeholders; never build SQL text from values.',
  xss: 'Write text with textContent / a framework binding, or sanitise HTML with a vetted sanitizer (DOMPurify) right before inserting it.',
  tls: 'Keep certificate and hostname verification on; trust a private CA by adding its certificate instead.',
  weakHash: 'Hash passwords with a slow, salted password hash: bcrypt, scrypt, Argon2 or PBKDF2 with a high work factor.',
  deserialization: 'Do not deserialise untrusted data with formats that can construct arbitrary objects; use JSON (or a safe loader) and validate the result.',
} as const;
