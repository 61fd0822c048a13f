/**
 * The one policy for writing text the product did not write itself (issue and comment text, model output
 * derived from them, test output, names) into Markdown that GitHub renders. Every writer goes through here.
 *
 * The policy, rule by rule:
 * 1. **No hidden text.** HTML comments, invisible and bidi characters are removed first
 *    (`sanitizeUntrusted`): a comment could carry a look-alike marker, a bidi override could reorder what a
 *    reviewer reads.
 * 2. **No mentions.** `@alice` and `@org/team` are written as code spans, `` `@alice` ``: GitHub shows them
 *    as text and never notifies inside code. (An invisible character after the `@` is not used: rule 1 would
 *    remove it the next time the text is read, and a reader cannot see it.) A line starting with `/` is
 *    escaped, so model or user text never reads as a slash command.
 * 3. **No remote images.** `![alt](url)` becomes `alt (image: url)`: nothing loads by itself (tracking pixels).
 * 4. **No raw HTML.** A `<` that would open a tag is written as `&lt;`, so tags show as text.
 * 5. **Links show their URL.** `[text](url)` becomes `text (url)`; reference definitions (`[ref]: url`) are
 *    escaped so `[text][ref]` cannot hide a URL either. Bare URLs stay, since they show themselves.
 * Inside code spans and fenced code blocks nothing is live, so nothing there is changed (apart from rule 1).
 * Pure.
 */
import { MARKER_PREFIX } from './marker.js';
import { sanitizeUntrusted } from './llm/untrusted.js';

// `@name` or `@org/team` where GitHub would read a mention: at the start or after a character that is not part of a
// word (`a@b.c` is an address, not a mention). Also when the `@` is written as an entity, which GitHub decodes first.
const MENTION = /(^|[^A-Za-z0-9_])(?:@|&#0*64;|&#x0*40;|&commat;)([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_-]+)?)/gim;

/** Rule 2 on text that holds no code spans and no stray backticks (a stray one could pair with the span added here). */
export function neutraliseMentions(text: string): string {
  return text.replace(MENTION, '$1`@$2`');
}

// `![alt](url "title")` and `[text](url "title")`; the URL may be wrapped in <>. Nested brackets in the text are not followed.
const IMAGE = /!\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const LINK = /\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const REFERENCE_IMAGE = /!\[([^\]\n]*)\]\[([^\]\n]*)\]/g;
const REFERENCE_DEFINITION = /^( {0,3})\[([^\]\n]+)\]:/gm;
const HTML_TAG_START = /<(?=[A-Za-z/!?])/g;

// A line that starts with `/` would read as a slash command to the bots.
const COMMAND_START = /^(\s{0,3})\//gm;

function plainProse(text: string): string {
  const shown = text
    // Outside code spans a backtick is stray; escaped, it cannot pair with the code span a mention becomes.
    .replace(/`/g, '\\`')
    .replace(HTML_TAG_START, '&lt;')
    .replace(IMAGE, (_all, alt: string, url: string) => `${alt.trim() || 'image'} (image: ${url})`)
    .replace(REFERENCE_IMAGE, (_all, alt: string, ref: string) => `${alt.trim() || 'image'} (image: ${ref || alt})`)
    .replace(LINK, (_all, label: string, url: string) => (label.trim() === '' || label.trim() === url ? url : `${label} (${url})`))
    .replace(REFERENCE_DEFINITION, (_all, indent: string, ref: string) => `${indent}\\[${ref}]:`)
    // An image whose URL the patterns above did not take (odd spacing, nested brackets) still must not load.
    .replace(/!\[/g, '\\![')
    .replace(COMMAND_START, '$1\\/');
  return neutraliseMentions(shown);
}

// A backtick run opens a span only if it is whole (not after another backtick) and not escaped.
const CODE_SPAN = /(?<![`\\])(`+)[\s\S]*?[^`]\1(?!`)/g;

/** Applies `prose` outside code spans on one stretch of text that has no fenced block. */
function betweenCodeSpans(text: string, prose: (text: string) => string): string {
  let result = '';
  let position = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    result += prose(text.slice(position, match.index)) + match[0];
    position = match.index + match[0].length;
  }
  return result + prose(text.slice(position));
}

/** The prose rules outside code spans on one stretch of text that has no fenced block. */
function outsideCodeSpans(text: string): string {
  return betweenCodeSpans(text, plainProse);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Applies `prose` to the text outside fenced code blocks, a block at a time; fenced blocks pass as they are. */
function outsideFences(lines: readonly string[], prose: (text: string) => string): string {
  const out: string[] = [];
  let pending: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (pending.length > 0) out.push(prose(pending.join('\n')));
    pending = [];
  };
  for (const line of lines) {
    const opener = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      out.push(line);
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
    } else if (opener) {
      flush();
      out.push(line);
      fence = opener;
    } else {
      pending.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Rules 1–5 on Markdown of several lines, keeping its ordinary formatting (emphasis, lists, code). */
export function untrustedMarkdown(raw: string): string {
  return outsideFences(sanitizeUntrusted(raw).split('\n'), outsideCodeSpans);
}

function cut(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}

/** One line of Markdown (a plan step, a summary): the whole policy, line breaks joined, at most `maxLength` characters before escaping. */
export function untrustedLine(text: string, maxLength = 300): string {
  // No fence handling: a line that starts with ``` sits after a list marker or a label where it opens no block.
  return outsideCodeSpans(oneLine(text, maxLength));
}

// Everything Markdown could read as markup inside a line: emphasis, code, links and images, HTML, tables,
// strike-through, autolinks in angle brackets, and entities (`&`).
const INLINE_MARKUP = /[\\`*_[\]()<>|~!#&]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * One line of plain text where no formatting is wanted (a title in a table): sanitised, whitespace collapsed,
 * cut to `maxLength` characters, every markup character escaped (so `![x](https://evil/pixel.png)` shows as
 * text with its URL), mentions neutralised. Safe inside a table cell.
 */
export function escapedLine(text: string, maxLength = 120): string {
  const plain = cut(sanitizeUntrusted(text).replace(/\s+/g, ' ').trim(), maxLength);
  return neutraliseMentions(plain.replace(INLINE_MARKUP, (ch) => ENTITY[ch] ?? `\\${ch}`));
}

/** Several lines someone wrote (a rejection reason), quoted as a block under the whole policy, at most `maxLength` characters. */
export function quoteBlock(text: string, maxLength = 2000): string {
  return untrustedMarkdown(cut(sanitizeUntrusted(text).trim(), maxLength))
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

/**
 * A name that comes from others (a branch, a check name, a login, a file path) as one inline code span: no
 * mention notifies anyone, no link renders, and nothing can open an HTML comment that would read as a marker.
 */
export function inlineCode(text: string, max = 80): string {
  let clean = sanitizeUntrusted(text)
    .replace(/[`<>\r\n]/g, '')
    .trim();
  if (clean.length > max) clean = `${clean.slice(0, max - 1)}…`;
  return `\`${clean === '' ? '?' : clean}\``;
}

/** Text shown verbatim (test output, an ADR) in a fence longer than any backtick run inside it: nothing in it is live. */
export function codeBlock(raw: string, language = ''): string {
  const text = sanitizeUntrusted(raw);
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** One line of text for a sink that is not Markdown (a commit message, a marker field): hidden text removed, nothing escaped. */
export function oneLine(text: string, maxLength = 300): string {
  return cut(sanitizeUntrusted(text).replace(/\s+/g, ' ').trim(), maxLength);
}

// What the product's own Markdown uses and the outbound pass therefore keeps: the state markers and a few tags
// without attributes (`<details>`, `<summary>`, `<sub>`…). Anything else that looks like HTML is shown as text.
const PRODUCT_MARKER = new RegExp(`${MARKER_PREFIX}[a-z][a-z0-9-]* \\{[^<>\\n]*\\} -->`, 'g');
const PRODUCT_TAG = /^<\/?(?:details|summary|sub|sup|br|p|b|i|em|strong|code|kbd|hr)\s*\/?>/i;

function keepProductTags(text: string): string {
  return text.replace(HTML_TAG_START, (lt: string, offset: number) => (PRODUCT_TAG.test(text.slice(offset)) ? lt : '&lt;'));
}

/** The outbound rules on prose outside code spans: no mention, no image that loads, no raw HTML but the product's tags. */
function outboundProse(text: string): string {
  const shown = keepProductTags(text)
    .replace(IMAGE, (_all, alt: string, url: string) => `${alt.trim() || 'image'} (image: ${url})`)
    .replace(REFERENCE_IMAGE, (_all, alt: string, ref: string) => `${alt.trim() || 'image'} (image: ${ref || alt})`)
    // Already escaped (`\![`) is left as it is: escaping again would leave a live `![` behind a literal backslash.
    .replace(/(?<!\\)!\[/g, '\\![');
  return neutraliseMentions(shown);
}

function outboundOutsideCodeSpans(text: string): string {
  return betweenCodeSpans(text, outboundProse);
}

/**
 * The policy applied once more to a whole body on its way out, whoever built it: the backstop that lets no
 * writer forget it. Unlike `untrustedMarkdown` it keeps the product's own markup (state markers, code spans,
 * links, `<details>`), so text that already went through the policy passes unchanged; what it still finds is
 * made harmless: hidden text is removed, mentions become code, images stop loading, other HTML shows as text.
 */
export function outboundMarkdown(raw: string): string {
  // Markers wait as private-use placeholders (never in \p{Cf}, so `sanitizeUntrusted` keeps them), and the input
  // loses any such character first, so no text can call a marker up twice.
  // An emoji's presentation selector (⚠️) is kept the same way: it shows, it hides nothing.
  const markers: string[] = [];
  const held = raw
    .replace(/[\uE000-\uE002]/g, '')
    .replace(PRODUCT_MARKER, (marker) => `\uE000${markers.push(marker) - 1}\uE001`)
    .replace(/(\p{Extended_Pictographic})\uFE0F/gu, '$1\uE002');
  const out = outsideFences(sanitizeUntrusted(held).split('\n'), outboundOutsideCodeSpans);
  return out.replace(/\uE000(\d+)\uE001/g, (_all, index: string) => markers[Number(index)] ?? '').replace(/\uE002/g, '\uFE0F');
}
