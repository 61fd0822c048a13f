import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowchartErrors, mermaidBlocks } from '../triage/flowchart-grammar.js';
import { read, ROOT, userDocs } from './markdown.js';

/**
 * Words that point at the project's internal planning papers rather than at the product: a reader of the
 * README cannot open "seed 003, section 14" or "the product card".
 */
const JARGON: readonly RegExp[] = [
  /\bseed (?:\d{3}|target)\b/i,
  /\bseeds? \d{3}'s\b/i,
  /\bproduct (?:card|documents?)\b/i,
  /\bDESIGN(?:\.md)? section\b/,
  /\b(?:from|see|per|in) issue #\d+/i,
];

function jargon(markdown: string): string[] {
  return markdown.split('\n').flatMap((line, index) => (JARGON.some((pattern) => pattern.test(line)) ? [`${index + 1}: ${line.trim()}`] : []));
}

describe('README.md and docs/ talk about the product', () => {
  it.each(userDocs())('%s names no internal planning paper', (path) => {
    expect(jargon(read(path))).toEqual([]);
  });

  it('finds the references a reader cannot follow, and leaves ordinary words alone (control)', () => {
    const text = [
      '1. **Clarify** (seed 004). A structured model call decides.',
      '| merge rate | merged ÷ all; seed target > 70% |',
      'Two libraries the product card names are not used.',
      'The night shift of the product documents runs 5.',
      'Error categories (DESIGN section 9).',
      'As asked in issue #14, the demo refuses a folder.',
      'The dashboard of a seeded repository; `/approve #41`; a random seed of 7; pull request #3 merged.',
    ].join('\n');
    expect(jargon(text).map((line) => Number(line.split(':')[0]))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('docs/troubleshooting.md covers how an issue can fail', () => {
  it("names every title implement can put on a failed issue's comment", () => {
    const titles = new Set<string>();
    const walk = (folder: string): void => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) for (const match of readFileSync(path, 'utf8').matchAll(/\btitle: '([^']+)'/g)) titles.add(match[1]!);
      }
    };
    walk(join(ROOT, 'src', 'implement'));
    expect(titles.size).toBeGreaterThan(10);
    const table = read('docs/troubleshooting.md').split('## When an issue ends in `agent:failed`')[1] ?? '';
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split(' | ')[0]!.slice(2));
    const named = new Set(rows.flatMap((cell) => cell.split(', ')));
    expect([...titles].filter((title) => !named.has(title))).toEqual([]);
  });
});

describe('docs/cli.md covers the command line', () => {
  it('describes every command the agentic command accepts', () => {
    const commands = /const COMMANDS = \[([^\]]+)\]/.exec(readFileSync(join(ROOT, 'src', 'cli', 'index.ts'), 'utf8'))?.[1] ?? '';
    const names = [...commands.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(4);
    const page = read('docs/cli.md');
    expect(names.filter((name) => !page.includes(`\`agentic ${name}`))).toEqual([]);
  });
});

describe("the README's picture of the loop", () => {
  it('is a flowchart in the Mermaid subset the project checks, so GitHub draws it', () => {
    const charts = mermaidBlocks(read('README.md'));
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(flowchartErrors(chart)).toEqual([]);
  });
});
