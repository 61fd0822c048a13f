import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const llmDir = join(import.meta.dirname, '../../../src/core/llm');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const files = sourceFiles(llmDir).map((path) => ({ name: relative(llmDir, path), text: readFileSync(path, 'utf8') }));

describe('model layer boundaries', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('imports no GitHub or @actions code', () => {
    const offenders = files.filter(({ text }) => /from '(@actions\/|@octokit\/|\.\.\/github|\.\.\/\.\.\/github)/.test(text));

    expect(offenders.map(({ name }) => name)).toEqual([]);
  });

  it('loads the provider SDKs only with dynamic import(), keeping them off the action start path', () => {
    const staticSdkImports = files.filter(({ text }) => text.split('\n').some((line) => /^import (?!type )[^;]*from '(openai|@anthropic-ai\/sdk)/.test(line)));
    const dynamicImports = files.filter(({ text }) => /\bimport\('(openai|@anthropic-ai\/sdk)(\/[\w/-]+)?'\)/.test(text));

    expect(staticSdkImports.map(({ name }) => name)).toEqual([]);
    expect(dynamicImports.map(({ name }) => name).sort()).toEqual(['providers/anthropic-messages.ts', 'providers/openai-chat.ts']);
  });

  it('keeps each file small', () => {
    const large = files.filter(({ text }) => text.split('\n').length > 300);

    expect(large.map(({ name }) => name)).toEqual([]);
  });
});
