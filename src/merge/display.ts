/** Names that come from others (branches, check names, logins, file paths) as an inline code span. */
export { inlineCode as code } from '../core/untrusted-markdown.js';

export { shortSha } from '../core/markdown.js';

/** `a`, `a and b`, `a, b and 2 more`. */
export function listOf(items: readonly string[], shown = 3): string {
  if (items.length <= 1) return items.join('');
  if (items.length <= shown) return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
