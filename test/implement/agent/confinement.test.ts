import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/llm/index.js';
import { checkWritePolicy, compactHistory, normalizeToolPath, parseToolCall, renderPlan } from '../../../src/implement/agent/index.js';

describe('normalizeToolPath', () => {
  it('cleans relative paths', () => {
    expect(normalizeToolPath('./src//a.js')).toEqual({ ok: true, path: 'src/a.js' });
    expect(normalizeToolPath('src\\win\\a.js')).toEqual({ ok: true, path: 'src/win/a.js' });
    expect(normalizeToolPath('.')).toEqual({ ok: true, path: '.' });
  });

  it.each([
    ['', /empty/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/x', /absolute/],
    ['~/.ssh/id_rsa', /absolute/],
    ['../x', /'\.\.'/],
    ['src/../../x', /'\.\.'/],
    ['.git/config', /\.git/],
    ['sub/.GIT/hooks/x', /\.git/],
    ['a\0b', /NUL/],
  ])('refuses %j', (raw, reason) => {
    const checked = normalizeToolPath(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
  });
});

describe('checkWritePolicy', () => {
  const planFiles = [
    { path: 'src/a.js', action: 'modify' as const, reason: '' },
    { path: './src/old.js', action: 'delete' as const, reason: '' },
  ];

  it('allows plan files and refuses the rest in plan scope', () => {
    expect(checkWritePolicy('src/a.js', 'edit', { scopeMode: 'plan', planFiles, protectedPaths: [] }).ok).toBe(true);
    expect(checkWritePolicy('src/old.js', 'delete', { scopeMode: 'plan', planFiles, protectedPaths: [] }).ok).toBe(true);
    expect(checkWritePolicy('src/b.js', 'edit', { scopeMode: 'plan', planFiles, protectedPaths: [] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not in the approved plan/),
    });
    expect(checkWritePolicy('src/a.js', 'delete', { scopeMode: 'plan', planFiles, protectedPaths: [] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not delete/),
    });
    expect(checkWritePolicy('src/b.js', 'edit', { scopeMode: 'repository', planFiles, protectedPaths: [] }).ok).toBe(true);
  });

  it('always protects workflows, in any case spelling, and honours configured globs', () => {
    const policy = { scopeMode: 'repository' as const, planFiles, protectedPaths: ['secrets/**', '*.pem'] };
    expect(checkWritePolicy('.github/workflows/ci.yml', 'create', policy).ok).toBe(false);
    expect(checkWritePolicy('.GITHUB/workflows/ci.yml', 'create', policy).ok).toBe(false);
    expect(checkWritePolicy('secrets/prod/key.txt', 'edit', policy).ok).toBe(false);
    expect(checkWritePolicy('server.pem', 'edit', policy).ok).toBe(false);
    expect(checkWritePolicy('.github/CODEOWNERS', 'edit', policy).ok).toBe(true);
  });
});

describe('parseToolCall', () => {
  it('types valid calls and explains invalid ones', () => {
    expect(parseToolCall({ id: '1', name: 'read_file', arguments: { path: 'a', line_start: '3' } })).toEqual({
      ok: true,
      call: { tool: 'read_file', path: 'a', lineStart: 3, lineEnd: undefined },
    });
    expect(parseToolCall({ id: '1', name: 'list_directory', arguments: {} })).toEqual({
      ok: true,
      call: { tool: 'list_directory', path: '.', recursive: false },
    });
    expect(parseToolCall({ id: '1', name: 'create_file', arguments: { path: 'a', content: 3 } })).toEqual({
      ok: false,
      message: "Invalid arguments for create_file: 'content' must be a string.",
    });
    expect(parseToolCall({ id: '1', name: 'finish', arguments: {}, invalidArguments: '{' })).toMatchObject({ ok: false });
  });
});

describe('compactHistory', () => {
  it('shortens old tool results first and keeps recent ones whole', () => {
    const big = 'x'.repeat(10_000);
    const messages: Message[] = [{ role: 'user', content: 'go' }];
    for (let i = 0; i < 12; i++) {
      messages.push({ role: 'assistant', toolCalls: [{ id: `c${i}`, name: 'read_file', arguments: { path: 'a' } }] });
      messages.push({ role: 'tool', toolCallId: `c${i}`, content: big });
    }
    const compacted = compactHistory(messages, 60_000);
    expect(compacted).toHaveLength(messages.length);
    expect((compacted[2] as { content: string }).content).toMatch(/elided/);
    expect((compacted.at(-1) as { content: string }).content).toBe(big);
    expect(compactHistory(messages, 1_000_000)).toEqual(messages);
  });
});

describe('renderPlan', () => {
  it('sanitises plan text that came from the issue', () => {
    const text = renderPlan({
      problem: 'x<!-- hidden -->',
      files: [{ path: 'a.js', action: 'modify', reason: 'r\u200b' }],
      steps: [],
      tests: [],
      checklist: [],
      risks: [],
      architectural: false,
    });
    expect(text).not.toContain('hidden');
    expect(text).not.toContain('\u200b');
    expect(text).toContain('- modify `a.js`: r');
  });
});
