import { describe, expect, it } from 'vitest';
import { searchWithTimeout } from '../../../src/implement/agent/regex-search.js';

describe('searchWithTimeout', () => {
  const files = [
    { path: 'src/a.js', content: 'const total = 1;\nexport function total2() {}\n' },
    { path: 'src/b.js', content: `${'a'.repeat(40)}\n` },
  ];

  it('returns path:line: text for matching lines', async () => {
    expect(await searchWithTimeout({ files, pattern: 'total\\d?', maxMatches: 10, maxLineChars: 300 }, 5_000)).toEqual({
      ok: true,
      matches: ['src/a.js:1: const total = 1;', 'src/a.js:2: export function total2() {}'],
    });
  });

  it('stops at maxMatches', async () => {
    const outcome = await searchWithTimeout({ files, pattern: '.', maxMatches: 1, maxLineChars: 300 }, 5_000);
    expect(outcome).toEqual({ ok: true, matches: ['src/a.js:1: const total = 1;'] });
  });

  it('stops a catastrophically backtracking pattern instead of hanging the run', async () => {
    const outcome = await searchWithTimeout({ files, pattern: '(a|a)*b', maxMatches: 10, maxLineChars: 300 }, 300);
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/took longer than/) });
  });

  it('explains an invalid pattern', async () => {
    expect(await searchWithTimeout({ files, pattern: '(unclosed', maxMatches: 10, maxLineChars: 300 }, 1_000)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a valid regular expression/),
    });
  });
});
