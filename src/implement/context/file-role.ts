/**
 * What part a file plays in a repository. A fix changes the product's code first; tests, examples, docs,
 * benchmarks and configuration talk about the same words far more often than they need the change, so the
 * ranking weighs them down (they stay reachable: a test is lifted by its source, and the map lists them).
 */
import { posix } from 'node:path';
import { isTestPath } from './test-links.js';

export type FileRole = 'source' | 'declaration' | 'test' | 'example' | 'docs' | 'bench' | 'config' | 'other';

const CODE_EXTENSIONS = new Set([
  'js',
  'mjs',
  'cjs',
  'jsx',
  'ts',
  'mts',
  'cts',
  'tsx',
  'py',
  'go',
  'rs',
  'java',
  'kt',
  'scala',
  'cs',
  'rb',
  'php',
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'swift',
  'm',
  'vue',
  'svelte',
  'sh',
  'lua',
  'ex',
  'exs',
  'erl',
  'clj',
  'dart',
]);
const DOC_EXTENSIONS = new Set(['md', 'mdx', 'markdown', 'rst', 'txt', 'adoc']);
const CONFIG_EXTENSIONS = new Set(['json', 'jsonc', 'json5', 'yml', 'yaml', 'toml', 'ini', 'cfg', 'lock', 'editorconfig']);

const EXAMPLE_DIRS = /^(?:examples?|demos?|samples?|sandbox|playground)$/i;
const DOC_DIRS = /^(?:docs?|documentation|website)$/i;
const BENCH_DIRS = /^(?:bench|benchmarks?|benchmarking|perf)$/i;
const TEST_DIRS = /^(?:__mocks__|e2e|fixtures?|__fixtures__|testdata|test-?utils?)$/i;
/** Type-test files (`index.test-d.ts`) only check the types of the code they describe. */
const TYPE_TEST = /\.test-d\.[cm]?tsx?$/i;
/** Declaration files (`index.d.ts`) describe a JavaScript implementation; a fix changes the implementation. */
const DECLARATION = /\.d\.[cm]?ts$/i;
/** Root-level tool configuration: `vite.config.ts`, `.eslintrc.js`, `gulpfile.js`. */
const ROOT_TOOL_CONFIG = /^(?:[\w-]+[.-](?:config|conf)\.[cm]?[jt]s|\.[\w-]+rc\.[cm]?js|gulpfile\.[cm]?js|gruntfile\.[cm]?js)$/i;

/** Pure: the role of a repository-relative path (forward slashes), from its name alone. */
export function fileRole(path: string): FileRole {
  const parts = path.split('/');
  const name = parts.at(-1) ?? '';
  const directories = parts.slice(0, -1);
  const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (isTestPath(path) || TYPE_TEST.test(name) || directories.some((part) => TEST_DIRS.test(part))) return 'test';
  if (directories.some((part) => EXAMPLE_DIRS.test(part))) return 'example';
  if (DECLARATION.test(name)) return 'declaration';
  if (directories.some((part) => BENCH_DIRS.test(part)) || /^bench(?:mark)?[.\-_]/i.test(name)) return 'bench';
  if (directories.some((part) => DOC_DIRS.test(part)) || DOC_EXTENSIONS.has(extension)) return 'docs';
  if (directories.some((part) => part.startsWith('.')) || name.startsWith('.') || CONFIG_EXTENSIONS.has(extension)) return 'config';
  if (directories.length === 0 && ROOT_TOOL_CONFIG.test(posix.basename(path))) return 'config';
  return CODE_EXTENSIONS.has(extension) ? 'source' : 'other';
}

/**
 * How much of its evidence a file of each role keeps. Round numbers on purpose: the order matters (source
 * first, then tests, which a fix often touches too), not the exact values.
 */
export const ROLE_WEIGHTS: Readonly<Record<FileRole, number>> = {
  source: 1,
  declaration: 0.5,
  test: 0.5,
  example: 0.4,
  bench: 0.4,
  docs: 0.4,
  other: 0.4,
  config: 0.25,
};
