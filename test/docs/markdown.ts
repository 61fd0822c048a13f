/** Reads the user-facing markdown (README.md and docs/**) the way GitHub renders it: links, anchors, code. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { Lexer, type Token, type Tokens } from 'marked';

export const ROOT = join(import.meta.dirname, '..', '..');

/** README.md and every markdown file under docs/, as paths relative to the repository. */
export function userDocs(): string[] {
  const found: string[] = ['README.md'];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  return found.sort();
}

export function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

function children(token: Token): Token[] {
  const nested: Token[] = [];
  const record = token as Token & { tokens?: Token[]; items?: Token[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };
  if (record.tokens) nested.push(...record.tokens);
  if (record.items) nested.push(...record.items);
  if (record.header) for (const cell of record.header) nested.push(...cell.tokens);
  if (record.rows) for (const row of record.rows) for (const cell of row) nested.push(...cell.tokens);
  return nested;
}

/** Every token of the document, depth first. */
export function tokensOf(markdown: string): Token[] {
  const all: Token[] = [];
  const visit = (tokens: Token[]): void => {
    for (const token of tokens) {
      all.push(token);
      visit(children(token));
    }
  };
  visit(Lexer.lex(markdown, { gfm: true }));
  return all;
}

/** The link and image targets of a document, as written. */
export function linkTargets(markdown: string): string[] {
  const targets = tokensOf(markdown)
    .filter((token): token is Tokens.Link | Tokens.Image => token.type === 'link' || token.type === 'image')
    .map((token) => token.href);
  // Links written as HTML (<a href>, <img src>) count too.
  for (const match of markdown.matchAll(/<(?:a|img)\s[^>]*\b(?:href|src)="([^"]+)"/g)) targets.push(match[1]!);
  return targets;
}

/** The anchors a document offers: GitHub's heading slugs and explicit `id`/`name` attributes. */
export function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const token of tokensOf(markdown)) {
    if (token.type === 'heading') anchors.add(slugger.slug(headingText((token as Tokens.Heading).tokens)));
  }
  for (const match of markdown.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  return anchors;
}

/** The text GitHub slugs a heading from: what it shows, without markdown syntax. */
function headingText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      const nested = (token as Token & { tokens?: Token[] }).tokens;
      if (nested) return headingText(nested);
      return token.type === 'codespan' ? (token as Tokens.Codespan).text : ((token as Tokens.Text).text ?? token.raw);
    })
    .join('');
}

/** Fenced and indented code blocks, and inline code spans. */
export function codeOf(markdown: string): { blocks: string[]; spans: string[] } {
  const tokens = tokensOf(markdown);
  return {
    blocks: tokens.filter((token): token is Tokens.Code => token.type === 'code').map((token) => token.text),
    spans: tokens.filter((token): token is Tokens.Codespan => token.type === 'codespan').map((token) => token.text),
  };
}
