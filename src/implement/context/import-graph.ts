/**
 * Which repository files a file imports, resolved from its import specifiers. Only imports that land on a
 * file of the repository count: packages and the standard library say nothing about where a fix goes.
 */
import { posix } from 'node:path';
import type { Language } from './symbols.js';

export interface GraphInput {
  path: string;
  language: Language;
  imports: string[];
}

export interface ImportGraph {
  /** path → repository files it imports */
  imports: Map<string, Set<string>>;
  /** path → repository files that import it */
  importedBy: Map<string, Set<string>>;
}

const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function jsCandidates(fromPath: string, specifier: string): string[] {
  if (!specifier.startsWith('.')) return [];
  const base = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  const candidates = [base];
  // NodeNext TypeScript imports `./x.js` for the source file `./x.ts`.
  for (const extension of JS_EXTENSIONS) candidates.push(`${stem}${extension}`);
  for (const extension of JS_EXTENSIONS) candidates.push(`${base}/index${extension}`);
  return candidates;
}

function pythonCandidates(fromPath: string, specifier: string, bySuffix: (suffix: string) => string[]): string[] {
  const dots = /^\.*/.exec(specifier)?.[0].length ?? 0;
  const dotted = specifier.slice(dots).replace(/\./g, '/');
  if (dots > 0) {
    let dir = posix.dirname(fromPath);
    for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
    const base = dotted ? posix.join(dir, dotted) : dir;
    return [`${base}.py`, `${base}/__init__.py`].map((path) => posix.normalize(path));
  }
  if (!dotted) return [];
  // Absolute imports may live under src/ or any other root: match on the path's tail.
  return [...bySuffix(`${dotted}.py`), ...bySuffix(`${dotted}/__init__.py`)];
}

/** Pure: the import graph over `files`, keeping only edges to files in the set. */
export function buildImportGraph(files: readonly GraphInput[]): ImportGraph {
  const known = new Set(files.map((file) => file.path));
  const byDirectory = new Map<string, string[]>();
  for (const file of files) {
    const dir = posix.dirname(file.path);
    byDirectory.set(dir, [...(byDirectory.get(dir) ?? []), file.path]);
  }
  const bySuffix = (suffix: string): string[] => files.filter((file) => file.path === suffix || file.path.endsWith(`/${suffix}`)).map((file) => file.path);

  const imports = new Map<string, Set<string>>();
  const importedBy = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    if (from === to || !known.has(to)) return;
    if (!imports.has(from)) imports.set(from, new Set());
    imports.get(from)?.add(to);
    if (!importedBy.has(to)) importedBy.set(to, new Set());
    importedBy.get(to)?.add(from);
  };

  for (const file of files) {
    for (const specifier of file.imports) {
      switch (file.language) {
        case 'js': {
          const target = jsCandidates(file.path, specifier).find((candidate) => known.has(candidate));
          if (target) link(file.path, target);
          break;
        }
        case 'python':
          for (const target of pythonCandidates(file.path, specifier, bySuffix).slice(0, 1)) link(file.path, target);
          break;
        case 'go': {
          // A Go import names a package directory; its tail matches a directory of the module.
          for (const [dir, paths] of byDirectory) {
            if (dir === '.' || !(specifier === dir || specifier.endsWith(`/${dir}`))) continue;
            for (const target of paths.filter((path) => path.endsWith('.go') && !path.endsWith('_test.go')).slice(0, 8)) link(file.path, target);
          }
          break;
        }
        case 'java': {
          const [target] = bySuffix(`${specifier.replace(/\./g, '/')}.java`).concat(bySuffix(`${specifier.replace(/\./g, '/')}.kt`));
          if (target) link(file.path, target);
          break;
        }
        case 'rust': {
          const dir = posix.dirname(file.path);
          const target = [posix.join(dir, `${specifier}.rs`), posix.join(dir, specifier, 'mod.rs')].find((candidate) => known.has(candidate));
          if (target) link(file.path, target);
          break;
        }
        default:
          break;
      }
    }
  }
  return { imports, importedBy };
}

/** Files one import away in either direction. */
export function neighbours(graph: ImportGraph, path: string): Set<string> {
  return new Set([...(graph.imports.get(path) ?? []), ...(graph.importedBy.get(path) ?? [])]);
}
