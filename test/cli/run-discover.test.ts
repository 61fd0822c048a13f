import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../harness/runner.js';
import { NOW, startHistory, type History } from '../discover/harness.js';

function agentic(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${DIST}/cli.js`, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

describe('agentic run discover --dry-run', () => {
  let history: History;
  beforeAll(async () => {
    history = await startHistory();
  }, 60_000);
  afterAll(async () => {
    await history.gh.close();
  });

  it('prints every issue it would file, in full, and writes nothing', async () => {
    const { gh } = history;
    gh.resetRequests();
    // coverage and docs would run this checkout's own code: the test names the analysts that read no code.
    const run = await agentic(['run', 'discover', '--repo', 'acme/widgets', '--dry-run', '--input', 'analysts=log-miner,dependencies'], {
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_SERVER_URL: gh.serverUrl,
      GITHUB_TOKEN: gh.botToken,
      AGENTIC_WORKFLOW_NOW: NOW,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('agentic: running discover on acme/widgets (dry run: no changes)');
    expect(run.stdout).toContain('## agentic-workflow discover (dry run: nothing was filed)');
    expect(run.stdout).toContain('### What would be filed');
    expect(run.stdout).toMatch(/<details><summary>\\\[Bug\\\] TypeError: Cannot read properties of undefined/);
    expect(run.stdout).toContain('Labels: `agent-suggestion`, `needs-approval`, `severity-medium`, `source:log-miner`');
    expect(run.stdout).toMatch(/\| Occurrences \| 3 \|/);
    expect(run.stdout).toContain('issues-created = 0');
    expect(gh.writes()).toEqual([]);
    expect(gh.reads().length).toBeGreaterThan(0);
  });
});
