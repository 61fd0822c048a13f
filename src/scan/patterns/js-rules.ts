/** Dangerous patterns in JavaScript and TypeScript. */
import { allConstant, argumentsAfter, buildsStringFromVariable, containsSql, isConstantExpression, mentionsPassword, splitArguments } from './code-text.js';
import { CWE, HELP, type PatternRule } from './pattern-rule.js';

const js = 'js' as const;

/** The right-hand side of an assignment that the trigger ended at, without a trailing semicolon. */
function rightHandSide(line: string, match: RegExpExecArray): string {
  return line
    .slice(match.index + match[0].length)
    .replace(/;\s*$/, '')
    .trim();
}

const SHELL_CALL = /(?:^|[^.\w$]|\b(?:child_process|childProcess|cp|shell)\.)(?:exec|execSync)\s*\(/;

export const JS_RULES: readonly PatternRule[] = [
  {
    id: 'js/code-injection',
    kind: 'pattern',
    language: js,
    name: 'eval or new Function with a run-time value',
    description: 'eval, new Function or vm.run* evaluate a string that is not a constant; whoever controls it runs code in the process.',
    help: HELP.eval,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.codeInjection],
    trigger: /(?:^|[^.\w$])(?:eval|Function)\s*\(|\bnew\s+Function\s*\(|\bvm\.run(?:InNewContext|InThisContext|InContext)\s*\(/,
    check: (line, match) => !allConstant(argumentsAfter(line, match), js),
  },
  {
    id: 'js/command-injection',
    kind: 'pattern',
    language: js,
    name: 'Shell command built from a variable',
    description:
      'child_process exec/execSync runs its argument through a shell; a command built by interpolation or concatenation lets the value inject commands.',
    help: HELP.command,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.commandInjection],
    trigger: SHELL_CALL,
    check: (line, match) => {
      const first = splitArguments(argumentsAfter(line, match))[0] ?? '';
      return !isConstantExpression(first, js) && buildsStringFromVariable(first, js);
    },
  },
  {
    id: 'js/command-injection-shell-option',
    kind: 'pattern',
    language: js,
    name: 'spawn/execFile with a shell and a built command',
    description: 'spawn or execFile with `shell: true` or an explicit `sh -c` runs a command built from a variable through a shell.',
    help: HELP.command,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.commandInjection],
    trigger: /\b(?:spawn|spawnSync|execFile|execFileSync|execa)\s*\(/,
    check: (line, match) => {
      const args = argumentsAfter(line, match);
      const shell = /\bshell\s*:\s*true\b/.test(args) || /["'](?:\/bin\/)?(?:ba|z)?sh["']\s*,\s*\[?\s*["']-c["']/.test(args);
      return shell && buildsStringFromVariable(args, js);
    },
  },
  {
    id: 'js/sql-injection',
    kind: 'pattern',
    language: js,
    name: 'SQL built from a variable',
    description: 'SQL text built by template interpolation or concatenation lets the value change the query.',
    help: HELP.sql,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.sqlInjection],
    // Either a query call, or a string that is plainly SQL (upper-case keywords) wherever it is built.
    trigger:
      /\.(?:query|execute|raw|\$queryRawUnsafe|\$executeRawUnsafe|whereRaw|unsafe)\s*\(|\b(?:SELECT|INSERT|UPDATE|DELETE|WHERE|REPLACE|MERGE|DROP|ALTER|TRUNCATE)\b/,
    check: (line, match) => {
      const inCall = match[0].startsWith('.');
      const text = inCall ? argumentsAfter(line, match) : line;
      if (inCall && /Unsafe\s*\($|whereRaw\s*\($|unsafe\s*\($/.test(match[0]) && !allConstant(text, js)) return true;
      return containsSql(text, inCall) && buildsStringFromVariable(text, js);
    },
  },
  {
    id: 'js/xss',
    kind: 'pattern',
    language: js,
    name: 'HTML inserted from a variable',
    description:
      'innerHTML, outerHTML, insertAdjacentHTML, document.write and dangerouslySetInnerHTML parse their value as HTML; a value that is not a constant can carry script.',
    help: HELP.xss,
    severity: 'high',
    category: 'xss',
    cwe: [CWE.xss],
    trigger:
      /\.(?:innerHTML|outerHTML)\s*\+?=(?!=)|\.insertAdjacentHTML\s*\(|\bdocument\.(?:write|writeln)\s*\(|\bdangerouslySetInnerHTML\s*=\s*\{\s*\{\s*__html\s*:/,
    check: (line, match) => {
      let value: string;
      if (match[0].endsWith('=')) value = rightHandSide(line, match);
      else if (match[0].endsWith(':')) value = line.slice(match.index + match[0].length).replace(/\}\s*\}.*$/, '');
      else {
        const args = splitArguments(argumentsAfter(line, match));
        value = match[0].includes('insertAdjacentHTML') ? (args[1] ?? '') : args.join(',');
      }
      if (value.trim() === '' || /\b(?:DOMPurify|sanitize(?:Html)?|escapeHtml|escape)\s*[.(]/.test(value)) return false;
      return !isConstantExpression(value, js);
    },
  },
  {
    id: 'js/tls-verification-disabled',
    kind: 'pattern',
    language: js,
    name: 'TLS certificate verification disabled',
    description: 'Turning off certificate verification lets anyone on the network path read and change the traffic.',
    help: HELP.tls,
    severity: 'high',
    category: 'cryptography',
    cwe: [CWE.tls],
    trigger: /\brejectUnauthorized\s*:\s*false\b|\bNODE_TLS_REJECT_UNAUTHORIZED\b\s*\]?\s*=\s*["'`]?0|\bstrictSSL\s*:\s*false\b/,
  },
  {
    id: 'js/weak-password-hash',
    kind: 'pattern',
    language: js,
    name: 'Password hashed with a fast digest',
    description: 'MD5 and SHA-1 are fast and unsalted; password hashes made with them are cracked in bulk.',
    help: HELP.weakHash,
    severity: 'medium',
    category: 'cryptography',
    cwe: [CWE.weakHash],
    trigger: /\bcreateHash\s*\(\s*["'`](?:md5|sha1|sha-1)["'`]\s*\)|\b(?:md5|sha1)\s*\(/i,
    check: (line) => mentionsPassword(line),
  },
  {
    id: 'js/unsafe-deserialization',
    kind: 'pattern',
    language: js,
    name: 'Deserialisation that can run code',
    description: 'node-serialize and similar libraries revive functions from their input; deserialising untrusted data with them runs its code.',
    help: HELP.deserialization,
    severity: 'high',
    category: 'deserialization',
    cwe: [CWE.deserialization],
    // Importing such a library is the finding; its `unserialize` is flagged when fed a run-time value.
    trigger:
      /\brequire\s*\(\s*["'](?:node-serialize|serialize-to-js|funcster)["']\s*\)|\bfrom\s+["'](?:node-serialize|serialize-to-js|funcster)["']|\bunserialize\s*\(/,
    check: (line, match) => !match[0].startsWith('unserialize') || !allConstant(argumentsAfter(line, match), js),
  },
];
