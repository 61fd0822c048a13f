import { sanitizeUntrusted } from '../core/llm/untrusted.js';
import { IMPLEMENT_PR_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';

// GitHub's closing keywords: close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved.

const CLOSING_KEYWORDS = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

/**
 * Pure: the issues an agent pull request closes. The implement-PR marker names the issue exactly; a body
 * without one falls back to closing keywords in its visible text (not in HTML comments). Only called for
 * pull requests the bot opened, so the body is the bot's own.
 */
export function linkedIssues(body: string): number[] {
  const marker = readMarker(IMPLEMENT_PR_MARKER_KIND, body);
  if (marker) return [marker.issue];
  const numbers = [...sanitizeUntrusted(body).matchAll(CLOSING_KEYWORDS)].map((match) => Number(match[1]));
  return [...new Set(numbers)].filter((number) => Number.isSafeInteger(number) && number > 0);
}
