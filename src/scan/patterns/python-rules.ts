/** Dangerous patterns in Python. */
import { allConstant, argumentsAfter, buildsStringFromVariable, containsSql, mentionsPassword, splitArguments } from './code-text.js';
import { CWE, HELP, type PatternRule } from './pattern-rule.js';

const python = 'python' as const;

export const PYTHON_RULES: readonly PatternRule[] = [
  {
    id: 'python/code-injection',
    kind: 'pattern',
    language: python,
    name: 'eval or exec with a run-time value',
    description: 'eval and exec run a string as Python; a value that is not a constant lets whoever controls it run code.',
    help: HELP.eval,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.codeInjection],
    trigger: /(?:^|[^.\w])(?:eval|exec)\s*\(/,
    check: (line, match) => !allConstant(argumentsAfter(line, match), python),
  },
  {
    id: 'python/command-injection',
    kind: 'pattern',
    language: python,
    name: 'Shell command built from a variable',
    description:
      'os.system, os.popen and subprocess with shell=True run a command line through a shell; building it by interpolation lets the value inject commands.',
    help: HELP.command,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.commandInjection],
    trigger: /\bos\.(?:system|popen)\s*\(|\bsubprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\s*\(|\bcommands\.getoutput\s*\(/,
    check: (line, match) => {
      const args = argumentsAfter(line, match);
      const first = splitArguments(args)[0] ?? '';
      const throughShell = /^os\.|getoutput|getstatusoutput/.test(match[0].replace(/^[^\w]/, '')) || /\bshell\s*=\s*True\b/.test(args);
      return throughShell && buildsStringFromVariable(first, python);
    },
  },
  {
    id: 'python/sql-injection',
    kind: 'pattern',
    language: python,
    name: 'SQL built from a variable',
    description: 'SQL text built with f-strings, % formatting, .format or concatenation lets the value change the query; pass values as parameters.',
    help: HELP.sql,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.sqlInjection],
    trigger: /\.(?:execute|executemany|executescript|raw|extra)\s*\(|\btext\s*\(|\b(?:SELECT|INSERT|UPDATE|DELETE|WHERE|REPLACE|MERGE|DROP|ALTER|TRUNCATE)\b/,
    check: (line, match) => {
      const inCall = match[0].endsWith('(');
      const text = inCall ? argumentsAfter(line, match) : line;
      // execute("... %s", (value,)) is the parameterised form: only the first argument's own formatting counts.
      const query = inCall ? (splitArguments(text)[0] ?? '') : text;
      return containsSql(query, inCall) && buildsStringFromVariable(query, python);
    },
  },
  {
    id: 'python/tls-verification-disabled',
    kind: 'pattern',
    language: python,
    name: 'TLS certificate verification disabled',
    description:
      'verify=False, an unverified SSL context or CERT_NONE turns off certificate checks; anyone on the network path can read and change the traffic.',
    help: HELP.tls,
    severity: 'high',
    category: 'cryptography',
    cwe: [CWE.tls],
    trigger: /\bverify\s*=\s*False\b|\bssl\._create_unverified_context\b|\bCERT_NONE\b|\bcheck_hostname\s*=\s*False\b/,
  },
  {
    id: 'python/weak-password-hash',
    kind: 'pattern',
    language: python,
    name: 'Password hashed with a fast digest',
    description: 'MD5 and SHA-1 are fast and unsalted; password hashes made with them are cracked in bulk.',
    help: HELP.weakHash,
    severity: 'medium',
    category: 'cryptography',
    cwe: [CWE.weakHash],
    trigger: /\bhashlib\.(?:md5|sha1)\s*\(|\bhashlib\.new\s*\(\s*["'](?:md5|sha1)["']/i,
    check: (line) => mentionsPassword(line),
  },
  {
    id: 'python/unsafe-deserialization',
    kind: 'pattern',
    language: python,
    name: 'Deserialisation that can run code',
    description:
      'pickle, marshal, dill, jsonpickle and yaml.load without a safe loader construct arbitrary objects; loading untrusted data with them runs its code.',
    help: HELP.deserialization,
    severity: 'high',
    category: 'deserialization',
    cwe: [CWE.deserialization],
    trigger: /\b(?:c?[pP]ickle|dill|marshal|shelve|jsonpickle)\.(?:loads?|Unpickler|open|decode)\s*\(|\byaml\.(?:load|load_all|unsafe_load|full_load)\s*\(/,
    check: (line, match) => !(match[0].startsWith('yaml.load') && /Loader\s*=\s*(?:yaml\.)?C?SafeLoader\b/.test(argumentsAfter(line, match))),
  },
];
