import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  escapedLine,
  inlineCode,
  neutraliseMentions,
  oneLine,
  quoteBlock,
  untrustedLine,
  untrustedMarkdown,
} from '../../src/core/untrusted-markdown.js';
import type { ImplementationPlan } from '../../src/implement/plan-schema.js';
import { prBody, specBody } from '../../src/implement/render.js';
import { PLAN } from '../implement/scenario.js';

/** A mention GitHub would notify: `@name` at the start or after a non-word character, outside a code span. */
const LIVE_MENTION = /(^|[^\w`])@[A-Za-z0-9]/m;
/** A remote image GitHub would load. */
const IMAGE = /!\[[^\]]*\]\(/;

describe('the untrusted-Markdown policy, rule by rule', () => {
  it('1. drops hidden text: HTML comments, zero-width and bidi characters', () => {
    expect(untrustedMarkdown('a<!-- agentic-workflow:state {"v":1} -->b\u200Bc\u202Ed\u2066e')).toBe('abcde');
    expect(untrustedMarkdown('x<!\u200B-- hidden -->y')).toBe('xy');
  });

  it('2. writes mentions of people and teams as code, which GitHub shows and never notifies', () => {
    expect(untrustedMarkdown('ping @alice and @acme/security.')).toBe('ping `@alice` and `@acme/security`.');
    expect(untrustedMarkdown('(@bob) *@carol*')).toBe('(`@bob`) *`@carol`*');
    // GitHub decodes entities before it looks for mentions.
    expect(untrustedMarkdown('&#64;dave &#x40;erin &commat;frank')).toBe('`@dave` `@erin` `@frank`');
    // An address is not a mention and stays readable.
    expect(untrustedMarkdown('mail a@b.c')).toBe('mail a@b.c');
    // A stray backtick cannot pair with the code span a mention becomes.
    const stray = untrustedMarkdown('a ` @gina');
    expect(stray).toBe('a \\` `@gina`');
    expect(neutraliseMentions('@x')).toBe('`@x`');
    // Backticks that open no code span (part of a longer run, or escaped) do not shelter a mention.
    expect(untrustedMarkdown('``@hana` \\`@ivan`')).not.toMatch(/(^|[^\w`])@[a-z]/);
    expect(untrustedMarkdown('``@hana` \\`@ivan`')).toContain('`@hana`');
  });

  it('2. escapes a line that would read as a slash command', () => {
    expect(untrustedMarkdown('/approve\n  /reject now')).toBe('\\/approve\n  \\/reject now');
  });

  it('3. shows a remote image as text with its URL, so nothing loads', () => {
    expect(untrustedMarkdown('![x](https://evil/img.png)')).toBe('x (image: https://evil/img.png)');
    expect(untrustedMarkdown('![](https://evil/p.png "t")')).toBe('image (image: https://evil/p.png)');
    const byReference = untrustedMarkdown('![x][p]\n\n[p]: https://evil/p.png');
    expect(byReference).not.toMatch(IMAGE);
    expect(byReference).not.toMatch(/^\[p\]:/m);
    expect(untrustedMarkdown('![x] (https://evil/p.png)')).toBe('\\![x] (https://evil/p.png)');
  });

  it('4. escapes raw HTML so tags show as text', () => {
    expect(untrustedMarkdown('<img src=x onerror=alert(1)> <details open>')).toBe('&lt;img src=x onerror=alert(1)> &lt;details open>');
    expect(untrustedMarkdown('a < b')).toBe('a < b');
  });

  it('5. shows the URL of every link', () => {
    expect(untrustedMarkdown('[the docs](https://evil.example/phish)')).toBe('the docs (https://evil.example/phish)');
    expect(untrustedMarkdown('[https://a.example](https://a.example)')).toBe('https://a.example');
  });

  it('leaves code spans and fenced code as written', () => {
    expect(untrustedMarkdown('use `@Injectable()` and `<div>`')).toBe('use `@Injectable()` and `<div>`');
    const fenced = "```ts\n@Component\nconst a = '<b>'; // ![x](y)\n```\nthen @alice";
    expect(untrustedMarkdown(fenced)).toBe("```ts\n@Component\nconst a = '<b>'; // ![x](y)\n```\nthen `@alice`");
  });

  it('a one-line form treats a leading fence as text, since it opens no block after a list marker', () => {
    expect(untrustedLine('```\n@alice ![x](https://evil/p.png)')).toBe('\\`\\`\\` `@alice` x (image: https://evil/p.png)');
    expect(untrustedLine('a\nb', 300)).toBe('a b');
  });

  it('the escaped form, the quote, code spans, code blocks and plain lines follow the same rules', () => {
    expect(escapedLine('@alice ![p](https://e/p.png) <b>')).toBe('`@alice` \\!\\[p\\]\\(https://e/p.png\\) &lt;b&gt;');
    expect(quoteBlock('@bob\n\n<b>hi</b>')).toBe('> `@bob`\n>\n> &lt;b>hi&lt;/b>');
    expect(inlineCode('@scope/pkg`<x>')).toBe('`@scope/pkgx`');
    expect(codeBlock('a ``` b <!-- hidden -->')).toBe('````\na ``` b \n````');
    expect(oneLine('feat:\n@alice <!-- x -->done')).toBe('feat: @alice done');
  });
});

describe('what implement writes from an issue', () => {
  const issueBody = 'Please fix this, @someone asked.\n\n![x](https://evil/img.png)\n\n<img src="https://evil/p.gif">';
  const plan: ImplementationPlan = {
    ...(PLAN as ImplementationPlan),
    problem: `The issue says: ${issueBody}`,
    steps: ['Thank @someone for ![x](https://evil/img.png)'],
  };

  it('a PR body built from an issue with a mention and a remote image has neither', () => {
    const body = prBody({
      issueNumber: 9,
      plan,
      planNotes: ['@someone wanted it'],
      summary: `Implemented what @someone asked: ![x](https://evil/img.png)`,
      files: [{ path: 'src/@someone.js', action: 'modify' }],
      test: { command: 'npm test', ran: true, passed: true, iterations: 1, output: '@someone ![x](https://evil/img.png)' },
      refusals: [{ tool: 'edit_file', path: '.github/workflows/x.yml', reason: 'protected, says @someone' }],
      cost: { costUsd: 0.01, inputTokens: 1, outputTokens: 1, calls: 1 },
      marker: { v: 1, issue: 9, costUsd: 0.01, openedAt: '2025-01-01T00:00:00Z' },
    });
    // Test output is fenced and paths are code spans (nothing in code is live); elsewhere no live mention or image.
    const outsideCode = body.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]+`/g, '');
    expect(outsideCode).not.toMatch(LIVE_MENTION);
    expect(outsideCode).not.toMatch(IMAGE);
    expect(outsideCode).not.toContain('<img');
    expect(body).toContain('`@someone`');
    expect(body).toContain('x (image: https://evil/img.png)');
  });

  it('the SPEC on the issue has neither either', () => {
    const body = specBody(plan, []);
    expect(body).not.toMatch(LIVE_MENTION);
    expect(body).not.toMatch(IMAGE);
  });
});
