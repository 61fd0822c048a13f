/**
 * Terms for ranking: identifiers are split where a programmer's eye splits them (camelCase, snake_case,
 * kebab-case, digits), lowercased and lightly stemmed, so "normalizeHeaders" in code meets "normalize
 * header names" in an issue.
 */

const STOPWORDS = new Set([
  // English function words that appear in every issue
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'been',
  'but',
  'by',
  'can',
  'do',
  'does',
  'for',
  'from',
  'has',
  'have',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'not',
  'of',
  'on',
  'or',
  'so',
  'than',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'this',
  'to',
  'was',
  'we',
  'were',
  'when',
  'which',
  'while',
  'will',
  'with',
  'would',
  'should',
  'could',
  'also',
  'all',
  'any',
  'some',
  'no',
  'yes',
  'our',
  'you',
  'your',
  'they',
  'them',
  'what',
  'how',
  'why',
  'where',
  'who',
  'only',
  'more',
  'most',
  'other',
  'such',
  'same',
  'each',
  'after',
  'before',
  // keywords every source file carries; they say nothing about which file a task is about
  'const',
  'let',
  'var',
  'function',
  'return',
  'import',
  'export',
  'default',
  'new',
  'this',
  'true',
  'false',
  'null',
  'undefined',
  'void',
  'async',
  'await',
  'class',
  'extends',
  'implements',
  'interface',
  'type',
  'typeof',
  'instanceof',
  'public',
  'private',
  'protected',
  'readonly',
  'static',
  'string',
  'number',
  'boolean',
  'object',
  'unknown',
  'any',
  'never',
  'else',
  'try',
  'catch',
  'finally',
  'throw',
  'break',
  'continue',
  'switch',
  'case',
  'while',
  'for',
  'of',
  'def',
  'self',
  'none',
  'pass',
  'elif',
  'lambda',
  'func',
  'package',
  'struct',
  'nil',
  'err',
  'fn',
  'pub',
  'use',
  'mut',
  'impl',
]);

/** Irregular tails first; the rule set is deliberately small so different words rarely collide. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('es') && /(?:ss|x|ch|sh|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** `parseHTTPResponse2` → `parse`, `http`, `response`, `2`; `snake_case-name` → `snake`, `case`, `name`. */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
}

function keep(term: string): boolean {
  return term.length >= 2 && !STOPWORDS.has(term) && !/^\d+$/.test(term);
}

/**
 * The kept, stemmed terms of one word, remembered: a repository repeats the same identifiers thousands of
 * times, and splitting them again is most of what indexing costs. Bounded so a huge tree cannot grow it forever.
 */
const termsOfWord = new Map<string, readonly string[]>();
const MAX_REMEMBERED_WORDS = 200_000;

function wordTerms(word: string): readonly string[] {
  let found = termsOfWord.get(word);
  if (found === undefined) {
    found = splitIdentifier(word).filter(keep).map(stem);
    if (termsOfWord.size >= MAX_REMEMBERED_WORDS) termsOfWord.clear();
    termsOfWord.set(word, found);
  }
  return found;
}

/** Every ranking term in `text`, in order, with repeats (BM25 needs the counts). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[A-Za-z_$][A-Za-z0-9_$]*/g)) out.push(...wordTerms(match[0]));
  return out;
}

/** Terms of a repository path: directory and file names split like identifiers; the extension dropped. */
export function pathTerms(path: string): { directory: string[]; file: string[] } {
  const parts = path.split('/');
  const fileName = (parts.pop() ?? '').replace(/\.[^.]+$/, '');
  return { directory: parts.flatMap((part) => terms(part)), file: terms(fileName) };
}

/** Whole identifiers written in a task description (`fooBar`, `parse_args`, `Foo.bar`), lowercased. */
export function identifiersIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(/[A-Za-z_$][A-Za-z0-9_$]{2,}/g)) {
    const word = match[0];
    // Only words that look like code: mixed case, underscores or digits; plain prose words are terms already.
    if (/[a-z][A-Z]|_|[A-Z]{2,}[a-z]|[a-z]\d/.test(word) || /^[A-Z][a-z]+[A-Z]/.test(word)) out.add(word.toLowerCase());
  }
  // `res.send`, `app.use()`, `logger.msgPrefix`: a member written the way code calls it names that member.
  for (const match of text.matchAll(/\b[a-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?=\(|\b)/g)) {
    const last = match[0].split('.').at(-1) ?? '';
    if (last.length >= 3 && !/^(?:js|ts|mjs|cjs|json|md|com|org|io)$/.test(last)) out.add(last.toLowerCase());
  }
  for (const match of text.matchAll(/`([^`\n]{2,80})`/g)) {
    for (const inner of (match[1] ?? '').matchAll(/[A-Za-z_$][A-Za-z0-9_$]{2,}/g)) out.add(inner[0].toLowerCase());
  }
  return out;
}
