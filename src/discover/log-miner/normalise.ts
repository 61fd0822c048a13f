/**
 * Error messages carry values that change on every occurrence (ids, counts, paths, times). Replacing them
 * with placeholders makes the same error read the same, so occurrences cluster by what went wrong.
 */

const RULES: ReadonlyArray<[RegExp, string]> = [
  // Timestamps before numbers, URLs and paths before hex ids (a path may hold a hash).
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, '<time>'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`)<>]+/gi, '<url>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  // Absolute paths (POSIX and Windows) and relative ones with a directory: a file name says where, not what.
  [/(?:[A-Za-z]:\\|\/)(?:[\w.@+-]+[\\/])+[\w.@+-]*/g, '<path>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>'],
  [/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '<n>'],
];

export function normaliseMessage(message: string, maxLength = 200): string {
  let text = message.replace(/\s+/g, ' ').trim();
  for (const [pattern, placeholder] of RULES) text = text.replace(pattern, placeholder);
  return text.length > maxLength ? text.slice(0, maxLength) : text;
}

/** Where the runner checks a repository out; frames under it are the repository's own code. */
const WORKSPACE_ROOTS = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  /^\/__w\/[^/]+\/[^/]+\//,
  /^[A-Za-z]:\\a\\[^\\]+\\[^\\]+\\/,
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
];
const THIRD_PARTY = /(^|[\\/])(node_modules|site-packages|dist-packages|vendor|\.venv|venv|go[\\/]pkg[\\/]mod|hostedtoolcache)([\\/]|$)/;

/** The repository-relative path of a frame's file, or undefined when the frame is not the repository's code. */
export function repositoryPath(file: string, extraRoots: readonly string[] = []): string | undefined {
  let path = file.replace(/^file:\/\//, '').trim();
  if (path === '' || path.startsWith('node:') || path.startsWith('internal/') || path.startsWith('<') || path === 'native') return undefined;
  for (const root of extraRoots) {
    if (root && path.startsWith(root)) path = path.slice(root.length).replace(/^[\\/]+/, '');
  }
  for (const root of WORKSPACE_ROOTS) path = path.replace(root, '');
  if (/^(?:\/|[A-Za-z]:\\)/.test(path)) return undefined;
  if (THIRD_PARTY.test(path)) return undefined;
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}
