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
    // No CI in this folder: the template is copied as it is, with nothing to dispatch.
    const template = readFileSync(join(DIST, '..', 'workflows-templates', 'agentic.yml'), 'utf8');
    expect(readFileSync(join(dir, '.github', 'workflows', 'agentic.yml'), 'utf8')).toBe(template.replace(/^( +ci-workflow:) ci\.yml/m, '$1 ""'));
    expect(run.stdout).toContain('no CI workflow found');
    expect(readFileSync(join(dir, '.github', 'agentic.yml'), 'utf8')).toContain('protected-paths:');
    const labels = await createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl }).paginate('GET /repos/{owner}/{repo}/labels', {
      owner: 'o',
      repo: 'r',
      per_page: 100,
    });
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
    for (const file of ['agentic-implement.yml', 'agentic-review.yml', 'agentic-triage.yml', 'agentic-auto-merge.yml', 'agentic-nightly.yml'])
      expect(existsSync(join(dir, 'other', '.github', 'workflows', file))).toBe(true);
    mkdirSync(join(dir, 'forced'), { recursive: true });
    const forced = await agentic(['init', '--dir', dir, '--force']);
    expect(forced.stdout).toMatch(/wrote\s+\.github\/agentic\.yml/);
  });

  it('finds the CI workflow and writes it into the template, so agent branches are dispatched', async () => {
    const repoDir = mkdtempSync(join(tmpdir(), 'agentic-init-ci-'));
    try {
      mkdirSync(join(repoDir, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(repoDir, '.github', 'workflows', 'test.yml'), 'name: test\non:\n  push:\n  pull_request:\n  workflow_dispatch:\njobs: {}\n');
      writeFileSync(join(repoDir, '.github', 'workflows', 'release.yml'), 'on:\n  push:\n    tags: ["v*"]\n');
      const run = await agentic(['init', '--dir', repoDir]);
      expect(run.status).toBe(0);
      const written = readFileSync(join(repoDir, '.github', 'workflows', 'agentic.yml'), 'utf8');
      expect(written).toMatch(/^ {6}ci-workflow: test\.yml$/m);
      expect(run.stdout).toContain('.github/workflows/test.yml runs on push, pull_request and can be dispatched');
      const parts = await agentic(['init', '--dir', repoDir, '--parts']);
      expect(readFileSync(join(repoDir, '.github', 'workflows', 'agentic-implement.yml'), 'utf8')).toMatch(/^ {6}ci-workflow: test\.yml$/m);
      expect(parts.status).toBe(0);
    } finally {
      rmSync(repoDir, { recursive: true, force: true });
    }
  });

  it('says what to add when the CI cannot be dispatched, and writes no ci-workflow that would fail', async () => {
    const repoDir = mkdtempSync(join(tmpdir(), 'agentic-init-ci-'));
    try {
      mkdirSync(join(repoDir, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(repoDir, '.github', 'workflows', 'ci.yml'), 'on: [push, pull_request]\njobs: {}\n');
      const run = await agentic(['init', '--dir', repoDir]);
      expect(run.status).toBe(0);
      expect(readFileSync(join(repoDir, '.github', 'workflows', 'agentic.yml'), 'utf8')).toMatch(/^ {6}ci-workflow: ""$/m);
      expect(run.stdout).toContain('.github/workflows/ci.yml is your CI but cannot be dispatched');
      expect(run.stdout).toContain('workflow_dispatch:');
      const wrong = await agentic(['init', '--dir', repoDir, '--force', '--ci-workflow', 'nope.yml']);
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toContain('--ci-workflow nope.yml: there is no .github/workflows/nope.yml');
    } finally {
      rmSync(repoDir, { recursive: true, force: true });
    }
  });

  it('checks the repository settings and says to let Actions create pull requests, with the settings path', async () => {
    const locked = await startGitHubEmulator({ owner: 'o', repo: 'locked' });
    const repoDir = mkdtempSync(join(tmpdir(), 'agentic-init-settings-'));
    try {
      locked.state.setRepoSettings({ workflowPermissions: { defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false } });
      const env = { GITHUB_TOKEN: locked.tokenFor('o'), GITHUB_API_URL: locked.apiUrl };
      const run = await agentic(['init', '--dir', repoDir, '--repo', 'o/locked'], env);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/settings 1 to change before the loop can merge/);
      expect(run.stdout).toMatch(/change\s+GitHub Actions may not create pull requests/);
      expect(run.stdout).toContain('Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"');
      expect(locked.writes().every((request) => request.path.includes('/labels'))).toBe(true);
      locked.state.setRepoSettings({ workflowPermissions: { defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: true } });
      const fixed = await agentic(['init', '--dir', repoDir, '--repo', 'o/locked'], env);
      expect(fixed.stdout).toMatch(/settings nothing to change/);
      expect(fixed.stdout).toMatch(/ok\s+GitHub Actions may create pull requests/);
    } finally {
      rmSync(repoDir, { recursive: true, force: true });
      await locked.close();
    }
  });

  it('explains what it needs', async () => {
    const run = await agentic(['init', '--repo', 'o/r']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/needs GITHUB_TOKEN/);
    expect((await agentic(['init', '--help'])).stdout).toMatch(/usage: agentic init/);
  });
});
