/**
 * Pure measures that tell a live-looking secret from a placeholder. A real token is random: high Shannon
 * entropy, several character classes, no runs or words such as "example". Documentation and tests are full
 * of the other kind, and flagging them is what makes people switch secret scanners off.
 */

/** Bits of Shannon entropy per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** How many of lower case, upper case, digits and other characters occur. */
export function characterClasses(text: string): number {
  let classes = 0;
  if (/[a-z]/.test(text)) classes++;
  if (/[A-Z]/.test(text)) classes++;
  if (/[0-9]/.test(text)) classes++;
  if (/[^a-zA-Z0-9]/.test(text)) classes++;
  return classes;
}

// Words and shapes that mark a value as a stand-in. Matched case-insensitively against the value only.
const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|changeme|change_me|redacted|replace|insert|your[_-]|fake|mock|xxxx|\*\*\*|<[^>]*>|\$\{|\{\{|%\(|\$\(/i;
// Six or more of the same character, or the obvious sequences.
const PLACEHOLDER_SHAPES = /(.)\1{5}|0123456789|123456789|abcdefghij|qwertyuiop/i;

export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || PLACEHOLDER_SHAPES.test(value);
}

/**
 * Whether a value assigned to a secret-sounding name looks generated: long enough, random enough, and not a
 * placeholder. Hex strings (digests, keys) have two character classes, so they qualify by length instead.
 */
export function looksRandom(value: string, minLength = 16, minEntropy = 3.5): boolean {
  if (value.length < minLength || looksLikePlaceholder(value)) return false;
  if (shannonEntropy(value) < minEntropy) return false;
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 32;
  return characterClasses(value) >= 3;
}
