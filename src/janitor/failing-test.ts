/**
 * Pure: the first failing test a test run names, for the line that explains why an update was reverted.
 * Reads node:test (TAP and spec reporters), vitest, jest, mocha, pytest, unittest and go test output.
 */
import { stripAnsi } from '../implement/test-runner/index.js';

const PATTERNS: ReadonlyArray<{ pattern: RegExp; name: (match: RegExpExecArray) => string }> = [
  // node:test TAP prints a failing subtest before its parent, so the first `not ok` is the innermost.
  { pattern: /^\s*not ok \d+ - (.+?)(?:\s+#\s.*)?$/, name: (m) => m[1] ?? '' },
  // node:test spec reporter and mocha's `✖`/`×` lines (with the duration node prints).
  { pattern: /^\s*[✖×✗] (.+?)(?: \(\d+(?:\.\d+)?m?s\))?$/, name: (m) => m[1] ?? '' },
  { pattern: /^\s*FAIL\s+(\S+)\s+>\s+(.+?)\s*$/, name: (m) => `${m[1]} > ${m[2]}` },
  { pattern: /^\s*● (.+? › .+?)\s*$/, name: (m) => m[1] ?? '' },
  { pattern: /^FAILED (\S+?::\S+)/, name: (m) => m[1] ?? '' },
  { pattern: /^\s*--- FAIL: (\S+) \(/, name: (m) => m[1] ?? '' },
  // unittest: `FAIL: test_greets (test_shop.ShopTest)` (3.11 and older) or `(test_shop.ShopTest.test_greets)`.
  { pattern: /^(?:FAIL|ERROR): (\w+) \(([\w.]+?)(?:\.\1)?\)/, name: (m) => `${m[2]}.${m[1]}` },
  { pattern: /^\s+\d+\) (.+)$/, name: (m) => m[1] ?? '' },
];

export function firstFailingTest(output: string): string | undefined {
  for (const line of stripAnsi(output).split('\n')) {
    for (const { pattern, name } of PATTERNS) {
      const match = pattern.exec(line.replace(/\r$/, ''));
      const found = match ? name(match).trim() : '';
      // `not ok 1 - tests/x.test.js` names the file node ran; its subtest came first when there was one.
      if (found) return found.slice(0, 200);
    }
  }
  return undefined;
}
