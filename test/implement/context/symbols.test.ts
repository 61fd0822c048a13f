import { describe, expect, it } from 'vitest';
import { buildImportGraph, neighbours } from '../../../src/implement/context/import-graph.js';
import { outlineFile } from '../../../src/implement/context/symbols.js';
import { isTestPath, linkTestsToSources } from '../../../src/implement/context/test-links.js';
import { identifiersIn, splitIdentifier, terms } from '../../../src/implement/context/tokenize.js';

describe('tokenize', () => {
  it('splits camel, snake and kebab case and drops keywords', () => {
    expect(splitIdentifier('parseHTTPResponse2')).toEqual(['parse', 'http', 'response', '2']);
    expect(splitIdentifier('snake_case-name')).toEqual(['snake', 'case', 'name']);
    expect(terms('export const normalizeHeaders = (headers) => headers;')).toEqual(['normalize', 'header', 'header', 'header']);
  });

  it('finds identifiers written in a task', () => {
    expect([...identifiersIn('Fix `retry` in parseHeaders and max_retries; plain words stay out')].sort()).toEqual(['max_retries', 'parseheaders', 'retry']);
  });

  it('takes the member of a dotted call as an identifier, not file names or abbreviations', () => {
    expect([...identifiersIn('fix(res.send): keep Content-Length; app.use() takes arrays; see index.js, e.g. here')].sort()).toEqual(['send', 'use']);
  });
});

describe('outlineFile', () => {
  it('takes methods attached at the top level as members, not the object they are attached to', () => {
    const outline = outlineFile(
      'lib/response.js',
      [
        'var res = Object.create(http.ServerResponse.prototype);',
        'res.send = function send(body) {};',
        'Router.prototype.use = (fn) => fn;',
        'proto.flush = async function (cb) {};',
        'module.exports.helper = function () {};',
        'res.count = 3;',
      ].join('\n'),
    );
    expect(outline.members).toEqual(expect.arrayContaining(['send', 'use', 'flush']));
    expect(outline.members).not.toContain('count');
    expect(outline.members).not.toContain('res');
  });

  it('extracts exported and top-level JS/TS declarations, members and imports', () => {
    const outline = outlineFile(
      'src/a.ts',
      [
        "import { x } from './x.js';",
        "import type { Y } from '../y';",
        "export * from './z.js';",
        "const fs = require('node:fs');",
        'export async function loadConfig() {}',
        'export class Cart {',
        '  addItem(item: Item): void {',
        '  }',
        '}',
        'export const TAX_RATE = 0.2;',
        'export interface Item { price: number }',
        'function helper() {}',
        'export { helper as publicHelper };',
      ].join('\n'),
    );
    expect(outline.language).toBe('js');
    expect(outline.symbols).toEqual(expect.arrayContaining(['loadConfig', 'Cart', 'TAX_RATE', 'Item', 'helper', 'publicHelper']));
    expect(outline.members).toContain('addItem');
    expect(outline.imports).toEqual(expect.arrayContaining(['./x.js', '../y', './z.js', 'node:fs']));
  });

  it('extracts Python defs/classes and Go funcs/types', () => {
    const python = outlineFile(
      'pkg/cart.py',
      'from .util import total\nimport os, sys as system\n\nclass Cart:\n    def add(self):\n        pass\n\ndef checkout():\n    pass\nMAX_ITEMS = 3\n',
    );
    expect(python.symbols).toEqual(['checkout', 'Cart', 'MAX_ITEMS']);
    expect(python.members).toEqual(['add']);
    expect(python.imports).toEqual(['.util', 'os', 'sys']);
    const go = outlineFile(
      'cart/cart.go',
      'package cart\n\nimport (\n\t"fmt"\n\t"example.com/shop/money"\n)\n\ntype Cart struct{}\n\nfunc (c *Cart) Add() {}\nfunc New() *Cart { return nil }\n',
    );
    expect(go.symbols).toEqual(['Add', 'New', 'Cart']);
    expect(go.imports).toEqual(['fmt', 'example.com/shop/money']);
  });

  it('knows nothing about unknown languages', () => {
    expect(outlineFile('README.md', '# export function x() {}')).toEqual({ language: 'other', symbols: [], members: [], imports: [] });
  });
});

describe('import graph', () => {
  it('resolves relative JS imports (NodeNext .js → .ts, index files) and Python packages', () => {
    const graph = buildImportGraph([
      { path: 'src/a.ts', language: 'js', imports: ['./b.js', './lib', 'zod'] },
      { path: 'src/b.ts', language: 'js', imports: [] },
      { path: 'src/lib/index.ts', language: 'js', imports: [] },
      { path: 'app/main.py', language: 'python', imports: ['app.models', '.util'] },
      { path: 'app/models/__init__.py', language: 'python', imports: [] },
      { path: 'app/util.py', language: 'python', imports: [] },
    ]);
    expect([...(graph.imports.get('src/a.ts') ?? [])].sort()).toEqual(['src/b.ts', 'src/lib/index.ts']);
    expect([...neighbours(graph, 'src/b.ts')]).toEqual(['src/a.ts']);
    expect([...(graph.imports.get('app/main.py') ?? [])].sort()).toEqual(['app/models/__init__.py', 'app/util.py']);
  });
});

describe('test links', () => {
  it('pairs tests with their sources across conventions', () => {
    expect(isTestPath('src/cart.test.ts')).toBe(true);
    expect(isTestPath('tests/test_cart.py')).toBe(true);
    expect(isTestPath('src/cart.ts')).toBe(false);
    const links = linkTestsToSources([
      'src/cart.ts',
      'src/cart.test.ts',
      'pkg/cart.py',
      'tests/test_cart.py',
      'money/money.go',
      'money/money_test.go',
      'lib/other/cart.ts',
    ]);
    expect([...(links.get('src/cart.test.ts') ?? [])]).toEqual(['src/cart.ts']);
    expect([...(links.get('tests/test_cart.py') ?? [])]).toEqual(['pkg/cart.py']);
    expect([...(links.get('money/money.go') ?? [])]).toEqual(['money/money_test.go']);
  });
});

describe('outlineFile on hostile input', () => {
  // A super-linear pattern would hang here until the test times out; the time is measured in bench/hostile-input.bench.ts.
  it('finishes on a huge generated line', () => {
    const line = `  run(${'a'.repeat(200_000)};x`;
    expect(outlineFile('dist/bundle.js', `${line}\n${'  x('.repeat(50_000)}\n`)).toMatchObject({ symbols: [], members: [], imports: [] });
    expect(outlineFile('gen.py', `    def ${'a'.repeat(100_000)}\n${' '.repeat(100_000)}x`)).toMatchObject({ symbols: [], imports: [] });
  });
});
