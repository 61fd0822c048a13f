import { describe, expect, it } from 'vitest';
import { fileRole, ROLE_WEIGHTS } from '../../../src/implement/context/file-role.js';
import { buildRepoIndex, rankFiles } from '../../../src/implement/context/index.js';

describe('fileRole', () => {
  it('tells source from tests, examples, docs, benchmarks and configuration by path', () => {
    expect(fileRole('lib/response.js')).toBe('source');
    expect(fileRole('source/core/Ky.ts')).toBe('source');
    expect(fileRole('pino.js')).toBe('source');
    expect(fileRole('test/res.send.js')).toBe('test');
    expect(fileRole('src/http/headers.test.ts')).toBe('test');
    expect(fileRole('index.test-d.ts')).toBe('test');
    expect(fileRole('index.d.ts')).toBe('declaration');
    expect(fileRole('types/pino.d.mts')).toBe('declaration');
    expect(fileRole('source/types/options.ts')).toBe('source');
    expect(fileRole('test/fixtures/pretty/null-prototype.js')).toBe('test');
    expect(fileRole('examples/auth/index.js')).toBe('example');
    expect(fileRole('benchmarks/basic.bench.js')).toBe('bench');
    expect(fileRole('docs/api.md')).toBe('docs');
    expect(fileRole('History.md')).toBe('docs');
    expect(fileRole('package.json')).toBe('config');
    expect(fileRole('.github/workflows/ci.yml')).toBe('config');
    expect(fileRole('eslint.config.js')).toBe('config');
    expect(fileRole('LICENSE')).toBe('other');
  });

  it('weighs source highest and configuration lowest', () => {
    const others = Object.entries(ROLE_WEIGHTS)
      .filter(([role]) => role !== 'source')
      .map(([, weight]) => weight);
    expect(Math.max(...others)).toBeLessThan(ROLE_WEIGHTS.source);
    expect(ROLE_WEIGHTS.config).toBe(Math.min(...Object.values(ROLE_WEIGHTS)));
  });
});

describe('the role weight in the ranking', () => {
  it('puts the source file a fix changes above a test and an example that repeat the task words', () => {
    const index = buildRepoIndex([
      { path: 'lib/redirect.js', content: 'exports.redirect = function redirect(res, url) { res.location(url); };\n' },
      { path: 'test/redirect.js', content: "const { redirect } = require('../lib/redirect');\n// redirect status redirect url redirect status\n" },
      { path: 'examples/redirect/index.js', content: '// redirect with a status: redirect url redirect status redirect\n' },
    ]);
    const ranked = rankFiles(index, 'redirect keeps the status code').map((entry) => entry.path);
    expect(ranked[0]).toBe('lib/redirect.js');
    expect(ranked.indexOf('test/redirect.js')).toBeLessThan(ranked.indexOf('examples/redirect/index.js'));
    // Content alone ranks the wordier files first: the role is what moves the source up.
    expect(rankFiles(index, 'redirect keeps the status code', 'bm25')[0]?.path).not.toBe('lib/redirect.js');
  });

  it('puts the implementation above the declaration file that mirrors it with the same words', () => {
    const index = buildRepoIndex([
      {
        path: 'index.d.ts',
        content:
          'export declare class HTTPError extends Error {\n  response: Response;\n  /** HTTPError for a non-2xx response */\n}\nexport declare function retry(): HTTPError;\n',
      },
      {
        path: 'index.js',
        content: 'export class HTTPError extends Error {\n  constructor(response) { super(response.statusText); this.response = response; }\n}\n',
      },
    ]);
    const query = 'HTTPError should expose the response for a non-2xx status';
    expect(rankFiles(index, query).map((entry) => entry.path)[0]).toBe('index.js');
    // Content alone prefers the declaration, which repeats the words in its doc comments.
    expect(rankFiles(index, query, 'bm25')[0]?.path).toBe('index.d.ts');
  });
});
