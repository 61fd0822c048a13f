/**
 * Just enough lexing of one source line to tell a constant from a value built at run time. The dangerous-
 * pattern rules flag a sink (eval, a shell, a SQL query, innerHTML) only when what reaches it is interpolated
 * or concatenated: a constant string there is fine, and flagging it is the false positive people complain
 * about. Line-level on purpose: linear, language-agnostic enough for JS/TS, Python, Go and Java, and wrong
 * only in the direction of missing a multi-line construction (the model pass looks at those).
 */

export type PatternLanguage = 'js' | 'python' | 'go' | 'java';

const EXTENSIONS: Record<string, PatternLanguage> = {
  js: 'js',
  jsx: 'js',
  mjs: 'js',
  cjs: 'js',
  ts: 'js',
  tsx: 'js',
  mts: 'js',
  cts: 'js',
  vue: 'js',
  svelte: 'js',
  py: 'python',
  pyw: 'python',
  go: 'go',
  java: 'java',
  kt: 'java',
  kts: 'java',
};

export function languageOf(path: string): PatternLanguage | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.endsWith('.min.js') || name.endsWith('.d.ts')) return undefined;
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[name.slice(dot + 1).toLowerCase()];
}

/** Test code and vendored or generated code: dangerous patterns there are not shipped behaviour. */
export function isTestOrVendoredPath(path: string): boolean {
  return (
    /(?:^|\/)(?:test|tests|__tests__|__mocks__|spec|specs|testdata|fixtures|node_modules|vendor|third_party|dist|build)\//.test(path) ||
    /(?:\.test|\.spec|_test)\.[a-z]+$/.test(path) ||
    /(?:^|\/)test_[^/]*\.py$/.test(path)
  );
}

export function isCommentLine(line: string, language: PatternLanguage): boolean {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('* ') || trimmed === '*') return language !== 'python';
  return language === 'python' && trimmed.startsWith('#');
}

/**
 * The text between the parenthesis at `open` and its match on the same line (quotes respected), or the
 * rest of the line when the call continues on the next one.
 */
/** The arguments of a call whose pattern match ends at the opening parenthesis. */
export function argumentsAfter(line: string, match: RegExpExecArray): string {
  return callArguments(line, match.index + match[0].length - 1);
}

export function callArguments(line: string, open: number): string {
  let depth = 0;
  let quote = '';
  for (let i = open; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return line.slice(open + 1, i);
    }
  }
  return line.slice(open + 1);
}

/** Splits an argument list at top-level commas. */
export function splitArguments(args: string): string[] {
  return splitTopLevel(args, ',');
}

/** Splits at `separator` outside quotes and brackets; parts are trimmed and empty ones dropped. */
function splitTopLevel(args: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = args.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

// A string literal with no interpolation, per language (Python allows r/b/u prefixes, never f).
const CONSTANT_LITERAL: Record<PatternLanguage, RegExp> = {
  js: /^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\$]|\\.|\$(?!\{))*`)$/,
  python: /^(?:[rRbBuU]{0,2})(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")$/,
  go: /^(?:"(?:[^"\\]|\\.)*"|`[^`]*`)$/,
  java: /^"(?:[^"\\]|\\.)*"$/,
};

/** A single argument that is a constant: a plain string literal, a number, a boolean or null. */
export function isConstantExpression(argument: string, language: PatternLanguage): boolean {
  const text = argument.trim();
  if (text === '' || /^-?\d[\d_.]*$/.test(text) || /^(?:true|false|null|None|True|False|nil|undefined)$/.test(text)) return true;
  // "a" + "b": constant pieces joined are still constant.
  return splitTopLevel(text, '+').every((piece) => CONSTANT_LITERAL[language].test(piece));
}

export function allConstant(args: string, language: PatternLanguage): boolean {
  return splitArguments(args).every((argument) => isConstantExpression(argument, language));
}

/**
 * Whether the text builds a string from a variable: interpolation (JS template `${}` outside a tagged
 * template, Python f-strings, `%` and `.format`, Go `fmt.Sprintf`, Java `String.format`) or concatenation
 * of a literal with something that is not a literal.
 */
export function buildsStringFromVariable(text: string, language: PatternLanguage): boolean {
  const concatenation = /["'`]\s*\+\s*[\w$([]|[\w$)\]]\s*\+\s*["'`]/.test(text);
  switch (language) {
    case 'js':
      return concatenation || hasUntaggedTemplateInterpolation(text);
    case 'python':
      return concatenation || /(?:^|[^\w])[fF][rR]?["'][^"']*\{[^}]+\}/.test(text) || /["']\s*%\s*[\w(]/.test(text) || /["']\s*\.format\s*\(/.test(text);
    case 'go':
      return concatenation || /\bfmt\.Sprintf\s*\(/.test(text);
    case 'java':
      return concatenation || /\bString\.format\s*\(|"\s*\.formatted\s*\(/.test(text);
  }
}

/**
 * A template literal with `${...}` that is not tagged. Tagged templates (sql`...`, Prisma.sql`...`) are how
 * query builders parameterise safely, so they do not count.
 */
export function hasUntaggedTemplateInterpolation(text: string): boolean {
  for (const match of text.matchAll(/([\w$.)\]]?)\s*`((?:[^`\\]|\\.)*)`?/g)) {
    const tag = match[1] ?? '';
    const body = match[2] ?? '';
    if (tag === '' && body.includes('${')) return true;
  }
  return false;
}

/** String literals of the line (contents only), for rules that look at what a string says. */
export function stringLiterals(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`?/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

// Upper-case SQL is unambiguous; lower-case SQL reads like English ("select a file from the list"), so it only
// counts inside a call that runs a query.
const SQL_UPPER =
  /\b(?:SELECT\s[^;]{0,200}?\bFROM\b|INSERT\s+INTO\b|UPDATE\s+[\w."`[\]]+\s+SET\b|DELETE\s+FROM\b|REPLACE\s+INTO\b|MERGE\s+INTO\b|DROP\s+(?:TABLE|DATABASE)\b|ALTER\s+TABLE\b|TRUNCATE\s+TABLE\b|WHERE\s+[\w."`]+\s*(?:=|<|>|!=|LIKE\b|IN\b))/;
const SQL_ANY_CASE = new RegExp(SQL_UPPER.source, 'i');

export function containsSql(text: string, anyCase = false): boolean {
  return (anyCase ? SQL_ANY_CASE : SQL_UPPER).test(text);
}

export function mentionsPassword(line: string): boolean {
  return /passw|pwd|passphrase/i.test(line);
}
