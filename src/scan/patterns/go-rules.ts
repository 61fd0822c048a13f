/** Dangerous patterns in Go. */
import { allConstant, argumentsAfter, buildsStringFromVariable, containsSql, mentionsPassword, splitArguments } from './code-text.js';
import { CWE, HELP, type PatternRule } from './pattern-rule.js';

const go = 'go' as const;

export const GO_RULES: readonly PatternRule[] = [
  {
    id: 'go/command-injection',
    kind: 'pattern',
    language: go,
    name: 'Shell command built from a variable',
    description: 'exec.Command with `sh -c` (or a command name) built by fmt.Sprintf or concatenation lets the value inject commands.',
    help: HELP.command,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.commandInjection],
    trigger: /\bexec\.Command(?:Context)?\s*\(/,
    check: (line, match) => {
      const args = splitArguments(argumentsAfter(line, match));
      const rest = match[0].includes('Context') ? args.slice(1) : args;
      const [name = '', ...tail] = rest;
      const viaShell = /^"(?:\/bin\/)?(?:ba|z)?sh"$/.test(name) && tail[0] === '"-c"';
      const command = viaShell ? tail.slice(1).join(',') : name;
      return buildsStringFromVariable(command, go);
    },
  },
  {
    id: 'go/sql-injection',
    kind: 'pattern',
    language: go,
    name: 'SQL built from a variable',
    description: 'SQL text built with fmt.Sprintf or concatenation lets the value change the query; use placeholders ($1, ?) and pass values as arguments.',
    help: HELP.sql,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.sqlInjection],
    trigger:
      /\.(?:Query|QueryRow|Exec|QueryContext|QueryRowContext|ExecContext|Raw|Prepare|PrepareContext|Select|Get)\s*\(|\b(?:SELECT|INSERT|UPDATE|DELETE|WHERE|REPLACE|MERGE|DROP|ALTER|TRUNCATE)\b/,
    check: (line, match) => {
      const inCall = match[0].startsWith('.');
      const text = inCall ? argumentsAfter(line, match) : line;
      return containsSql(text, inCall) && buildsStringFromVariable(text, go);
    },
  },
  {
    id: 'go/tls-verification-disabled',
    kind: 'pattern',
    language: go,
    name: 'TLS certificate verification disabled',
    description: 'InsecureSkipVerify: true turns off certificate checks; anyone on the network path can read and change the traffic.',
    help: HELP.tls,
    severity: 'high',
    category: 'cryptography',
    cwe: [CWE.tls],
    trigger: /\bInsecureSkipVerify\s*:\s*true\b/,
  },
  {
    id: 'go/weak-password-hash',
    kind: 'pattern',
    language: go,
    name: 'Password hashed with a fast digest',
    description: 'MD5 and SHA-1 are fast and unsalted; password hashes made with them are cracked in bulk.',
    help: HELP.weakHash,
    severity: 'medium',
    category: 'cryptography',
    cwe: [CWE.weakHash],
    trigger: /\b(?:md5|sha1)\.(?:New|Sum)\s*\(/,
    check: (line) => mentionsPassword(line),
  },
  {
    id: 'go/xss',
    kind: 'pattern',
    language: go,
    name: 'Unescaped template content from a variable',
    description:
      'template.HTML, template.JS and friends mark a value as safe, so html/template stops escaping it; a value that is not a constant can carry script.',
    help: HELP.xss,
    severity: 'high',
    category: 'xss',
    cwe: [CWE.xss],
    trigger: /\btemplate\.(?:HTML|JS|JSStr|URL|HTMLAttr|CSS|Srcset)\s*\(/,
    check: (line, match) => !allConstant(argumentsAfter(line, match), go),
  },
];
