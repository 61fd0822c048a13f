import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_OPENAI_KEY, startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { readIssueFile } from '../../src/cli/issue-file.js';
import { DIST } from '../harness/runner.js';
import { ISSUE, redThenGreen, SAMPLE_REPO, scriptAgent } from '../implement/scenario.js';

/** Asynchronous, so the model emulator in this process can answer while the command runs. */
function agentic(args: string[], cwd: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${DIST}/cli.js`, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

describe('agentic run implement --issue-file', () => {
  let model: ModelEmulator;
  let checkout: string;
  let issueFile: string;
  beforeAll(async () => {
    model = await startModelEmulator();
    checkout = mkdtempSync(join(tmpdir(), 'agentic-issue-file-'));
    cpSync(SAMPLE_REPO, checkout, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-C', checkout, ...args], { stdio: 'ignore' });
    git('init', '-q', '-b', 'trunk');
    git('add', '-A');
    git('-c', 'user.name=dev', '-c', 'user.email=dev@example.com', 'commit', '-qm', 'initial');
    issueFile = join(tmpdir(), `issue-${process.pid}.md`);
    writeFileSync(issueFile, `# ${ISSUE.title}\n\n${ISSUE.body}\n`);
  });
  afterAll(async () => {
    await model.close();
    rmSync(checkout, { recursive: true, force: true });
    rmSync(issueFile, { force: true });
  });

  it('implements the issue from the file on this checkout with GitHub emulated, without a GitHub token', { timeout: 240_000 }, async () => {
    const agent = scriptAgent(model, { loop: redThenGreen() });
    const run = await agentic(
      ['run', 'implement', '--dry-run', '--issue-file', issueFile, '--input', `base-url=${model.openaiBaseUrl}`, '--input', 'install-command=none'],
      checkout,
      {
        OPENAI_API_KEY: EMULATOR_OPENAI_KEY,
      },
    );
    expect(run.stderr).toContain(
      `GitHub is emulated on this machine for --issue-file: local/${checkout.split('/').pop()} holds this checkout's HEAD and issue #1 "${ISSUE.title}"`,
    );
    expect(run.status).toBe(0);
    expect(agent.loopCalls()).toBe(6);
    expect(run.stdout).toContain('dry run');
    expect(run.stdout).toContain('would push `automated/1-show-thousands-separators-in-prices`');
    expect(run.stdout).toMatch(/status = opened/);
    // The plan and the edits came from the issue in the file.
    expect(JSON.stringify(model.requests.map((request) => request.messages))).toContain('formatPrice(123456) prints $1234.56');
  });

  it('takes the title from the first heading and refuses a file without one, or a run that is not a dry run', async () => {
    const plain = join(checkout, '..', `plain-${process.pid}.md`);
    writeFileSync(plain, 'Some words\n\n## Add a widget ##\n\nThe body.\n');
    const parsed = readIssueFile(plain);
    expect(parsed.title).toBe('Add a widget');
    expect(parsed.body).toMatch(/^Some words\s+The body\.$/);
    writeFileSync(plain, 'no heading at all\n');
    const refused = await agentic(['run', 'implement', '--dry-run', '--issue-file', plain], checkout, { OPENAI_API_KEY: 'k' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('the title comes from the first markdown heading');
    const live = await agentic(['run', 'implement', '--issue-file', issueFile], checkout, { OPENAI_API_KEY: 'k' });
    expect(live.stderr).toContain('--issue-file runs only as a dry run: add --dry-run');
    rmSync(plain, { force: true });
    const help = await agentic(['run', '--help'], checkout, {});
    expect(help.stdout).toContain('GITHUB_ACTOR');
    expect(help.stdout).toContain('--issue-file');
  });

  it('outside a git checkout (or in one without a commit) says so in one line, and starts nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'agentic-not-a-checkout-'));
    try {
      const outside = await agentic(['run', 'implement', '--dry-run', '--issue-file', issueFile], folder, { OPENAI_API_KEY: 'k' });
      expect(outside.status).toBe(2);
      expect(outside.stderr.trim().split('\n')).toEqual([
        `agentic: --issue-file runs inside a git checkout with at least one commit, and ${folder} is not one: cd into your repository's clone first`,
        'Run "agentic run --help" for usage.',
      ]);
      execFileSync('git', ['-C', folder, 'init', '-q']);
      const empty = await agentic(['run', 'implement', '--dry-run', '--issue-file', issueFile], folder, { OPENAI_API_KEY: 'k' });
      expect(empty.status).toBe(2);
      expect(empty.stderr).toContain('is not one: cd into your repository');
      expect(empty.stderr).not.toMatch(/internal error|fatal:|at \w+ \(/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
