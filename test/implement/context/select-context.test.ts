import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRepoIndex, fillBudget, rankFiles, readRepoFiles, renderRepoMap, selectContext } from '../../../src/implement/context/index.js';
import { git, SAMPLE_REPO } from '../agent/workspace.js';

describe('rankFiles', () => {
  const files = [
    { path: 'src/http/headers.ts', content: "import { isObject } from '../util.js';\nexport function buildHeaders(input) { return normalize(input); }\n" },
    { path: 'src/http/headers.test.ts', content: "import { buildHeaders } from './headers.js';\ntest('x', () => buildHeaders({}));\n" },
    { path: 'src/util.ts', content: 'export function isObject(value) { return typeof value === "object"; }\n' },
    {
      path: 'src/client.ts',
      content: "import { buildHeaders } from './http/headers.js';\n// sends requests; header names header values header header\nexport class Client {}\n",
    },
    { path: 'docs/guide.md', content: 'How to use the client. Header names are case-insensitive. Header header header.\n' },
    { path: 'src/stream.ts', content: 'export class Stream { read() {} }\n' },
  ];
  const index = buildRepoIndex(files);

  it('puts the file that declares the named symbol and is named after the topic first', () => {
    const ranked = rankFiles(index, 'normalize header names in buildHeaders before appending');
    expect(ranked[0]?.path).toBe('src/http/headers.ts');
    expect(ranked.map((entry) => entry.path)).toContain('src/http/headers.test.ts');
    expect(ranked.map((entry) => entry.path)).not.toContain('src/stream.ts');
  });

  it('lifts tests and import neighbours of strong hits above what plain BM25 gives them', () => {
    const query = 'buildHeaders drops undefined entries';
    const position = (mode: 'combined' | 'bm25', path: string) => rankFiles(index, query, mode).findIndex((entry) => entry.path === path);
    const combined = rankFiles(index, query);
    const bm25 = rankFiles(index, query, 'bm25');
    expect(combined.find((entry) => entry.path === 'src/http/headers.test.ts')?.score).toBeGreaterThan(0);
    expect(position('combined', 'src/http/headers.ts')).toBe(0);
    expect(bm25.some((entry) => entry.path === 'src/util.ts')).toBe(false);
    expect(combined.some((entry) => entry.path === 'src/util.ts')).toBe(true);
  });
});

describe('fillBudget and renderRepoMap', () => {
  it('keeps files in order while they fit, passing over one that does not', () => {
    const chosen = fillBudget(
      [
        { path: 'a', score: 3, tokens: 60 },
        { path: 'b', score: 2, tokens: 80 },
        { path: 'c', score: 1, tokens: 30 },
      ],
      100,
    );
    expect(chosen.map((file) => file.path)).toEqual(['a', 'c']);
  });

  it('renders paths with symbols within the budget and says what was left out', () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ path: `src/file${i}.ts`, fileTokens: 100, symbols: [`symbol${i}`, 'other'] }));
    const map = renderRepoMap(entries, 200);
    expect(map.length).toBeLessThanOrEqual(800);
    expect(map.split('\n')[0]).toBe('src/file0.ts (~100 tokens): symbol0, other');
    expect(map).toMatch(/… \d+ more file\(s\) not shown/);
  });
});

describe('selectContext on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentic-context-'));
    await cp(SAMPLE_REPO, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('ranks the sample repository for a discount task, within budget', async () => {
    const selected = await selectContext({ repoDir: dir, query: 'applyDiscount should cap the percentage at 100', budgetTokens: 400 });
    expect(selected[0]?.path).toBe('src/discount.js');
    expect(selected.map((file) => file.path)).toContain('test/discount.test.js');
    expect(selected.reduce((sum, file) => sum + file.tokens, 0)).toBeLessThanOrEqual(400);
    expect(selected[0]?.symbols).toEqual(['applyDiscount']);
    expect(selected.every((file) => file.tokens === file.fileTokens)).toBe(true);
  });

  it('counts map lines instead of contents with cost: map, so more files fit', async () => {
    const query = 'cart discount format price';
    const content = await selectContext({ repoDir: dir, query, budgetTokens: 150 });
    const map = await selectContext({ repoDir: dir, query, budgetTokens: 150, cost: 'map' });
    expect(map.length).toBeGreaterThan(content.length);
    for (const file of map) expect(file.tokens).toBeLessThan(40);
  });

  it('respects .gitignore in a git work tree and skips lockfiles, node_modules, binaries and huge files', async () => {
    await git(dir, 'init', '--quiet');
    await writeFile(join(dir, '.gitignore'), 'secret-notes.txt\n');
    await writeFile(join(dir, 'secret-notes.txt'), 'discount');
    await writeFile(join(dir, 'package-lock.json'), '{"discount": 1}');
    await writeFile(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    await writeFile(join(dir, 'blob.dat'), Buffer.from('discount\0\0binary'));
    await writeFile(join(dir, 'huge.txt'), 'discount '.repeat(100_000));
    const paths = (await readRepoFiles(dir)).map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['src/discount.js', 'test/discount.test.js', '.gitignore']));
    for (const skipped of ['secret-notes.txt', 'package-lock.json', 'logo.png', 'blob.dat', 'huge.txt']) expect(paths).not.toContain(skipped);
  });

  it('walks a folder that is not a git work tree, without following symlinks', async () => {
    await mkdir(join(dir, 'node_modules', 'dep'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'dep', 'index.js'), 'export const discount = 1;');
    await symlink(tmpdir(), join(dir, 'outside-link'));
    const paths = (await readRepoFiles(dir)).map((file) => file.path);
    expect(paths).toEqual([
      'README.md',
      'package.json',
      'src/cart.js',
      'src/discount.js',
      'src/format.js',
      'test/cart.test.js',
      'test/discount.test.js',
      'test/format.test.js',
    ]);
  });
});
