import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSnippets, isDocsFile, snippetCommand, type Snippet } from '../../src/discover/docs-drift/snippets.js';
import { entryPoints, mentioned, publicSurface } from '../../src/discover/docs-drift/surface.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'discover', 'docs-repo');
/** Version 2 of the fixture is version 1 with its changed files on top. */
const repo = (paths: string[]) =>
  new Map(paths.map((path) => [path, readFileSync(existsSync(join(FIXTURE, 'v2', path)) ? join(FIXTURE, 'v2', path) : join(FIXTURE, 'v1', path), 'utf8')]));

describe('public surface', () => {
  it('reads exports of the entry points, flags, schema keys and OpenAPI operations', () => {
    const files = repo(['package.json', 'src/index.js', 'src/cli.js', 'config.schema.json', 'openapi.yaml']);
    const names = publicSurface(files).map((item) => `${item.kind} ${item.name}`);
    expect(names).toEqual([
      'export createClient',
      'export listOrders',
      'export cancelOrder',
      'cli-flag --json',
      'cli-flag --limit',
      'cli-flag --since',
      'config-key baseUrl',
      'config-key timeoutMs',
      'config-key retries',
      'http-operation GET /orders',
      'http-operation GET /orders/{id}',
      'http-operation POST /orders/{id}/cancel',
    ]);
  });

  it('maps built entry points back to their source, and reads commander, argparse, Go flags, zod and GraphQL', () => {
    const files = new Map([
      ['package.json', JSON.stringify({ main: './dist/index.js', exports: { '.': { import: './dist/index.js', types: './dist/index.d.ts' } } })],
      ['src/index.ts', 'export const version = 1;\nexport { parse as parseConfig } from "./config.js";\n'],
      ['src/cli.ts', "program.option('-o, --output <file>', 'where').requiredOption('--token <t>');\n"],
      ['tool/main.py', "parser.add_argument('-v', '--verbose', action='store_true')\n"],
      ['cmd/main.go', 'var port = flag.Int("port", 8080, "port to listen on")\n'],
      ['src/config-schema.ts', 'export const schema = z.object({\n  retries: z.number(),\n  "base-url": z.string(),\n});\n'],
      ['schema.graphql', 'type Query {\n  orders(first: Int): [Order]\n  order(id: ID!): Order\n}\n'],
    ]);
    expect(entryPoints(files)).toEqual(['src/index.ts']);
    const names = publicSurface(files).map((item) => item.name);
    expect(names).toEqual(
      expect.arrayContaining(['version', '--output', '--token', '--verbose', '-port', 'retries', 'base-url', 'Query.orders', 'Query.order']),
    );
  });

  it('a mention is a whole word: --since is not mentioned by --since-date, retries not by maxRetries', () => {
    const item = (name: string) => ({ kind: 'cli-flag' as const, name, mention: name, file: 'x' });
    expect(mentioned('use `--since-date`', item('--since'))).toBe(false);
    expect(mentioned('use `--since 2d`', item('--since'))).toBe(true);
    expect(mentioned('maxRetries: 3', item('retries'))).toBe(false);
    expect(mentioned('GET /orders/{id}/cancel', item('/orders/{id}/cancel'))).toBe(true);
  });
});

describe('code blocks', () => {
  it('extracts runnable blocks with their line, honours no-run and docs: skip, and runs a console session by its commands', () => {
    const snippets = extractSnippets('README.md', readFileSync(join(FIXTURE, 'v1', 'README.md'), 'utf8'));
    expect(snippets.map((s) => `${s.language}@${s.line}`)).toEqual(['js@7', 'js@16', 'sh@26', 'python@37']);
    const [js, , session] = snippets as [Snippet, Snippet, Snippet];
    expect(snippetCommand(session)).toBe(`sh -ec 'node src/cli.js --json --limit 2'`);
    expect(snippetCommand(js)).toMatch(/^node --input-type=module -e '/);
    expect(snippetCommand({ file: 'a.md', line: 1, language: 'python', code: "print('it''s')" })).toBe(`python3 -c 'print('\\''it'\\'''\\''s'\\'')'`);
    expect(extractSnippets('a.md', '<!-- docs: skip -->\n```sh\nrm -rf /\n```\n')).toEqual([]);
    expect(isDocsFile('README.md')).toBe(true);
    expect(isDocsFile('docs/guide/setup.md')).toBe(true);
    expect(isDocsFile('CHANGELOG.md')).toBe(false);
    expect(isDocsFile('src/notes.md')).toBe(false);
  });
});
