import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../harness/runner.js';
import { startJanitorWorld } from '../janitor/scenario.js';

/** Asynchronous, so the emulators in this process can answer while the command runs. */
function agentic(args: string[], cwd: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${DIST}/cli.js`, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

// A checkout whose npm config is the person's own (npm_config_registry), not a committed .npmrc: the dry run
// asks that registry what is outdated, installs and tests each update on this machine, and writes nothing.
describe('agentic run janitor --dry-run', { timeout: 600_000 }, () => {
  it('lists what it would update, runs the tests for each against the configured registry, and writes nothing to GitHub or the checkout', async () => {
    const world = await startJanitorWorld({ npmrc: false });
    try {
      world.gh.resetRequests();
      const env = {
        GITHUB_API_URL: world.gh.apiUrl,
        GITHUB_SERVER_URL: world.gh.serverUrl,
        GITHUB_TOKEN: world.gh.botToken,
        npm_config_registry: world.registry.url,
        AGENTIC_WORKFLOW_NOW: '2026-12-06T03:00:00Z',
      };
      const run = await agentic(['run', 'janitor', '--repo', 'acme/shop', '--dry-run', '--input', 'ecosystems=npm'], world.workspace, env);
      expect(run.stderr).toContain('agentic: running janitor on acme/shop (dry run: no changes)');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Dry run: 2 kept, 1 reverted, 1 major left for a person. Nothing was pushed or filed.');
      expect(run.stdout).toMatch(/\| `tint` \| `1\.0\.0` → `1\.1\.0` \| minor \| tests passed/);
      expect(run.stdout).toMatch(/\| `money` \| `1\.0\.0` → `1\.2\.0` \| minor \| tests passed/);
      expect(run.stdout).toMatch(/`colorize` `1\.0\.0` → `1\.1\.0`: the tests failed; first failing test `colorize wraps text in brackets`/);
      expect(run.stdout).toMatch(/status = dry-run/);
      // The configured registry was asked (outdated report, new tarballs): it reached the package manager.
      expect(world.registry.requests.some((request) => request.path.endsWith('/tint-1.1.0.tgz'))).toBe(true);
      expect(world.gh.writes()).toEqual([]);
      expect(execFileSync('git', ['-C', world.workspace, 'status', '--porcelain'], { encoding: 'utf8' })).toBe('');
      expect(readFileSync(join(world.workspace, 'package-lock.json'), 'utf8')).toBe(world.files['package-lock.json']);
    } finally {
      await world.close();
    }
  });
});
