/** Small text helpers for what reviewers post: safe prose, code fences, severity badges. Pure. */
import type { Severity } from './severity.js';

const BADGES: Record<Severity, string> = { critical: '🔴 critical', high: '🟠 high', medium: '🟡 medium', low: '⚪ low' };

export function badge(severity: Severity): string {
  return BADGES[severity];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function safeLine(line: string): string {
  return line.replace(/(^|[^\w`/])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_-]+)?)/g, '$1`@$2`').replace(/^(\s{0,3})\//, '$1\\/');
}

/**
 * Model-written prose posted by the bot must not ping people or read as a command: `@name` becomes code,
 * and a line starting with `/` (a slash command to the bots) is escaped. Fenced code is left as written:
 * there a mention pings no one and a command is not one.
 */
export function safeProse(text: string): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const marker = FENCE.exec(line)?.[1];
      if (fence !== null) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      return safeLine(line);
    })
    .join('\n');
}

/** A fenced code block that no backtick run inside the code can close. */
export function codeBlock(code: string, info = ''): string {
  let longest = 0;
  for (const match of code.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${code}\n${fence}`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

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
