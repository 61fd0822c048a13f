/**
 * Code blocks in the docs that a reader would paste and run: fenced `sh`/`bash`/`shell`/`console`, `js`/
 * `javascript`/`mjs`/`node` and `python`/`py` blocks. Each runs in the sandbox from the repository root with a
 * time limit; one that exits non-zero no longer works as documented. A block opts out with `skip` or `no-run`
 * in its info string (```sh no-run) or a `<!-- docs: skip -->` line right above it. Extraction is pure.
 */
import type { Sandbox } from '../../core/sandbox/index.js';

export type SnippetLanguage = 'sh' | 'js' | 'python';

export interface Snippet {
  /** The docs file, relative to the repository root. */
  file: string;
  /** Line of the opening fence. */
  line: number;
  language: SnippetLanguage;
  /** The code as written in the block. */
  code: string;
}

const LANGUAGES: Record<string, SnippetLanguage> = {
  sh: 'sh',
  bash: 'sh',
  shell: 'sh',
  console: 'sh',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  node: 'js',
  python: 'python',
  py: 'python',
  python3: 'python',
};

/** Fenced blocks of the runnable languages in one Markdown file, in order. */
export function extractSnippets(file: string, markdown: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const found: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([\w+-]*)([^\n]*)$/.exec(lines[index] ?? '');
    if (!open) continue;
    const fence = open[2] ?? '```';
    const info = `${open[3] ?? ''} ${open[4] ?? ''}`.toLowerCase();
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !(lines[end] ?? '').trim().startsWith(fence)) body.push(lines[end++] ?? '');
    const language = LANGUAGES[(open[3] ?? '').toLowerCase()];
    const skipped = /\b(skip|no-run|norun)\b/.test(info) || /<!--\s*docs:\s*skip\s*-->/.test(lines[index - 1] ?? '');
    if (language && !skipped && body.some((line) => line.trim() !== '')) found.push({ file, line: index + 1, language, code: body.join('\n') });
    index = end;
  }
  return found;
}

/** A shell block written as a session (`$ npm test` then output) runs only its commands. */
function shellScript(code: string): string {
  const lines = code.split('\n');
  const prompted = lines.filter((line) => /^\s*\$ /.test(line));
  return prompted.length > 0 ? prompted.map((line) => line.replace(/^\s*\$ /, '')).join('\n') : code;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The shell command that runs a snippet from the repository root. */
export function snippetCommand(snippet: Snippet): string {
  switch (snippet.language) {
    case 'sh':
      return `sh -ec ${quote(shellScript(snippet.code))}`;
    case 'js': {
      const module = /^\s*(import|export)\s|\bawait\b/m.test(snippet.code);
      return `node ${module ? '--input-type=module ' : ''}-e ${quote(snippet.code)}`;
    }
    case 'python':
      return `python3 -c ${quote(snippet.code)}`;
  }
}

export interface SnippetRun {
  snippet: Snippet;
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

export async function runSnippets(sandbox: Sandbox, snippets: readonly Snippet[], timeoutMs: number): Promise<SnippetRun[]> {
  const runs: SnippetRun[] = [];
  for (const snippet of snippets) {
    const run = await sandbox.run(snippetCommand(snippet), { timeoutMs, label: `code block at ${snippet.file}:${snippet.line}` });
    runs.push({ snippet, exitCode: run.exitCode, timedOut: run.timedOut, output: run.output });
  }
  return runs;
}

export const failed = (run: SnippetRun) => run.timedOut || run.exitCode !== 0;

/** Docs files: README and CHANGELOG-free Markdown at the root, and everything under docs/ or doc/. */
export function isDocsFile(path: string): boolean {
  if (!/\.mdx?$/i.test(path)) return false;
  if (/^docs?\//i.test(path)) return true;
  return !path.includes('/') && !/^(changelog|history|license|code_of_conduct|security)\b/i.test(path);
}
