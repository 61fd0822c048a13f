import { describe, expect, it } from 'vitest';
import { escapedLine as inlineText, quoteBlock } from '../../src/core/untrusted-markdown.js';

describe('inlineText (titles in the report)', () => {
  it('shows an image as text, so nothing loads', () => {
    const text = inlineText('See ![pixel](https://evil.example/p.png)');
    expect(text).toBe('See \\!\\[pixel\\]\\(https://evil.example/p.png\\)');
  });

  it('escapes raw HTML and drops HTML comments and invisible characters', () => {
    expect(inlineText('<img src=x onerror=alert(1)> a<!-- hidden -->b\u200Bc')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt; abc');
  });

  it('neutralises mentions of people and teams', () => {
    const text = inlineText('ping @alice and @acme/security, mail a@b.c');
    expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z]/);
    expect(text).toContain('`@alice`');
    expect(text).toContain('`@acme/security`');
  });

  it('stays inside its table cell: pipes escaped, lines joined, length capped', () => {
    const text = inlineText(`a | b\nc ${'x'.repeat(300)}`);
    expect(text.startsWith('a \\| b c ')).toBe(true);
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThanOrEqual(121);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('quoteBlock (a rejection reason)', () => {
  it('quotes every line and keeps Markdown but not images, HTML or mentions', () => {
    expect(quoteBlock('Not now, @bob.\n\n![x](https://t/p.png) <script>x</script> **later**')).toBe(
      '> Not now, `@bob`.\n>\n> x (image: https://t/p.png) &lt;script>x&lt;/script> **later**',
    );
  });
});
