/**
 * Secret rules: one per provider format, plus private keys, credentials in URLs and high-entropy values
 * assigned to secret-sounding names. Every pattern is linear-time: literal prefixes, bounded character
 * classes, no nested unbounded quantifiers, no lookbehind. Patterns run over the added lines of one file
 * joined with newlines; only the `\s` around an assignment operator can match a newline, so a match starts
 * on the line of its anchor and the secret itself never spans two lines.
 *
 * A rule's `accept` drops placeholders; what is left looks live and is critical (a leaked secret
 * blocks the merge: it is usable by anyone who reads the diff), except where the format itself says otherwise (a Stripe test-mode key).
 */
import type { ScanRule, ScanSeverity } from '../finding.js';
import { looksLikePlaceholder, looksRandom, shannonEntropy } from './entropy.js';

export interface SecretMatchContext {
  /** The whole added line the secret is on. */
  line: string;
  /** The whole text the pattern matched (the secret may be only part of it). */
  match: string;
  /** Epoch milliseconds, for expiry checks; absent means expiry is not judged. */
  now?: number;
}

export interface SecretRule extends ScanRule {
  kind: 'secret';
  /** Global. The secret is the first capture group that matched, else the whole match. */
  pattern: RegExp;
  /**
   * Literal strings, case as written, of which at least one occurs in every match, on the line where the
   * match starts (no newline between the match's start and the anchor). One search for all rules' anchors
   * picks the lines each pattern is tried on (rule-search.ts), and a line without one is never tried: an
   * anchor missing here hides findings. Empty, the pattern runs over the whole text, as a pattern that
   * ignores case always does (a case-sensitive literal cannot stand for it).
   */
  anchors: readonly string[];
  /** Whether the match is a real-looking secret; false drops it (placeholders, examples, templates). */
  accept?: (secret: string, context: SecretMatchContext) => boolean;
  /** Severity of this particular secret when it differs from the rule's. */
  severityOf?: (secret: string, context: SecretMatchContext) => ScanSeverity;
}

const SECRET_HELP =
  'Revoke the credential at its provider now (it is in the pull request history even after the line is removed), ' +
  'then load it from a secret store or an environment variable instead of the source.';

function rule(fields: Omit<SecretRule, 'kind' | 'category' | 'cwe' | 'help' | 'severity'> & Partial<Pick<SecretRule, 'severity' | 'help'>>): SecretRule {
  return { kind: 'secret', category: 'secret-leakage', cwe: ['CWE-798'], help: SECRET_HELP, severity: 'critical', ...fields };
}

const notPlaceholder = (secret: string): boolean => !looksLikePlaceholder(secret);

function decodeBase64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// Values people put next to a password in examples and local setups; never worth blocking a merge over.
const DEFAULT_PASSWORDS = new Set([
  'password',
  'passwd',
  'pass',
  'secret',
  'admin',
  'root',
  'postgres',
  'mysql',
  'guest',
  'test',
  'user',
  'changeme',
  'example',
]);
const LOCAL_HOSTS = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[a-z0-9-]+\.(?:example|test|invalid|localhost)|example\.(?:com|org|net))(?::\d+)?$/i;

export const SECRET_RULES: readonly SecretRule[] = [
  rule({
    id: 'secret/github-token',
    name: 'GitHub token',
    description: 'A GitHub personal access, OAuth, app installation, user-to-server or refresh token.',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/aws-access-key-id',
    name: 'AWS access key id',
    description: 'An AWS access key id; with its secret access key it signs requests as that identity.',
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/aws-secret-access-key',
    name: 'AWS secret access key',
    description: 'A 40-character AWS secret access key assigned to an AWS secret key setting.',
    pattern: /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?\s{0,5}(?::=|=>|[:=])\s{0,5}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    // Case-insensitive, and its keyword starts the match: the pattern runs over every file.
    anchors: [],
    accept: (secret) => notPlaceholder(secret) && shannonEntropy(secret) >= 4,
  }),
  rule({
    id: 'secret/slack-token',
    name: 'Slack token or webhook',
    description: 'A Slack bot, user, app or configuration token, or an incoming-webhook URL.',
    pattern:
      /\b(xox[abposr]-(?:[0-9]{1,20}-){1,4}[0-9A-Za-z]{10,64}|xapp-[0-9]-[A-Z0-9]{8,16}-[0-9]{8,16}-[a-z0-9]{32,80})\b|(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40})/g,
    anchors: ['xox', 'xapp-', 'hooks.slack.com'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/stripe-key',
    name: 'Stripe secret key',
    description: 'A Stripe secret or restricted API key, or a webhook signing secret.',
    pattern: /\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{20,247}|whsec_[0-9A-Za-z]{32,64})\b/g,
    anchors: ['k_live_', 'k_test_', 'whsec_'],
    accept: notPlaceholder,
    // Test-mode keys cannot move money, but they still read and write the account's test data.
    severityOf: (secret) => (secret.includes('_test_') ? 'medium' : 'critical'),
  }),
  rule({
    id: 'secret/openai-key',
    name: 'OpenAI API key',
    description: 'An OpenAI project, service-account, admin or legacy user API key.',
    pattern: /\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])/g,
    anchors: ['sk-'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/anthropic-key',
    name: 'Anthropic API key',
    description: 'An Anthropic API or admin key.',
    pattern: /\b(sk-ant-(?:api|admin|sid)[0-9]{2}-[A-Za-z0-9_-]{32,200})(?![A-Za-z0-9_-])/g,
    anchors: ['sk-ant-'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/google-api-key',
    name: 'Google API key or OAuth client secret',
    description: 'A Google Cloud / Firebase API key or an OAuth client secret.',
    pattern: /\b(AIza[0-9A-Za-z_-]{35}|GOCSPX-[0-9A-Za-z_-]{28})(?![0-9A-Za-z_-])/g,
    anchors: ['AIza', 'GOCSPX-'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/npm-token',
    name: 'npm access token',
    description: 'An npm access token, or an `_authToken` in an .npmrc.',
    pattern: /\b(npm_[A-Za-z0-9]{36})\b|_authToken\s{0,5}=\s{0,5}["']?([A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/g,
    anchors: ['npm_', '_authToken'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/gitlab-token',
    name: 'GitLab token',
    description: 'A GitLab personal, project or group access token.',
    pattern: /\b(glpat-[0-9A-Za-z_-]{20,64})(?![0-9A-Za-z_-])/g,
    anchors: ['glpat-'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/sendgrid-key',
    name: 'SendGrid API key',
    description: 'A SendGrid API key.',
    pattern: /\b(SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?![0-9A-Za-z_-])/g,
    anchors: ['SG.'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/huggingface-token',
    name: 'Hugging Face token',
    description: 'A Hugging Face user access token.',
    pattern: /\b(hf_[A-Za-z]{34})\b/g,
    anchors: ['hf_'],
    accept: notPlaceholder,
  }),
  rule({
    id: 'secret/private-key',
    name: 'Private key',
    description: 'A PEM or OpenSSH private key block.',
    // The header alone is not a secret (code that parses keys contains it): the key material must follow,
    // either on the same line (a JSON-escaped key) or on the next added lines, which the scanner checks.
    pattern: /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/g,
    anchors: ['-----BEGIN '],
    severityOf: (secret) => (secret.startsWith('ENCRYPTED') ? 'high' : 'critical'),
  }),
  rule({
    id: 'secret/jwt',
    name: 'JSON Web Token',
    description: 'A signed JSON Web Token; whoever holds it acts with its claims until it expires.',
    pattern: /\b(eyJ[A-Za-z0-9_-]{8,2048}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,1024})(?![A-Za-z0-9_.-])/g,
    anchors: ['eyJ'],
    accept: (secret) => {
      const [header = '', payload = ''] = secret.split('.');
      const head = decodeBase64UrlJson(header);
      const claims = decodeBase64UrlJson(payload);
      if (!head || !claims || typeof head.alg !== 'string' || head.alg.toLowerCase() === 'none') return false;
      // The token from jwt.io and countless tutorials.
      return !(claims.sub === '1234567890' && claims.name === 'John Doe');
    },
    severityOf: (secret, context) => {
      const claims = decodeBase64UrlJson(secret.split('.')[1] ?? '');
      const exp = typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined;
      return context.now !== undefined && exp !== undefined && exp < context.now ? 'low' : 'critical';
    },
  }),
  rule({
    id: 'secret/url-credentials',
    name: 'Password in a URL',
    description: 'A URL with a user name and password, such as a database connection string.',
    // Starts at the literal `://` (the scheme adds nothing to the decision), which keeps the scan fast.
    pattern: /:\/\/[^\s:@/'"`]{1,100}:([^\s:@/'"`]{3,200})@([A-Za-z0-9.[\]:-]{1,253})/g,
    anchors: ['://'],
    accept: (secret, context) => {
      if (looksLikePlaceholder(secret) || DEFAULT_PASSWORDS.has(secret.toLowerCase()) || /^[$%{]|^\*+$/.test(secret)) return false;
      const host = context.match.slice(context.match.lastIndexOf('@') + 1);
      return !LOCAL_HOSTS.test(host);
    },
  }),
  rule({
    id: 'secret/generic-assignment',
    name: 'High-entropy secret assigned to a credential name',
    description: 'A random-looking string literal assigned to a name such as password, secret, token or api_key.',
    // key (optionally quoted), an assignment operator, then a quoted value. Unquoted values only in
    // `NAME=value` lines (.env files, shell), where the whole line is the assignment.
    pattern:
      /(?:passw(?:or)?d|pwd|secret|token|api_?key|apikey|access_?key|auth_?key|client_?secret|private_?key|credentials?)[A-Za-z0-9_.-]{0,30}["']?\s{0,5}(?::=|=>|[:=])\s{0,5}(?:["'`]([^"'`\s\\]{16,200})["'`]|([A-Za-z0-9+/_.~=-]{16,200})$)/gim,
    // Case-insensitive (password, Password, PASSWORD, apiKey): the pattern runs over every file.
    anchors: [],
    accept: (secret, context) => {
      if (!looksRandom(secret)) return false;
      // An unquoted value must be the whole right-hand side of an env-style line, not code.
      if (!context.line.includes(`"${secret}`) && !context.line.includes(`'${secret}`) && !context.line.includes(`\`${secret}`)) {
        return /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*\S+\s*$/.test(context.line);
      }
      return true;
    },
  }),
];

export function secretRule(id: string): SecretRule | undefined {
  return SECRET_RULES.find((candidate) => candidate.id === id);
}
