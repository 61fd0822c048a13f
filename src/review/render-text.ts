/** Small text helpers for what reviewers post: safe prose, code fences, severity badges. Pure. */
import type { Severity } from './severity.js';

const BADGES: Record<Severity, string> = { critical: '🔴 critical', high: '🟠 high', medium: '🟡 medium', low: '⚪ low' };

export function badge(severity: Severity): string {
  return BADGES[severity];
}

/**
 * Model-written prose posted by the bot goes through the one untrusted-Markdown policy: no mentions (they become
 * code), no line that reads as a slash command, no images, raw HTML or hidden text. Fenced code is left as written.
 */
export { untrustedMarkdown as safeProse, codeBlock } from '../core/untrusted-markdown.js';

export { shortSha } from '../core/markdown.js';

/** `path:line` for a placed finding, `path` for a summary-only one. */
export function where(finding: { file: string; line: number; startLine?: number | undefined; placement: 'inline' | 'file' }): string {
  if (finding.placement === 'file') return finding.file;
  return finding.startLine !== undefined ? `${finding.file}:${finding.startLine}-${finding.line}` : `${finding.file}:${finding.line}`;
}

/** Cuts text to `limit` characters at a line break, saying how much was cut. */
export function truncateText(text: string, limit: number, what: string): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf('\n', limit - 200);
  return `${text.slice(0, cut > 0 ? cut : limit - 200)}\n\n… ${what} shortened to fit GitHub's size limit.`;
}
