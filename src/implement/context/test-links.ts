/**
 * Test ↔ source pairing by naming convention: a fix to `foo.ts` usually touches `foo.test.ts`, and a failing
 * `tests/test_foo.py` points at `foo.py`.
 */
import { posix } from 'node:path';

const JS_TEST = /^(.*?)\.(?:test|spec)\.([cm]?[jt]sx?)$/;
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);

/** Pure: whether a path is a test file by the common conventions. */
export function isTestPath(path: string): boolean {
  const name = posix.basename(path);
  return (
    JS_TEST.test(name) ||
    /^test_.*\.py$/.test(name) ||
    /_test\.py$/.test(name) ||
    /_test\.go$/.test(name) ||
    /(?:Test|Tests|Spec)\.(?:java|kt|cs|scala)$/.test(name) ||
    path
      .split('/')
      .slice(0, -1)
      .some((part) => TEST_DIRS.has(part))
  );
}

/** The name a test's subject would have: `foo.test.ts` → `foo`, `test_foo.py` → `foo`, `FooTest.java` → `Foo`. */
function subjectStem(name: string): string | undefined {
  const js = JS_TEST.exec(name);
  if (js) return js[1];
  const python = /^test_(.+)\.py$/.exec(name) ?? /^(.+)_test\.py$/.exec(name);
  if (python) return python[1];
  const go = /^(.+)_test\.go$/.exec(name);
  if (go) return go[1];
  const jvm = /^(.+?)(?:Test|Tests|Spec)\.(?:java|kt|cs|scala)$/.exec(name);
  return jvm?.[1];
}

/** Tests pair only with sources of the same language family (`cart.test.ts` never with `cart.py`). */
function family(path: string): string {
  const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (/^[cm]?[jt]sx?$/.test(extension)) return 'js';
  if (['java', 'kt', 'scala'].includes(extension)) return 'jvm';
  return extension;
}

function stemOf(path: string): string {
  return posix.basename(path).replace(/\.[^.]+$/, '');
}

/**
 * Pure: pairs of (test, source) among `paths`. A test pairs with the non-test file of the same stem, preferring
 * the one in the same directory, then the one whose directory shares the most trailing components.
 */
export function linkTestsToSources(paths: readonly string[]): Map<string, Set<string>> {
  const sourcesByStem = new Map<string, string[]>();
  for (const path of paths) {
    if (isTestPath(path)) continue;
    const stem = stemOf(path).toLowerCase();
    sourcesByStem.set(stem, [...(sourcesByStem.get(stem) ?? []), path]);
  }
  const links = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    if (!links.has(a)) links.set(a, new Set());
    links.get(a)?.add(b);
  };
  for (const path of paths) {
    const name = posix.basename(path);
    const subject = subjectStem(name) ?? (isTestPath(path) ? stemOf(path) : undefined);
    if (!subject) continue;
    const candidates = (sourcesByStem.get(subject.toLowerCase()) ?? []).filter((source) => family(source) === family(path));
    if (candidates.length === 0) continue;
    const testDir = posix
      .dirname(path)
      .split('/')
      .filter((part) => !TEST_DIRS.has(part));
    const affinity = (source: string) => {
      const dir = posix.dirname(source).split('/');
      let shared = 0;
      while (shared < dir.length && shared < testDir.length && dir[dir.length - 1 - shared] === testDir[testDir.length - 1 - shared]) shared++;
      return shared + (posix.dirname(source) === posix.dirname(path) ? 100 : 0);
    };
    const best = Math.max(...candidates.map(affinity));
    for (const source of candidates.filter((candidate) => affinity(candidate) === best)) {
      add(path, source);
      add(source, path);
    }
  }
  return links;
}
