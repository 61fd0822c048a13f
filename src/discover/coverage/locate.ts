/**
 * Report paths name files in many ways: relative (`src/cart.js`), absolute in the folder the tests ran in
 * (the sandbox's copy, a Cobertura `<source>` root) or as a Go import path (`example.com/shop/cart/cart.go`).
 * Each is matched to the repository file whose path is its longest tail, so all three land on the same file.
 * Pure.
 */
import { posix } from 'node:path';

/** Test files and generated folders are not what a `[Tests]` suggestion asks to cover. */
const NOT_PRODUCT = /(^|\/)(test|tests|__tests__|spec|node_modules|vendor|dist|build|coverage)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)test_[^/]*\.py$|(^|\/)conftest\.py$/;

export function isProductFile(path: string): boolean {
  return !NOT_PRODUCT.test(path);
}

export interface FileIndex {
  /** The repository file a report path names, or undefined when it names none. */
  locate(reportPath: string, roots?: readonly string[]): string | undefined;
}

export function indexRepoFiles(paths: readonly string[]): FileIndex {
  const known = new Set(paths);
  const byName = new Map<string, string[]>();
  for (const path of paths) {
    const name = posix.basename(path);
    byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  function byTail(reportPath: string): string | undefined {
    const parts = reportPath.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
    let best: { path: string; depth: number } | undefined;
    for (const candidate of byName.get(parts.at(-1) ?? '') ?? []) {
      const segments = candidate.split('/');
      let depth = 0;
      while (depth < segments.length && segments[segments.length - 1 - depth] === parts[parts.length - 1 - depth]) depth++;
      // The whole repository path must be the report path's tail; a longer match wins, a tie is ambiguous.
      if (depth !== segments.length) continue;
      if (!best || depth > best.depth) best = { path: candidate, depth };
      else if (depth === best.depth) return undefined;
    }
    return best?.path;
  }
  return {
    locate(reportPath, roots = []) {
      const clean = posix.normalize(reportPath.replace(/\\/g, '/'));
      if (known.has(clean)) return clean;
      for (const root of roots) {
        const joined = posix.normalize(posix.join(root.replace(/\\/g, '/'), clean));
        const found = byTail(joined);
        if (found) return found;
      }
      return byTail(clean);
    },
  };
}
