/**
 * Text the agents (or other people) wrote, made safe to show in the report and in the bot's comments. A
 * suggestion title is written by a model that read a pull request, so it is untrusted: it must not load
 * external images (tracking pixels), ping people or teams, hide text in HTML comments, inject raw HTML, or
 * break the table it sits in. Pure.
 */
import { sanitizeUntrusted } from '../core/llm/untrusted.js';

// U+200B after `@` keeps the text readable while GitHub no longer sees a mention (`@alice`, `@org/team`).
// It is added on output only; sanitizeUntrusted has already removed every invisible character from the input.
const MENTION = /@(?=[A-Za-z0-9])/g;
const ZERO_WIDTH_SPACE = '\u200B';

export function neutraliseMentions(text: string): string {
  return text.replace(MENTION, `@${ZERO_WIDTH_SPACE}`);
}

// Everything Markdown could read as markup inside a line: emphasis, code, links and images, HTML, tables,
// strike-through, autolinks in angle brackets, and entities (`&`).
const INLINE_MARKUP = /[\\`*_[\]()<>|~!#&]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * One line of plain text: sanitised, whitespace collapsed, cut to `maxLength` characters, every markup
 * character escaped (so a title such as `![x](https://evil/pixel.png)` shows as text), mentions neutralised.
 * Safe inside a table cell.
 */
export function inlineText(text: string, maxLength = 120): string {
  const plain = sanitizeUntrusted(text).replace(/\s+/g, ' ').trim();
  const cut = plain.length > maxLength ? `${plain.slice(0, maxLength - 1).trimEnd()}…` : plain;
  return neutraliseMentions(cut.replace(INLINE_MARKUP, (ch) => ENTITY[ch] ?? `\\${ch}`));
}

// An image is `![alt](url)` or a reference `![alt][ref]`; kept as a plain link, so nothing loads by itself.
const IMAGE = /!\[/g;
const HTML_TAG_START = /<(?=[A-Za-z/!?])/g;

/**
 * Several lines of Markdown someone wrote (a rejection reason), quoted as a block: sanitised, no images, no
 * raw HTML (tags show as text), no mentions, no more than `maxLength` characters.
 */
export function quoteBlock(text: string, maxLength = 2000): string {
  const clean = sanitizeUntrusted(text).trim();
  const cut = clean.length > maxLength ? `${clean.slice(0, maxLength - 1).trimEnd()}…` : clean;
  const safe = neutraliseMentions(cut.replace(HTML_TAG_START, '&lt;').replace(IMAGE, '\\!['));
  return safe
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}
