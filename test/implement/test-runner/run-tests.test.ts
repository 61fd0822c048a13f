import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSandbox, UnisolatedSandbox, type Sandbox } from '../../../src/core/sandbox/index.js';
import { runTests } from '../../../src/implement/test-runner/index.js';

const SAMPLE_REPO = resolve(import.meta.dirname, '../../fixtures/sample-repo');

let dir: string;
const opened: Sandbox[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentic-tests-'));
});
afterEach(async () => {
  for (const sandbox of opened.splice(0)) await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

type Kind = 'sandbox' | 'fallback without isolation';

/** The sandbox the action opens on this machine (isolated where it can be), and the fallback for runners that cannot. */
async function sandboxFor(kind: Kind, env: NodeJS.ProcessEnv = process.env): Promise<Sandbox> {
  const options = { workspace: dir, network: 'allow' as const, privatePaths: [], env, allowUnisolated: true };
  const sandbox = kind === 'sandbox' ? await openSandbox(options) : new UnisolatedSandbox(options, 'this test asks for the fallback');
  opened.push(sandbox);
  return sandbox;
}

describe.each<Kind>(['sandbox', 'fallback without isolation'])('runTests (%s)', (kind) => {
  it('runs the sample repository suite green, then red after a real regression', async () => {
    await cp(SAMPLE_REPO, dir, { recursive: true });
    const sandbox = await sandboxFor(kind);
    const green = await runTests({ sandbox, command: 'npm test', timeoutMs: 60_000 });
    expect(green).toMatchObject({ passed: true, exitCode: 0, timedOut: false, command: 'npm test' });
    expect(green.output).toMatch(/# pass 6/);

    const source = join(dir, 'src/discount.js');
    await writeFile(source, (await readFile(source, 'utf8')).replace('1 - percent / 100', '1 + percent / 100'));
    const red = await runTests({ sandbox, command: 'npm test', timeoutMs: 60_000 });
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
    const sandbox = await sandboxFor(kind, { ...process.env, ...canaries });
    const run = await runTests({ sandbox, command: 'env; node -e "console.log(JSON.stringify(process.env))"', timeoutMs: 20_000 });
    expect(run.passed).toBe(true);
    expect(run.output).toContain('PATH=');
    for (const [name, value] of Object.entries(canaries)) {
      expect(run.output, name).not.toContain(value);
    }
  });

  it('stops the whole process group at the deadline', async () => {
    const marker = join(tmpdir(), `still-running-${process.pid}-${Date.now()}`);
    const sandbox = await sandboxFor(kind);
    // The background child would write the marker after 3 s unless the group is killed with the shell.
    const run = await runTests({ sandbox, command: `(sleep 3 && touch ${marker}) & sleep 30`, timeoutMs: 500 });
    expect(run).toMatchObject({ passed: false, timedOut: true, exitCode: null });
    expect(run.output).toMatch(/did not finish within/);
    await new Promise((done) => setTimeout(done, 3_500));
    await expect(readFile(marker)).rejects.toThrow();
  });

  it('keeps the exit code and truncates a huge log to the budget, keeping head, failures and tail', async () => {
    const script =
      'for i in $(seq 1 5000); do echo "ok line $i padding padding padding"; done; echo "FAILED: cart total is wrong"; for i in $(seq 1 5000); do echo "more $i"; done; echo "summary: 1 failed"; exit 3';
    const run = await runTests({ sandbox: await sandboxFor(kind), command: script, timeoutMs: 20_000 });
    expect(run.exitCode).toBe(3);
    expect(run.passed).toBe(false);
    expect(run.output.length).toBeLessThanOrEqual(12_000);
    expect(run.output).toContain('ok line 1 ');
    expect(run.output).toContain('FAILED: cart total is wrong');
    expect(run.output).toContain('summary: 1 failed');
    expect(run.output).toMatch(/line\(s\) omitted/);
  });

  it('reports a command that cannot run as a failure, not a crash', async () => {
    const run = await runTests({ sandbox: await sandboxFor(kind), command: 'definitely-not-a-command-xyz', timeoutMs: 10_000 });
    expect(run.passed).toBe(false);
    expect(run.exitCode).toBe(127);
  });
});
