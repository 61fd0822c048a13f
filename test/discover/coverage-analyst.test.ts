import { describe, expect, it } from 'vitest';
import { detectCoverageCommand } from '../../src/discover/coverage/detect.js';
import { coverageCandidates, rankByRisk, riskOf, type FileRisk } from '../../src/discover/coverage/findings.js';
import { functionsFromSource, uncoveredFunctions } from '../../src/discover/coverage/functions.js';
import { indexRepoFiles, isProductFile } from '../../src/discover/coverage/locate.js';
import { fixture } from './harness.js';

const repo = (files: Record<string, string>) => (path: string) => files[path];

describe('coverage command detection', () => {
  it('uses the tool the repository already has, in a format the analyst reads', () => {
    const pkg = (deps: Record<string, string>, test = 'node --test') => repo({ 'package.json': JSON.stringify({ scripts: { test }, devDependencies: deps }) });
    expect(detectCoverageCommand(pkg({ vitest: '^3', '@vitest/coverage-v8': '^3' })).found?.command).toBe(
      'npx --no-install vitest run --coverage --coverage.reporter=lcov',
    );
    expect(detectCoverageCommand(pkg({ jest: '^29' })).found?.command).toBe('npx --no-install jest --coverage --coverageReporters=lcov');
    expect(detectCoverageCommand(pkg({ c8: '^10' }, 'mocha')).found?.command).toBe('npx --no-install c8 --reporter=lcov npm test');
    expect(detectCoverageCommand(pkg({ nyc: '^17' }, 'mocha')).found?.command).toBe('npx --no-install nyc --reporter=lcov npm test');
    expect(detectCoverageCommand(pkg({})).found?.tool).toBe("node's test runner (node --test)");
    // vitest without a provider cannot write coverage: it is named among what was tried.
    const bare = detectCoverageCommand(pkg({ vitest: '^3' }, 'vitest run'));
    expect(bare.found).toBeUndefined();
    expect(bare.tried[0]).toBe('vitest: in package.json, but neither @vitest/coverage-v8 nor @vitest/coverage-istanbul is');
  });

  it('Python: pytest-cov before coverage.py; Go: go test; the configured command wins', () => {
    expect(detectCoverageCommand(repo({ 'pyproject.toml': '[project.optional-dependencies]\ntest = ["pytest", "pytest-cov>=4"]\n' })).found).toMatchObject({
      command: 'python3 -m pytest --cov=. --cov-report=xml:coverage.xml',
      format: 'cobertura',
    });
    expect(detectCoverageCommand(repo({ 'requirements-dev.txt': 'pytest==8.0\ncoverage==7.4\n' })).found?.command).toBe(
      'python3 -m coverage run --source=. -m pytest; python3 -m coverage xml -o coverage.xml',
    );
    expect(detectCoverageCommand(repo({ 'requirements.txt': 'flask\n' })).found).toBeUndefined();
    expect(detectCoverageCommand(repo({ 'go.mod': 'module x\n' })).found).toMatchObject({ report: 'coverage.out', format: 'go' });
    expect(detectCoverageCommand(repo({ 'go.mod': 'module x\n' }), { command: 'make cover', report: 'out/cobertura.xml' }).found).toEqual({
      command: 'make cover',
      report: 'out/cobertura.xml',
      format: 'cobertura',
      tool: 'the configured coverage-command',
    });
  });
});

describe('report paths and functions', () => {
  it('matches absolute, relative and Go import paths to the repository file they name', () => {
    const index = indexRepoFiles(['src/cart.js', 'lib/cart.js', 'cart/cart.go', 'shop/cart.py']);
    expect(index.locate('/tmp/sandbox/work/src/cart.js')).toBe('src/cart.js');
    expect(index.locate('example.com/shop/cart/cart.go')).toBe('cart/cart.go');
    expect(index.locate('cart.py', ['/tmp/sandbox/work/shop'])).toBe('shop/cart.py');
    // Two repository files could be meant: none is guessed.
    expect(index.locate('cart.js')).toBeUndefined();
    expect(index.locate('/usr/lib/python3/site.py')).toBeUndefined();
    expect(isProductFile('src/cart.test.js')).toBe(false);
    expect(isProductFile('cart/cart_test.go')).toBe(false);
    expect(isProductFile('tests/test_cart.py')).toBe(false);
    expect(isProductFile('src/cart.js')).toBe(true);
  });

  it('finds functions in Go and Python source and groups uncovered ranges by function', () => {
    const go = functionsFromSource('cart/cart.go', fixture('coverage/cart.go'));
    expect(go).toEqual([
      { name: 'LineTotal', line: 6 },
      { name: 'ApplyDiscount', line: 14 },
    ]);
    expect(functionsFromSource('cart.py', fixture('coverage/cart.py')).map((fn) => fn.name)).toEqual(['line_total', 'apply_discount', 'format_total']);
    // Go's profile for cart.go: lines 8–9 of LineTotal and 18–24 of ApplyDiscount never ran.
    const hits = new Map([6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24].map((line) => [line, [8, 9, 18, 19, 20, 21, 22, 24].includes(line) ? 0 : 1]));
    expect(uncoveredFunctions(hits, go)).toEqual([
      { name: 'LineTotal', ranges: [[8, 9]], neverCalled: false },
      { name: 'ApplyDiscount', ranges: [[18, 24]], neverCalled: false },
    ]);
    // A module no test imports: the run of uncovered lines is split where the function starts.
    const module = new Map([1, 4, 5, 6].map((line) => [line, 0]));
    expect(uncoveredFunctions(module, [{ name: 'checkout', line: 4 }])).toEqual([
      { name: null, ranges: [[1, 1]], neverCalled: false },
      { name: 'checkout', ranges: [[4, 6]], neverCalled: false },
    ]);
  });
});

describe('risk ranking', () => {
  const file = (path: string, uncovered: number, churn: number, importers: number): FileRisk => ({
    path,
    executable: 20,
    uncovered,
    churn,
    importers: Array.from({ length: importers }, (_, n) => `src/user-${n}.js`),
    functions: [{ name: 'f', ranges: [[1, uncovered]], neverCalled: false }],
  });

  it('uncovered lines × (1 + churn) × (1 + fan-in): a small hot shared file outranks a large cold one', () => {
    const cold = file('src/legacy.js', 40, 0, 0);
    const hot = file('src/money.js', 6, 4, 3);
    expect(riskOf(cold)).toBe(40);
    expect(riskOf(hot)).toBe(120);
    expect(rankByRisk([cold, hot, file('src/done.js', 0, 9, 9)]).map((f) => f.path)).toEqual(['src/money.js', 'src/legacy.js']);
    const [first] = coverageCandidates([cold, hot], { command: 'npm test', tool: 'c8', churnDays: 90 });
    expect(first).toMatchObject({ analyst: 'coverage', category: 'tests', value: 120, severity: 'medium', file: 'src/money.js' });
    // The same file keeps its fingerprint when its lines move.
    expect(coverageCandidates([file('src/money.js', 2, 0, 0)], { command: 'x', tool: 'y', churnDays: 90 })[0]?.fingerprint).toBe(first?.fingerprint);
  });
});
