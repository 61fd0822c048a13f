import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { DEFAULT_LABELS } from '../../src/core/labels.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { DIST } from '../harness/runner.js';

function agentic(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(DIST, 'cli.js'), ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

describe('agentic init', () => {
  let gh: GitHubEmulator;
  let dir: string;
  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'o', repo: 'r' });
    dir = mkdtempSync(join(tmpdir(), 'agentic-init-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await gh.close();
  });

  it('copies the whole-loop template and the policy example, and creates every label through the API', async () => {
    const run = await agentic(['init', '--dir', dir, '--repo', 'o/r'], { GITHUB_TOKEN: gh.botToken, GITHUB_API_URL: gh.apiUrl });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, '.github', 'workflows', 'agentic.yml'), 'utf8')).toBe(readFileSync(join(DIST, '..', 'workflows-templates', 'agentic.yml'), 'utf8'));
    expect(readFileSync(join(dir, '.github', 'agentic.yml'), 'utf8')).toContain('protected-paths:');
    const labels = await createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl }).paginate('GET /repos/{owner}/{repo}/labels', { owner: 'o', repo: 'r', per_page: 100 });
    expect(labels.map((label) => label.name)).toEqual(expect.arrayContaining(Object.values(DEFAULT_LABELS)));
    expect(run.stdout).toMatch(new RegExp(`labels\\s+${Object.values(DEFAULT_LABELS).length} created`));
  });

  it('keeps existing files unless --force, and installs the per-workflow templates with --parts', async () => {
    writeFileSync(join(dir, '.github', 'agentic.yml'), 'labels: {}\n');
    const kept = await agentic(['init', '--dir', dir]);
    expect(kept.stdout).toMatch(/kept\s+\.github\/agentic\.yml/);
    expect(readFileSync(join(dir, '.github', 'agentic.yml'), 'utf8')).toBe('labels: {}\n');
    mkdirSync(join(dir, 'other'));
    const parts = await agentic(['init', '--dir', join(dir, 'other'), '--parts']);
    expect(parts.status).toBe(0);
    for (const file of ['agentic-implement.yml', 'agentic-review.yml', 'agentic-triage.yml', 'agentic-auto-merge.yml']) expect(existsSync(join(dir, 'other', '.github', 'workflows', file))).toBe(true);
    mkdirSync(join(dir, 'forced'), { recursive: true });
    const forced = await agentic(['init', '--dir', dir, '--force']);
    expect(forced.stdout).toMatch(/wrote\s+\.github\/agentic\.yml/);
  });

  it('explains what it needs', async () => {
    const run = await agentic(['init', '--repo', 'o/r']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/needs GITHUB_TOKEN/);
    expect((await agentic(['init', '--help'])).stdout).toMatch(/usage: agentic init/);
  });
});
