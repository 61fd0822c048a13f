/**
 * Which functions hold a file's uncovered lines. The report names them when it can (lcov's FN records,
 * Cobertura's methods); otherwise (Go profiles, coverage.py's XML, which leaves <methods> empty) they come from
 * the source: `func`, `def`, `function` and arrow-function declarations. A function runs from its first line
 * to the line before the next one starts. Pure.
 */
import type { FunctionCoverage } from './reports.js';

export interface UncoveredFunction {
  /** The function's name, or null for lines outside any function (module top level). */
  name: string | null;
  /** Uncovered line ranges inside it, e.g. [[10, 13]]. */
  ranges: Array<[number, number]>;
  /** The report says it was never called (lcov FNDA 0). */
  neverCalled: boolean;
}

const JS_KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'with']);

const SOURCE_PATTERNS: Array<{ extension: RegExp; patterns: RegExp[] }> = [
  {
    extension: /\.[cm]?[jt]sx?$/,
    patterns: [
      /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\*?\s+([A-Za-z_$][\w$]*)/,
      /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/,
      /^\s+(?:static\s+)?(?:async\s+)?([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*\{/,
    ],
  },
  { extension: /\.py$/, patterns: [/^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)/] },
  { extension: /\.go$/, patterns: [/^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/] },
];

/** Function starts found in the source text, for formats whose report names none. */
export function functionsFromSource(path: string, source: string): FunctionCoverage[] {
  const patterns = SOURCE_PATTERNS.find((entry) => entry.extension.test(path))?.patterns ?? [];
  const found: FunctionCoverage[] = [];
  source.split(/\r?\n/).forEach((text, index) => {
    for (const pattern of patterns) {
      const name = pattern.exec(text)?.[1];
      if (name && !JS_KEYWORDS.has(name)) {
        found.push({ name, line: index + 1 });
        break;
      }
    }
  });
  return found;
}

/**
 * The uncovered lines of a file (line → hits, executable lines only) grouped by the function that holds them,
 * in line order. A run of uncovered lines that crosses into the next function is split there.
 */
export function uncoveredFunctions(lines: ReadonlyMap<number, number>, functions: readonly FunctionCoverage[]): UncoveredFunction[] {
  const starts = [...functions].sort((a, b) => a.line - b.line);
  const executable = [...lines.keys()].sort((a, b) => a - b);
  const byOwner = new Map<string, UncoveredFunction>();
  const out: UncoveredFunction[] = [];
  let previous: { line: number; key: string } | undefined;
  for (const [index, line] of executable.entries()) {
    if (lines.get(line) !== 0) continue;
    const owner = starts.filter((fn) => fn.line <= line).at(-1);
    const key = owner ? `${owner.name}:${owner.line}` : '';
    let entry = byOwner.get(key);
    if (!entry) {
      entry = { name: owner?.name ?? null, ranges: [], neverCalled: owner?.hits === 0 };
      byOwner.set(key, entry);
      out.push(entry);
    }
    // Contiguous among executable lines and in the same function: blank lines and comments do not split a range.
    const last = entry.ranges.at(-1);
    if (last && previous?.key === key && previous.line === executable[index - 1]) last[1] = line;
    else entry.ranges.push([line, line]);
    previous = { line, key };
  }
  return out;
}

export function formatRanges(ranges: ReadonlyArray<[number, number]>): string {
  return ranges.map(([from, to]) => (from === to ? `line ${from}` : `lines ${from}–${to}`)).join(', ');
}
