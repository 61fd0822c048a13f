import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnisolatedSandbox } from '../../../src/core/sandbox/unisolated-sandbox.js';
import { installDependencies } from '../../../src/implement/install/index.js';

// The install in the checkout itself, as on a runner that cannot isolate repository code.
describe('installing dependencies', () => {
  let workspace: string;
  let sandbox: UnisolatedSandbox;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'install-run-'));
    execFileSync('git', ['init', '-q', workspace]);
    writeFileSync(join(workspace, '.gitignore'), 'deps/\n');
    execFileSync('git', ['-C', workspace, 'add', '.']);
    execFileSync('git', ['-C', workspace, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init']);
    sandbox = new UnisolatedSandbox({ workspace, network: 'allow', privatePaths: [], env: process.env }, 'not isolated in this test');
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const install = (configured: string | undefined, timeoutMs = 20_000) => installDependencies({ sandbox, workspace, configured, timeoutMs });

  it('runs the configured command; what it writes under an ignored folder is fine', async () => {
    const report = await install('mkdir -p deps && echo installed > deps/a.txt && echo done');
    expect(report).toMatchObject({
      status: 'ok',
      steps: [{ command: 'mkdir -p deps && echo installed > deps/a.txt && echo done', because: 'install-command', exitCode: 0, timedOut: false }],
    });
    expect(report.output).toContain('done');
  });

  it('reports the exit code and the output of a failing install', async () => {
    const report = await install('echo "E404 no-such-package" >&2; exit 7');
    expect(report.status).toBe('failed');
    expect(report.note).toContain('exited with 7');
    expect(report.output).toContain('E404 no-such-package');
  });

  it('stops an install at its own time limit', async () => {
    const report = await install('sleep 30', 1_000);
    expect(report.status).toBe('failed');
    expect(report.steps[0]?.timedOut).toBe(true);
    expect(report.note).toContain('install-timeout-minutes');
  });

  it('refuses an install that leaves files git does not ignore, which would reach the pull request', async () => {
    const report = await install('mkdir -p vendor && echo x > vendor/lib.js');
    expect(report.status).toBe('failed');
    expect(report.note).toMatch(/changed files git tracks or does not ignore \(vendor\/lib\.js\)/);
  });

  it('installs nothing with "none", or when the repository has nothing to install', async () => {
    expect(await install('none')).toMatchObject({ status: 'skipped', steps: [], note: 'install-command is "none"' });
    expect((await install(undefined)).note).toMatch(/no lockfile or dependency manifest found/);
  });
});
