/**
 * A found secret is published only as a short prefix: enough for its owner to recognise which credential to
 * rotate, useless to anyone else. Everything the actions write (comments, issues, the job summary,
 * annotations, SARIF, logs) leaves through the outbound gate (`outbound-gate.ts`), which redacts with this;
 * the diff a model is shown goes through a redactor built from the secrets the scan found.
 */

const MAX_PREFIX = 4;
export const REDACTION_MARK = '…[redacted]';

/** `ghp_…[redacted]`: at most four characters and at most a quarter of the value stay visible. */
export function redactSecret(value: string): string {
  const visible = Math.min(MAX_PREFIX, Math.floor(value.length / 4));
  return `${value.slice(0, visible)}${REDACTION_MARK}`;
}

export type Redactor = (text: string) => string;

/** The identity redactor, for runs that found no secret. */
export const noRedaction: Redactor = (text) => text;

// Shorter values could match ordinary words; the scanners never report secrets this short.
const MIN_REDACTABLE = 8;

/**
 * Replaces every occurrence of every secret in a text. Longer secrets go first so a secret that contains
 * another is replaced whole. The forms a secret takes when a value is embedded in JSON or a URL are covered too.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const variants = new Map<string, string>();
  for (const secret of secrets) {
    if (secret.length < MIN_REDACTABLE) continue;
    const redacted = redactSecret(secret);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      if (form.length >= MIN_REDACTABLE && !variants.has(form)) variants.set(form, redacted);
    }
  }
  if (variants.size === 0) return noRedaction;
  const ordered = [...variants.entries()].sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    let out = text;
    for (const [form, redacted] of ordered) {
      if (out.includes(form)) out = out.split(form).join(redacted);
    }
    return out;
  };
}

/** Applies a redactor to every string inside a JSON-like value (for objects written as a whole, e.g. SARIF). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactDeep(item, redact);
    return out as T;
  }
  return value;
}
