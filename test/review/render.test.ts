import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';
import type { ReviewedFinding } from '../../src/review/findings.js';
import { inlineCommentBody, suggestionBody, suggestionTitle } from '../../src/review/render-comments.js';
import { codeBlock, safeProse } from '../../src/review/render-text.js';

const PROFILE = { name: 'cto-review' as const, title: 'CTO review', issueTitlePrefix: '[CTO Suggestion]' };

function finding(overrides: Partial<ReviewedFinding> = {}): ReviewedFinding {
  return {
    origin: 'model',
    file: 'src/a.ts',
    line: 3,
    severity: 'high',
    category: 'testing',
    title: 'No test',
    body: 'Add one.',
    fingerprint: 'fp1',
    location: 'loc1',
    placement: 'inline',
    repaired: false,
    suggestionApplies: false,
    ...overrides,
  };
}

describe('what the reviewer posts', () => {
  it('does not ping people or issue commands with model-written prose', () => {
    const prose = safeProse('Ask @octocat or @acme/security.\n/approve high\n  /reject now\nmail me at a@b.c');
    expect(prose).toBe('Ask `@octocat` or `@acme/security`.\n\\/approve high\n  \\/reject now\nmail me at a@b.c');
    expect(parseCommand(prose)).toBeNull();
    const code = 'Use a decorator:\n```ts\n@Injectable()\n/regex/.test(x)\n```\nthen ask @octocat';
    expect(safeProse(code)).toBe('Use a decorator:\n```ts\n@Injectable()\n/regex/.test(x)\n```\nthen ask `@octocat`');
  });

  it('fences code so that no backtick run inside can close the block', () => {
    expect(codeBlock('a ``` b', 'suggestion')).toBe('````suggestion\na ``` b\n````');
  });

  it('writes a suggestion block only for a replacement that applies exactly, and marks the comment with its fingerprint', () => {
    const applies = inlineCommentBody(PROFILE, finding({ suggestion: 'const x = 1;', suggestionApplies: true }));
    expect(applies).toContain('```suggestion\nconst x = 1;\n```');
    expect(applies).toContain('<!-- agentic-workflow:review-finding {"reviewer":"cto-review","fp":"fp1","v":1} -->');
    const loose = inlineCommentBody(PROFILE, finding({ suggestion: 'const x = 1;', suggestionApplies: false }));
    expect(loose).not.toContain('```suggestion');
    expect(loose).toContain('Possible replacement');
  });

  it('titles suggestion issues with the prefix and links the finding at the head', () => {
    expect(suggestionTitle(PROFILE, finding())).toBe('[CTO Suggestion] No test');
    const body = suggestionBody(PROFILE, finding({ startLine: 2 }), {
      repo: { owner: 'acme', repo: 'widgets' },
      serverUrl: 'https://github.com',
      pullNumber: 12,
      headSha: 'abcdef0123',
    });
    expect(body).toContain('CTO review found this in #12 at `abcdef0`: [`src/a.ts:2-3`](https://github.com/acme/widgets/blob/abcdef0123/src/a.ts#L2-L3).');
    expect(body).toContain('`/reject <reason>`');
  });
});
