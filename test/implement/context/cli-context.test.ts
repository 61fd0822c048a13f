import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contextCommand } from '../../../src/cli/context.js';
import { main } from '../../../src/cli/index.js';
import { SAMPLE_REPO } from '../agent/workspace.js';

let out: string;
let err: string;
let dir: string;
beforeEach(async () => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  dir = await mkdtemp(join(tmpdir(), 'agentic-cli-context-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('agentic context', () => {
  it('prints the ranked files as JSON for a query file', async () => {
    const queryFile = join(dir, 'task.md');
    await writeFile(queryFile, 'Price formatting: formatPrice prints "$0.5" for fifty cents');
    const code = await main(['context', '--repo', SAMPLE_REPO, '--query-file', queryFile, '--budget', '300', '--json']);
    // 300 tokens hold the two small format files, not the larger cart sources.
    expect(code).toBe(0);
    const printed = JSON.parse(out) as Array<{ path: string; score: number }>;
    expect(printed[0]).toEqual({ path: 'src/format.js', score: expect.any(Number) });
    expect(printed.map((entry) => entry.path)).toContain('test/format.test.js');
    expect(Object.keys(printed[0] ?? {})).toEqual(['path', 'score']);
  });

  it('prints a readable table without --json', async () => {
    expect(await contextCommand(['--repo', SAMPLE_REPO, '--query', 'Cart addItem quantity'])).toBe(0);
    expect(out).toMatch(/^ {2}# {3}score {4}size {2}path\n/);
    expect(out).toMatch(/1 +[\d.]+ +\d+ +src\/cart\.js/);
    expect(out).toMatch(/of 4000 tokens used \(cost: content\)/);
  });

  it('documents itself and rejects bad usage with exit code 2', async () => {
    expect(await main(['context', '--help'])).toBe(0);
    expect(out).toContain('--query-file');
    expect(await main(['context', '--repo', SAMPLE_REPO, '--query', 'x', '--budget', 'lots'])).toBe(2);
    expect(err).toMatch(/--budget is "lots"/);
    expect(await main(['context', '--repo', SAMPLE_REPO])).toBe(2);
    expect(await main(['context', '--repo', SAMPLE_REPO, '--query', 'x', '--cost', 'everything'])).toBe(2);
    expect(await main(['context', '--repo', join(dir, 'missing'), '--query', 'x'])).toBe(2);
    expect(await main(['context', '--query-file', join(dir, 'missing.md')])).toBe(2);
    expect(err).toMatch(/cannot be read/);
  });
});
