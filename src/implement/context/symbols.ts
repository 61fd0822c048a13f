/**
 * Top-level symbols and import specifiers of a source file, by language. Regular expressions rather than
 * parsers: they cover the declarations that name what a file is for, need no grammar packages on the
 * action's start path, and a miss only costs ranking signal, never correctness.
 */

export type Language = 'js' | 'python' | 'go' | 'rust' | 'java' | 'other';

export interface FileOutline {
  language: Language;
  /** Top-level declarations (exported ones for JS/TS), in file order, without repeats. */
  symbols: string[];
  /** Methods and other members one level down: weaker evidence, still useful ("runTools"). */
  members: string[];
  /** Import specifiers as written (`./util.js`, `os.path`, `github.com/x/y`). */
  imports: string[];
}

const LANGUAGE_BY_EXTENSION: Record<string, Language> = {
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'js',
  ts: 'js',
  mts: 'js',
  cts: 'js',
  tsx: 'js',
  py: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'java',
  cs: 'java',
  scala: 'java',
};

export function languageOf(path: string): Language {
  const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return LANGUAGE_BY_EXTENSION[extension] ?? 'other';
}

function collect(content: string, patterns: readonly RegExp[]): string[] {
  const names: string[] = [];
  for (const pattern of patterns) {
    for (const match of content.matchAll(pattern)) {
      const name = match[1];
      if (name) names.push(name);
    }
  }
  return names;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

const JS_DECLARATIONS = [
  /^export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?function\*?\s+([A-Za-z_$][\w$]*)/gm,
  /^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/gm,
  /^export\s+(?:declare\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm,
  /^export\s+(?:declare\s+)?(?:type|interface|enum|namespace)\s+([A-Za-z_$][\w$]*)/gm,
  /^(?:async\s+)?function\*?\s+([A-Za-z_$][\w$]*)/gm,
  /^(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/gm,
  /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/gm,
];
const JS_MEMBERS = [
  // class methods and object-literal functions, indented one level (two or four spaces, or a tab)
  // Bounded repeats: an unbounded `[^)]*[^;]*` pair backtracks quadratically on a long generated line.
  /^(?: {2}| {4}|\t)(?:(?:public|private|protected|static|async|override|readonly|get|set) )*\*?([A-Za-z_$][\w$]{0,100}) ?(?:<[^>\n]{0,100}>)?\([^)\n]{0,200}\)?[^;\n]{0,200}\{?[ \t]*$/gm,
  /^(?: {2}| {4}|\t)([A-Za-z_$][\w$]{0,100}) ?[:=] ?(?:async )?(?:function\b|\([^)\n]{0,200}\) ?=>)/gm, // methods attached at the top level: `res.send = function send`, `Foo.prototype.bar = (x) =>`
  /^(?!module\.|exports\.)[A-Za-z_$][\w$]{0,100}\.(?:prototype\.)?([A-Za-z_$][\w$]{0,100}) ?= ?(?:async )?(?:function\b|\([^)\n]{0,200}\) ?=>|[A-Za-z_$][\w$]{0,100} ?=>)/gm,
];
const JS_RESERVED = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'constructor', 'super', 'else', 'do', 'try', 'with']);

function jsOutline(content: string): FileOutline {
  const symbols = collect(content, JS_DECLARATIONS);
  // `export { a, b as c }` and `module.exports = { a, b }` name exports without declaring them here.
  for (const match of content.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}/gm)) {
    for (const item of (match[1] ?? '').split(',')) {
      const name = item
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default') symbols.push(name);
    }
  }
  for (const match of content.matchAll(/^module\.exports\s*=\s*\{([^}]*)\}/gm)) {
    for (const item of (match[1] ?? '').split(',')) {
      const name = item.trim().split(':')[0]?.trim();
      if (name && /^[A-Za-z_$][\w$]*$/.test(name)) symbols.push(name);
    }
  }
  const members = collect(content, JS_MEMBERS).filter((name) => !JS_RESERVED.has(name));
  const imports = collect(content, [
    /^\s*import\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+['"]([^'"]+)['"]/gm,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]);
  return { language: 'js', symbols: unique(symbols), members: unique(members), imports: unique(imports) };
}

function pythonOutline(content: string): FileOutline {
  const symbols = collect(content, [/^(?:async\s+)?def\s+([A-Za-z_]\w*)/gm, /^class\s+([A-Za-z_]\w*)/gm, /^([A-Z][A-Z0-9_]+)\s*(?::[^=\n]*)?=/gm]);
  const members = collect(content, [/^[ \t]+(?:async\s+)?def\s+([A-Za-z_]\w*)/gm]).filter((name) => !/^__\w+__$/.test(name));
  const imports = collect(content, [/^\s*from\s+(\.*[\w.]*)\s+import\b/gm]);
  for (const match of content.matchAll(/^[ \t]*import[ \t]+([\w., \t]+)/gm)) {
    for (const item of (match[1] ?? '').split(',')) {
      const name = item
        .trim()
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (name) imports.push(name);
    }
  }
  return { language: 'python', symbols: unique(symbols), members: unique(members), imports: unique(imports) };
}

function goOutline(content: string): FileOutline {
  const symbols = collect(content, [/^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/gm, /^type\s+([A-Za-z_]\w*)/gm, /^(?:var|const)\s+([A-Za-z_]\w*)/gm]);
  const imports = collect(content, [/^import\s+(?:\w+\s+)?"([^"]+)"/gm]);
  for (const block of content.matchAll(/^import\s*\(([\s\S]*?)^\)/gm)) {
    for (const line of (block[1] ?? '').matchAll(/"([^"]+)"/g)) if (line[1]) imports.push(line[1]);
  }
  return { language: 'go', symbols: unique(symbols), members: [], imports: unique(imports) };
}

function rustOutline(content: string): FileOutline {
  const symbols = collect(content, [/^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:fn|struct|enum|trait|type|mod|const|static)\s+([A-Za-z_]\w*)/gm]);
  const members = collect(content, [/^[ \t]+(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+([A-Za-z_]\w*)/gm]);
  const imports = collect(content, [/^\s*use\s+([\w:]+)/gm, /^\s*mod\s+(\w+)\s*;/gm]);
  return { language: 'rust', symbols: unique(symbols), members: unique(members), imports: unique(imports) };
}

function javaOutline(content: string): FileOutline {
  const symbols = collect(content, [
    /^(?:public\s+|internal\s+|data\s+|sealed\s+|abstract\s+|final\s+|open\s+)*(?:class|interface|enum|record|object)\s+([A-Za-z_]\w*)/gm,
  ]);
  const members = collect(content, [/^[ \t]+(?:public|protected|private|static|final|override|fun|suspend|[ \t])+[\w<>[\],\s]*?\b([a-z]\w*)\s*\(/gm]);
  const imports = collect(content, [/^import\s+(?:static\s+)?([\w.]+)/gm]);
  return { language: 'java', symbols: unique(symbols), members: unique(members), imports: unique(imports) };
}

/** Pure: the outline of one file from its path and text. */
export function outlineFile(path: string, content: string): FileOutline {
  switch (languageOf(path)) {
    case 'js':
      return jsOutline(content);
    case 'python':
      return pythonOutline(content);
    case 'go':
      return goOutline(content);
    case 'rust':
      return rustOutline(content);
    case 'java':
      return javaOutline(content);
    default:
      return { language: 'other', symbols: [], members: [], imports: [] };
  }
}
