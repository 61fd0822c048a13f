import { describe, expect, it } from 'vitest';
import { failsForReportedReason, readBugReport } from '../../src/implement/bug-report.js';
import { splitChanges } from '../../src/implement/agent/reproduction.js';
import { bugSections } from '../../src/implement/render-bug.js';
import type { BugFixReport } from '../../src/implement/bundle/bundle-schema.js';
import { traceFixtures } from './context/trace-fixtures.js';

const fixtures = traceFixtures();
const issue = (body: string, labels: string[] = [], title = 'Checkout crashes') => ({ title, body, labels });

describe('readBugReport: which issues are bug reports and what their trace says', () => {
  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))(
    '%s: the real trace gives the error and the in-repo frames, innermost first',
    (_name, fixture) => {
      const report = readBugReport(issue(`${fixture.issue}\n\n${fixture.trace}`), Object.keys(fixture.files));
      expect(report?.because).toBe('trace');
      expect(report?.frames[0]?.path).toBe(
        { node: 'src/cart.js', python: 'shop/pricing.py', go: 'internal/cart/line.go' }[fixture.name as 'node' | 'python' | 'go'],
      );
      expect(report?.error).toEqual(
        {
          node: { type: 'TypeError', message: "Cannot read properties of null (reading 'amount')" },
          python: { type: 'ZeroDivisionError', message: 'division by zero' },
          go: { type: 'panic', message: 'runtime error: index out of range [3] with length 3' },
        }[fixture.name as 'node' | 'python' | 'go'],
      );
    },
  );

  it('a Java and a Ruby error line name the type even without a mapped frame', () => {
    const java = readBugReport(issue('java.lang.IllegalStateException: cart is closed\n\tat com.acme.cart.Cart.add(Cart.java:42)', ['bug']), [
      'src/main/java/com/acme/cart/Cart.java',
    ]);
    expect(java?.error).toEqual({ type: 'IllegalStateException', message: 'cart is closed' });
    expect(java?.frames).toEqual([{ path: 'src/main/java/com/acme/cart/Cart.java', line: 42, fn: 'Cart.add' }]);
    const ruby = readBugReport(issue("NoMethodError: undefined method `price' for nil\n  app/models/cart.rb:12:in `total'"), ['app/models/cart.rb']);
    expect(ruby?.error?.type).toBe('NoMethodError');
    expect(ruby?.frames[0]).toMatchObject({ path: 'app/models/cart.rb', line: 12 });
  });

  it('a label or a [Bug] title makes a bug report without a trace; plain feature requests are not one', () => {
    expect(readBugReport(issue('Totals are wrong for discounts', ['Bug']), ['src/cart.js'])).toEqual({ because: 'label', frames: [], outsideFrames: 0 });
    expect(readBugReport(issue('Totals are wrong', [], '[Bug] totals'), [])?.because).toBe('title');
    expect(readBugReport(issue('Add a dark mode to the receipt page', ['enhancement']), ['src/receipt.js'])).toBeNull();
  });

  it('a trace whose frames are all outside the repository is still a bug report, with no frame to fix and the outside ones counted', () => {
    const trace = 'TypeError: x is not a function\n    at run (/app/node_modules/lib/index.js:3:1)\n    at main (/app/other/elsewhere.js:9:2)';
    const report = readBugReport(issue(trace, ['bug']), ['src/cart.js']);
    expect(report?.frames).toEqual([]);
    expect(report?.outsideFrames).toBe(2);
    expect(report?.error?.type).toBe('TypeError');
  });
});

describe('failsForReportedReason: the base run must fail the way the report says', () => {
  it('a specific error type in the output is the reported failure; an assertion about something else is not', () => {
    expect(
      failsForReportedReason('name: \'TypeError\'\n error: "Cannot read properties of null"', { type: 'TypeError', message: 'Cannot read properties of null' }),
    ).toBe(true);
    expect(
      failsForReportedReason('AssertionError: expected 1 to equal 2', { type: 'TypeError', message: "Cannot read properties of null (reading 'amount')" }),
    ).toBe(false);
  });
  it('a generic type needs the start of the message; a report without an error accepts any failure', () => {
    expect(failsForReportedReason('Error: cart is closed', { type: 'Error', message: 'cart is closed for good' })).toBe(false);
    expect(failsForReportedReason('Error: cart is closed for good\n at x', { type: 'Error', message: 'cart is closed for good' })).toBe(true);
    expect(
      failsForReportedReason('panic: runtime error: index out of range [3] with length 3', {
        type: 'panic',
        message: 'runtime error: index out of range [3] with length 3',
      }),
    ).toBe(true);
    expect(failsForReportedReason('anything', undefined)).toBe(true);
  });
});

describe('splitChanges: the regression tests stay for the base run, the fix goes back', () => {
  it('test files by their role, deleted files always belong to the fix', () => {
    const { tests, fix } = splitChanges([
      { path: 'src/cart.js', action: 'modify' },
      { path: 'test/cart.test.js', action: 'create' },
      { path: 'tests/test_cart.py', action: 'modify' },
      { path: 'internal/cart/total_test.go', action: 'create' },
      { path: 'test/old.test.js', action: 'delete' },
    ]);
    expect(tests.map((file) => file.path)).toEqual(['test/cart.test.js', 'tests/test_cart.py', 'internal/cart/total_test.go']);
    expect(fix.map((file) => file.path)).toEqual(['src/cart.js', 'test/old.test.js']);
  });
});

describe('bugSections: root cause and reproduction in the PR', () => {
  const bug: BugFixReport = {
    error: 'TypeError: boom',
    frames: [],
    outsideFrames: 2,
    rootCause: 'ask @everyone <img src=x onerror=alert(1)>',
    reproduction: {
      status: 'failed-differently',
      tests: ['test/cart.test.js'],
      command: 'npm test',
      baseOutput: 'AssertionError',
      expected: 'TypeError: boom',
    },
    fixedOutput: '',
  };
  it('says when the trace has no frame in the repository, and why an unreproduced fix is a draft; model text stays data', () => {
    const text = bugSections({ bug, baseSha: 'a'.repeat(40), frames: [], changed: [{ path: 'src/new.js', isNew: true }, { path: 'src/gone.js' }] });
    expect(text).toContain("has no frame in this repository's files");
    expect(text).toContain('2 frame(s) of the trace are outside');
    expect(text).toContain('**Not reproduced**: the new test fails on the base code, but not with the reported error (`test/cart.test.js`)');
    expect(text).toContain('`src/new.js` (new file)');
    expect(text).toContain('`src/gone.js` (not found at the base commit)');
    expect(text).toContain('`@everyone`');
    expect(text).not.toMatch(/(?:^|[^`])@everyone/);
    expect(text).not.toContain('<img');
  });
});
