import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { runAction } from '../harness/runner.js';
import { HISTORY_NOW, HOSTILE_TITLE, startHistory, type History } from './factory-history.js';

describe('bundled triage-report builds the dashboard', () => {
  let gh: GitHubEmulator;
  let history: History;
  const out = mkdtempSync(join(tmpdir(), 'agentic-dashboard-test-'));

  beforeAll(async () => {
    ({ gh, history } = await startHistory());
  }, 180_000);

  afterAll(async () => {
    await gh.close();
    rmSync(out, { recursive: true, force: true });
  });

  function triage(inputs: Record<string, string>) {
    return runAction({
      entry: 'triage-report.js',
      inputs: { 'github-token': gh.botToken, 'dry-run': 'true', ...inputs },
      eventName: 'workflow_dispatch',
      event: { inputs: {} },
      apiUrl: gh.apiUrl,
      serverUrl: gh.serverUrl,
      repository: 'acme/shop',
      env: { AGENTIC_WORKFLOW_NOW: HISTORY_NOW.toISOString() },
      timeoutMs: 120_000,
    });
  }

  test('from the report’s own listings, with the page path as an output and a line in the summary; a dry run writes nothing to GitHub', async () => {
    const dir = join(out, 'site');
    gh.resetRequests();
    const run = await triage({ 'dashboard-dir': dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.outputs['dashboard-path']).toBe(dir);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('Fix rounding of totals');
    expect(html).toContain(`/acme/shop/pull/${history.openPulls.blocked}`);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(HOSTILE_TITLE).toContain('<img');
    expect(html).not.toContain(gh.botToken);
    expect(run.summary).toContain(`Dashboard written to \`${dir}/index.html\``);
    expect(gh.writes()).toHaveLength(0);
    // The triage listings are not read twice: the bot's listing, and the roadmap page read in the policy's query.
    expect(gh.requests.filter((request) => request.method === 'GET' && request.path === '/repos/acme/shop/issues')).toHaveLength(1);
    expect(gh.requests.filter((request) => request.route === 'graphql:TriagePolicyAndRoadmap')).toHaveLength(1);
  });

  test('dashboard: false builds no page and sets no output', async () => {
    const dir = join(out, 'none');
    const run = await triage({ dashboard: 'false', 'dashboard-dir': dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.outputs['dashboard-path']).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });
});
