/**
 * Docs drift as `[Docs]` candidates: public surface added since the docs last changed that they do not
 * mention, surface removed since then that they still describe, and code blocks that no longer run. Each
 * with the evidence: what changed where, when the docs last changed, the failing block and its output. Pure.
 */
import { codeBlock, inlineCode, oneLine } from '../../core/untrusted-markdown.js';
import type { Candidate } from '../candidate.js';
import type { SnippetRun } from './snippets.js';
import { snippetCommand } from './snippets.js';
import type { SurfaceItem, SurfaceKind } from './surface.js';
import { shortKey } from '../../core/digest.js';

export interface DocsBaseline {
  /** The last commit that changed the docs, when the history has one. */
  commit?: { sha: string; date: string };
  /** The docs files that were searched. */
  docsFiles: string[];
}

const KIND_WORDS: Record<SurfaceKind, [string, string]> = {
  export: ['export', 'exports'],
  'cli-flag': ['command-line flag', 'command-line flags'],
  'config-key': ['configuration key', 'configuration keys'],
  'http-operation': ['API operation', 'API operations'],
  'graphql-field': ['GraphQL field', 'GraphQL fields'],
};

const words = (kind: SurfaceKind, n: number) => `${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`;
const hash = (text: string) => shortKey(text);

function since(baseline: DocsBaseline): string {
  return baseline.commit
    ? `since the docs last changed in ${inlineCode(baseline.commit.sha.slice(0, 12), 20)} (${baseline.commit.date.slice(0, 10)})`
    : 'in the repository (the docs have no commit in the history to compare with)';
}

function docsList(baseline: DocsBaseline): string {
  const shown = baseline.docsFiles.slice(0, 8).map((file) => inlineCode(file, 120));
  return shown.length === 0 ? 'no docs file' : `${shown.join(', ')}${baseline.docsFiles.length > 8 ? ', …' : ''}`;
}

function names(items: readonly SurfaceItem[]): string {
  const shown = items.slice(0, 4).map((item) => item.name);
  return `${shown.join(', ')}${items.length > 4 ? ` and ${items.length - 4} more` : ''}`;
}

function groupBy(items: readonly SurfaceItem[], key: (item: SurfaceItem) => string): SurfaceItem[][] {
  const groups = new Map<string, SurfaceItem[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

/** New surface the docs do not mention: one candidate per defining file and kind. */
export function undocumentedCandidates(items: readonly SurfaceItem[], baseline: DocsBaseline): Candidate[] {
  return groupBy(items, (item) => `${item.kind}\u0000${item.file}`).map((group) => {
    const first = group[0] as SurfaceItem;
    return {
      analyst: 'docs',
      fingerprint: hash(`docs\u0000undocumented\u0000${first.kind}\u0000${first.file}`),
      title: oneLine(`[Docs] ${words(first.kind, group.length)} of ${first.file} not in the docs: ${names(group)}`, 200),
      severity: 'low',
      category: 'undocumented',
      value: group.length,
      file: first.file,
      body: [
        `${inlineCode(first.file, 160)} gained ${words(first.kind, group.length)} ${since(baseline)}, and no docs file mentions ${group.length === 1 ? 'it' : 'them'}:`,
        '',
        ...group.map((item) => `- ${inlineCode(item.name, 120)}`),
        '',
        `Searched: ${docsList(baseline)}. Describe ${group.length === 1 ? 'it' : 'each'} where users look for it (what it does, its default, an example).`,
        '',
      ].join('\n'),
    };
  });
}

/** Surface removed since the docs last changed that they still describe: one candidate per kind. */
export function staleCandidates(items: readonly SurfaceItem[], baseline: DocsBaseline): Candidate[] {
  return groupBy(items, (item) => item.kind).map((group) => {
    const first = group[0] as SurfaceItem;
    return {
      analyst: 'docs',
      fingerprint: hash(`docs\u0000stale\u0000${first.kind}\u0000${group.map((item) => item.name).join('\u0000')}`),
      title: oneLine(`[Docs] The docs still describe ${words(first.kind, group.length).replace(/^(\d+) /, '$1 removed ')}: ${names(group)}`, 200),
      severity: 'medium',
      category: 'stale',
      value: group.length * 2,
      body: [
        `${group.length === 1 ? 'This was' : 'These were'} removed ${since(baseline)}, but the docs still mention ${group.length === 1 ? 'it' : 'them'}: a reader following them gets an error.`,
        '',
        ...group.map((item) => `- ${inlineCode(item.name, 120)} (was in ${inlineCode(item.file, 120)})`),
        '',
        `Searched: ${docsList(baseline)}. Update or remove the passages that describe ${group.length === 1 ? 'it' : 'them'}.`,
        '',
      ].join('\n'),
    };
  });
}

const LANGUAGE_NAMES = { sh: 'shell', js: 'JavaScript', python: 'Python' } as const;

function outputTail(output: string, lines = 30): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A code block that no longer runs: its text, how it was run, and what it printed. */
export function snippetCandidate(run: SnippetRun): Candidate {
  const { snippet } = run;
  const why = run.timedOut ? 'did not finish in time' : `exits with ${run.exitCode ?? 'no code'}`;
  const where = `${snippet.file}:${snippet.line}`;
  return {
    analyst: 'docs',
    fingerprint: hash(`docs\u0000snippet\u0000${snippet.file}\u0000${snippet.code.trim()}`),
    title: oneLine(
      `[Docs] The ${LANGUAGE_NAMES[snippet.language]} example at ${where} no longer runs (${run.timedOut ? 'timed out' : `exit ${run.exitCode ?? 'none'}`})`,
      200,
    ),
    severity: 'medium',
    category: 'broken-example',
    value: 3,
    file: snippet.file,
    body: [
      `The ${LANGUAGE_NAMES[snippet.language]} code block at ${inlineCode(where, 160)} ${why} when run from the repository root on the default branch, in the sandbox. A reader who copies it gets the same.`,
      '',
      codeBlock(snippet.code, snippet.language === 'js' ? 'js' : snippet.language),
      '',
      `Run as ${inlineCode(snippetCommand(snippet), 300)}; the last lines it printed:`,
      '',
      codeBlock(outputTail(run.output)),
      '',
      'Fix the example (or the code it shows). A block that is not meant to run can say so: ```sh no-run, or a `<!-- docs: skip -->` line above it.',
      '',
    ].join('\n'),
  };
}
