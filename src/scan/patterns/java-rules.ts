/** Dangerous patterns in Java (and Kotlin, whose calls to the same APIs read alike). */
import { allConstant, argumentsAfter, buildsStringFromVariable, containsSql, mentionsPassword } from './code-text.js';
import { CWE, HELP, type PatternRule } from './pattern-rule.js';

const java = 'java' as const;

export const JAVA_RULES: readonly PatternRule[] = [
  {
    id: 'java/code-injection',
    kind: 'pattern',
    language: java,
    name: 'Script engine eval with a run-time value',
    description: 'ScriptEngine.eval runs its argument as code; a value that is not a constant lets whoever controls it run code in the JVM.',
    help: HELP.eval,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.codeInjection],
    trigger: /\b\w*[eE]ngine\s*\.\s*eval\s*\(/,
    check: (line, match) => !allConstant(argumentsAfter(line, match), java),
  },
  {
    id: 'java/command-injection',
    kind: 'pattern',
    language: java,
    name: 'Command built from a variable',
    description: 'Runtime.exec or ProcessBuilder with a command built by concatenation or String.format (or a shell -c string) lets the value inject commands.',
    help: HELP.command,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.commandInjection],
    trigger: /\.exec\s*\(|\bnew\s+ProcessBuilder\s*\(/,
    check: (line, match) => {
      const args = argumentsAfter(line, match);
      if (match[0].startsWith('.') && !/Runtime|runtime|\brt\b/.test(line.slice(0, match.index + 1))) return false;
      return buildsStringFromVariable(args, java);
    },
  },
  {
    id: 'java/sql-injection',
    kind: 'pattern',
    language: java,
    name: 'SQL built from a variable',
    description: 'SQL text built by concatenation or String.format lets the value change the query; use PreparedStatement placeholders.',
    help: HELP.sql,
    severity: 'high',
    category: 'injection',
    cwe: [CWE.sqlInjection],
    trigger:
      /\.(?:executeQuery|executeUpdate|execute|executeLargeUpdate|prepareStatement|prepareCall|addBatch|createQuery|createNativeQuery|createSQLQuery|queryForObject|queryForList|query|update)\s*\(|\b(?:SELECT|INSERT|UPDATE|DELETE|WHERE|REPLACE|MERGE|DROP|ALTER|TRUNCATE)\b/,
    check: (line, match) => {
      const inCall = match[0].startsWith('.');
      const text = inCall ? argumentsAfter(line, match) : line;
      return containsSql(text, inCall) && buildsStringFromVariable(text, java);
    },
  },
  {
    id: 'java/xss',
    kind: 'pattern',
    language: java,
    name: 'Request parameter written to the response',
    description: 'Writing a request parameter straight into the response body lets it carry script.',
    help: HELP.xss,
    severity: 'high',
    category: 'xss',
    cwe: [CWE.xss],
    trigger: /\bgetWriter\s*\(\s*\)\s*\.\s*(?:print|println|write|append|format|printf)\s*\(/,
    check: (line, match) => /\bgetParameter\s*\(|\bgetHeader\s*\(|\bgetQueryString\s*\(/.test(argumentsAfter(line, match)),
  },
  {
    id: 'java/tls-verification-disabled',
    kind: 'pattern',
    language: java,
    name: 'TLS certificate or hostname verification disabled',
    description: 'An all-accepting hostname verifier or trust manager turns off TLS checks; anyone on the network path can read and change the traffic.',
    help: HELP.tls,
    severity: 'high',
    category: 'cryptography',
    cwe: [CWE.tls],
    trigger:
      /\bALLOW_ALL_HOSTNAME_VERIFIER\b|\bNoopHostnameVerifier\b|\bTrustAllStrategy\b|\bsetHostnameVerifier\s*\(\s*\(?[^()]{0,40}\)?\s*->\s*true\s*\)|\bcheckServerTrusted\s*\([^)]{0,200}\)\s*(?:throws\s+[\w.,\s]{1,100})?\{\s*\}/,
  },
  {
    id: 'java/weak-password-hash',
    kind: 'pattern',
    language: java,
    name: 'Password hashed with a fast digest',
    description: 'MD5 and SHA-1 are fast and unsalted; password hashes made with them are cracked in bulk.',
    help: HELP.weakHash,
    severity: 'medium',
    category: 'cryptography',
    cwe: [CWE.weakHash],
    trigger: /\bMessageDigest\.getInstance\s*\(\s*"(?:MD5|SHA-?1)"\s*\)|\bDigestUtils\.(?:md5|sha1)(?:Hex)?\s*\(/i,
    check: (line) => mentionsPassword(line),
  },
  {
    id: 'java/unsafe-deserialization',
    kind: 'pattern',
    language: java,
    name: 'Deserialisation that can run code',
    description:
      'ObjectInputStream, XMLDecoder and XStream construct arbitrary objects from their input; deserialising untrusted data with them runs gadget chains.',
    help: HELP.deserialization,
    severity: 'high',
    category: 'deserialization',
    cwe: [CWE.deserialization],
    trigger: /\bnew\s+(?:ObjectInputStream|XMLDecoder)\s*\(|\.fromXML\s*\(|\benableDefaultTyping\s*\(/,
  },
];
