import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTests } from '../../../src/implement/test-runner/index.js';

const SAMPLE_REPO = resolve(import.meta.dirname, '../../fixtures/sample-repo');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentic-tests-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runTests', () => {
  it('runs the sample repository suite green, then red after a real regression', async () => {
    await cp(SAMPLE_REPO, dir, { recursive: true });
    const green = await runTests({ workspace: dir, command: 'npm test', timeoutMs: 60_000 });
    expect(green).toMatchObject({ passed: true, exitCode: 0, timedOut: false, command: 'npm test' });
    expect(green.output).toMatch(/# pass 6/);

    const source = join(dir, 'src/discount.js');
    await writeFile(source, (await readFile(source, 'utf8')).replace('1 - percent / 100', '1 + percent / 100'));
    const red = await runTests({ workspace: dir, command: 'npm test', timeoutMs: 60_000 });
    expect(red.passed).toBe(false);
    expect(red.exitCode).not.toBe(0);
    expect(red.output).toMatch(/# fail [1-9]/);
    expect(red.output).toContain('takes a percentage off');
  });

  it('gives the child no token, key or runner secret (canary)', async () => {
    const canaries: Record<string, string> = {
      GITHUB_TOKEN: 'canary-github-token-0001',
      GH_TOKEN: 'canary-gh-token-0002',
      INPUT_GITHUB_TOKEN: 'canary-input-token-0003',
      'INPUT_OPENAI-API-KEY': 'canary-openai-input-0004',
      INPUT_ANTHROPIC_API_KEY: 'canary-anthropic-input-0005',
      OPENAI_API_KEY: 'canary-openai-key-0006',
      ANTHROPIC_API_KEY: 'canary-anthropic-key-0007',
      ACTIONS_RUNTIME_TOKEN: 'canary-actions-runtime-0008',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'canary-oidc-0009',
      NPM_TOKEN: 'canary-npm-0010',
      GIT_CONFIG_VALUE_0: 'canary-extraheader-0011',
      MY_SERVICE_PASSWORD: 'canary-password-0012',
    };
    const run = await runTests({
      workspace: dir,
      command: 'env; node -e "console.log(JSON.stringify(process.env))"',
      timeoutMs: 20_000,
      env: { ...process.env, ...canaries },
    });
    expect(run.passed).toBe(true);
    expect(run.output).toContain('PATH=');
    for (const [name, value] of Object.entries(canaries)) {
      expect(run.output, name).not.toContain(value);
    }
  });

  it('stops the whole process group at the deadline', async () => {
    const marker = join(dir, 'still-running');
    // The background child would write the marker after 3 s unless the group is killed with the shell.
    const run = await runTests({ workspace: dir, command: `(sleep 3 && touch ${marker}) & sleep 30`, timeoutMs: 500 });
    expect(run).toMatchObject({ passed: false, timedOut: true, exitCode: null });
    expect(run.output).toMatch(/did not finish within/);
    await new Promise((done) => setTimeout(done, 3_500));
    await expect(readFile(marker)).rejects.toThrow();
  });

  it('keeps the exit code and truncates a huge log to the budget, keeping head, failures and tail', async () => {
    const script = 'for i in $(seq 1 5000); do echo "ok line $i padding padding padding"; done; echo "FAILED: cart total is wrong"; for i in $(seq 1 5000); do echo "more $i"; done; echo "summary: 1 failed"; exit 3';
    const run = await runTests({ workspace: dir, command: script, timeoutMs: 20_000 });
    expect(run.exitCode).toBe(3);
    expect(run.passed).toBe(false);
    expect(run.output.length).toBeLessThanOrEqual(12_000);
    expect(run.output).toContain('ok line 1 ');
    expect(run.output).toContain('FAILED: cart total is wrong');
    expect(run.output).toContain('summary: 1 failed');
    expect(run.output).toMatch(/line\(s\) omitted/);
  });

  it('reports a command that cannot run as a failure, not a crash', async () => {
    const run = await runTests({ workspace: dir, command: 'definitely-not-a-command-xyz', timeoutMs: 10_000 });
    expect(run.passed).toBe(false);
    expect(run.exitCode).toBe(127);
  });
});
