import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, BOT_LOGIN, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { EMULATOR_OPENAI_KEY, startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { DIST } from '../harness/runner.js';

/** Asynchronous, so the emulators in this process can answer while the command runs. */
function agenticAsync(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${DIST}/cli.js`, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

function agentic(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [`${DIST}/cli.js`, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    timeout: 60_000,
  });
}

describe('agentic run', () => {
  let gh: GitHubEmulator;
  let model: ModelEmulator;
  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'o', repo: 'r', files: { 'src/a.js': 'export const a = 1;\n' } });
    model = await startModelEmulator();
    gh.state.commitFiles('automated/1-b', { 'src/a.js': 'export const a = 2;\n' }, { author: BOT_LOGIN, message: 'feat: b' });
    gh.state.addPullRequest({ head: 'automated/1-b', title: 'feat: b', user: BOT_LOGIN });
  });
  afterAll(async () => {
    await model.close();
    await gh.close();
  });

  it('reviews a pull request in dry-run against GITHUB_API_URL with the token and key from the environment, writing nothing', async () => {
    model.script([{ toolCalls: [{ name: 'report_findings', arguments: { findings: [] } }] }]);
    gh.resetRequests();
    const run = await agenticAsync(['run', 'cto-review', '--repo', 'o/r', '--pr', '1', '--dry-run', '--input', `base-url=${model.openaiBaseUrl}`], {
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_SERVER_URL: gh.serverUrl,
      GITHUB_TOKEN: gh.botToken,
      OPENAI_API_KEY: EMULATOR_OPENAI_KEY,
      // Reviews are commanded only by writers; a local run names who runs it, as a runner does.
      GITHUB_ACTOR: 'o',
    });
    expect(run.stderr).toContain('agentic: running cto-review on o/r PR #1 (dry run: no changes)');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/should-block = false/);
    expect(gh.writes()).toEqual([]);
    expect(gh.reads().length).toBeGreaterThan(0);
    expect(model.requests).toHaveLength(1);
  });

  it('explains usage errors', () => {
    expect(agentic(['run', 'cto-review'], { GITHUB_TOKEN: 'x' }).stderr).toMatch(/--repo owner\/name is required/);
    expect(agentic(['run', 'cfo-review', '--repo', 'o/r'], { GITHUB_TOKEN: 'x' }).stderr).toMatch(/name the action to run/);
    expect(agentic(['run', 'cto-review', '--repo', 'o/r'], {}).stderr).toMatch(/GITHUB_TOKEN is not set/);
    const help = agentic(['run', '--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/usage: agentic run/);
    expect(agentic(['demo', '--help'], {}).stdout).toMatch(/usage: agentic demo/);
    expect(agentic(['nope'], {}).status).toBe(2);
  });
});
