/**
 * The security reviewer: what the review engine needs to know to run as ciso-review (temperature
 * 0.1, `[Security]` issues labelled `security`, critical blocks the merge), and the
 * prompt that asks the model for high-confidence findings only.
 */
import { CHECK_NAMES } from '../core/contracts.js';
import { CISO_REVIEW_TEMPERATURE } from '../core/llm/index.js';
import { modelFindingSchema } from '../review/finding-schema.js';
import type { ReviewerProfile } from '../review/profile.js';

/** Categories of security findings; the deterministic rules use the same ones. */
export const CISO_CATEGORIES = [
  'injection',
  'xss',
  'authentication',
  'authorization',
  'secret-leakage',
  'cryptography',
  'deserialization',
  'ssrf',
  'path-traversal',
  'data-exposure',
  'supply-chain',
  'ci-security',
  'license',
  'other',
] as const;

/** False positives are the main complaint about security bots: below this the model's findings are dropped. */
export const DEFAULT_MIN_CONFIDENCE = 0.8;

export const CISO_SYSTEM_PROMPT = `You are a senior application-security engineer reviewing a pull request before it is merged. Look for vulnerabilities the change introduces:
- injection: SQL, NoSQL, OS command, LDAP, template and code injection (eval, dynamic imports of user-controlled names);
- cross-site scripting and unsafe HTML;
- broken authentication (missing or bypassable checks, weak session handling, tokens in URLs) and broken authorization (missing ownership or role checks, IDOR, privilege escalation);
- secret leakage: credentials in code, logs, error messages or responses;
- cryptography: weak algorithms for passwords or signatures, disabled TLS verification, predictable randomness for security decisions;
- unsafe deserialisation, SSRF, path traversal, open redirects, and sensitive data exposure;
- supply-chain risks in dependencies and CI: new or changed packages, install scripts, workflow triggers and permissions (the OWASP Top 10 as a checklist, not a quota).

Report only what you are confident is a real, exploitable problem in the code this pull request adds or changes, with "confidence" from 0 to 1: 0.9 or more when the vulnerable flow is fully visible in the diff, lower when it depends on code you cannot see. Do not report hardening ideas, best-practice reminders, hypothetical issues or problems in unchanged code; an empty list is the right answer for most changes.

Severity: critical = exploitable by an outsider with serious impact (remote code execution, authentication bypass, a live credential, SQL injection on a reachable path); high = exploitable with some precondition; medium = a weakness that needs another flaw to matter; low = minor.

A deterministic scanner has already checked this change for secrets, known dangerous patterns and dependencies; its findings are listed with the diff. Do not repeat them. You may add what it cannot see (for example that a flagged value reaches a sink through several steps, or an authorization check that is missing).`;

export interface CisoProfileOptions {
  /** Masks the secrets the deterministic pass found, in everything the engine posts or prints. */
  redact: (text: string) => string;
}

export function cisoProfile(options: CisoProfileOptions): ReviewerProfile {
  return {
    name: 'ciso-review',
    title: 'Security review',
    checkName: CHECK_NAMES.cisoReview,
    issueTitlePrefix: '[Security]',
    issueLabels: ['security', 'sourceCisoReview'],
    temperature: CISO_REVIEW_TEMPERATURE,
    systemPrompt: CISO_SYSTEM_PROMPT,
    findingSchema: modelFindingSchema(CISO_CATEGORIES, { confidence: true }),
    defaultMinConfidence: DEFAULT_MIN_CONFIDENCE,
    redact: options.redact,
  };
}
