import { describe, expect, it } from 'vitest';
import { buildRepoIndex, rankFiles } from '../../../src/implement/context/index.js';
import { mapFramePath, mapStackFrames, traceTargets } from '../../../src/implement/context/stack-trace.js';
import { traceFixtures } from './trace-fixtures.js';

const fixtures = traceFixtures();

function topFiles(files: Record<string, string>, query: string, count: number): string[] {
  const index = buildRepoIndex(Object.entries(files).map(([path, content]) => ({ path, content })));
  return rankFiles(index, query)
    .slice(0, count)
    .map((entry) => entry.path);
}

describe('stack traces from real failing runs', () => {
  it.each(fixtures)('$name: the in-repository frames map to the files, innermost first; installed and runtime frames are not targets', (fixture) => {
    const targets = traceTargets(fixture.trace, Object.keys(fixture.files));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets).toContain(fixture.mustChange);
    for (const target of targets) expect(Object.keys(fixture.files)).toContain(target);
  });

  it('node: the frame that threw comes first, the test last', () => {
    const node = fixtures.find((fixture) => fixture.name === 'node')!;
    expect(node.trace).toMatch(/TypeError/);
    expect(traceTargets(node.trace, Object.keys(node.files))).toEqual(['src/cart.js', 'src/checkout.js', 'test/checkout.test.js']);
  });

  it('python: Python prints the innermost frame last; it is still taken first', () => {
    const python = fixtures.find((fixture) => fixture.name === 'python')!;
    expect(python.trace).toMatch(/ZeroDivisionError/);
    expect(traceTargets(python.trace, Object.keys(python.files))).toEqual(['shop/pricing.py', 'shop/cart.py', 'tests/test_cart.py']);
  });

  it.each(fixtures)('$name: with the trace the file to change is in the first three; the issue text alone does not put it first', (fixture) => {
    expect(topFiles(fixture.files, `${fixture.issue}\n\n${fixture.trace}`, 3)).toContain(fixture.mustChange);
    expect(topFiles(fixture.files, fixture.issue, 1)).not.toEqual([fixture.mustChange]);
  });
});

describe('frame formats and path mapping', () => {
  it('maps a Java frame through its package and a Ruby frame by its path (the formats are read in core/stack-trace)', () => {
    const java =
      'java.lang.NullPointerException\n\tat com.acme.cart.Cart.total(Cart.java:42)\n\tat java.base/java.util.ArrayList.forEach(ArrayList.java:1596)\n';
    expect(mapStackFrames(java, ['src/main/java/com/acme/cart/Cart.java'])).toEqual([
      { language: 'java', path: 'com/acme/cart/Cart.java', line: 42, fn: 'Cart.total', file: 'src/main/java/com/acme/cart/Cart.java' },
    ]);
    const ruby = "/app/lib/cart.rb:12:in `total'\n\tfrom /usr/lib/ruby/3.2.0/json.rb:5:in 'parse'\n";
    expect(traceTargets(ruby, ['lib/cart.rb', 'lib/json.rb'])).toEqual(['lib/cart.rb']);
  });

  it('strips CI, container and bundler prefixes; never maps node_modules, site-packages or node internals', () => {
    const files = ['src/cart.ts', 'lib/util.py'];
    expect(mapFramePath('/home/runner/work/shop/shop/src/cart.ts', files)).toBe('src/cart.ts');
    expect(mapFramePath('webpack:///./src/cart.ts', files)).toBe('src/cart.ts');
    expect(mapFramePath('file:///usr/src/app/src/cart.ts', files)).toBe('src/cart.ts');
    expect(mapFramePath('/srv/app/node_modules/lib/src/cart.ts', files)).toBeNull();
    expect(mapFramePath('/usr/lib/python3.11/site-packages/lib/util.py', files)).toBeNull();
    expect(mapFramePath('node:internal/modules/run_main', files)).toBeNull();
    // A frame's file name alone does not match a repository path with more folders than the frame has.
    expect(mapFramePath('cart.ts', files)).toBeNull();
  });

  it('a trace that names no repository file leaves the ranking as it was', () => {
    const files = { 'src/cart.js': 'export function total() {}\n', 'src/tax.js': 'export const tax = 1;\n' };
    const index = buildRepoIndex(Object.entries(files).map(([path, content]) => ({ path, content })));
    const withForeign = rankFiles(index, 'total is wrong\n    at total (/other/project/lib/thing.js:3:9)');
    expect(withForeign.map((entry) => entry.path)).toEqual(rankFiles(index, 'total is wrong at total').map((entry) => entry.path));
  });
});
