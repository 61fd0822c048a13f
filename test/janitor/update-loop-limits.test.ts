import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnisolatedSandbox } from '../../src/core/sandbox/index.js';
import { pullBody, type JanitorReport } from '../../src/janitor/report.js';
import type { PlannedUpdate } from '../../src/janitor/types.js';
import { runUpdates, type LoopOptions, type PlannedWork } from '../../src/janitor/update-loop.js';

// The loop on a real shell: each "update" rewrites a pin in deps.txt, the "tests" are a shell test on that file.
// The clock is injected: a step of the fake clock per reading, never the wall time.
const PACKAGES = ['alpha', 'bravo', 'charlie', 'delta'];

function work(): PlannedWork[] {
  return PACKAGES.map((name) => {
    const update: PlannedUpdate = {
      ecosystem: 'python',
      tool: 'pip',
      name,
      from: '1.0.0',
      to: '1.1.0',
      kind: 'minor',
      command: `sed -i 's/^${name}==1.0.0$/${name}==1.1.0/' deps.txt`,
      changelog: `https://pypi.org/project/${name}/#history`,
    };
    return { update, files: ['deps.txt'] };
  });
}

describe('the update loop stops at max-updates and at the time budget', () => {
  let workspace: string;
  let sandbox: UnisolatedSandbox;
  const original = `${PACKAGES.map((name) => `${name}==1.0.0`).join('\n')}\n`;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'janitor-loop-'));
    writeFileSync(join(workspace, 'deps.txt'), original);
    execFileSync('git', ['init', '-q', workspace]);
    sandbox = new UnisolatedSandbox({ workspace, network: 'allow', env: process.env, privatePaths: [] }, 'a test on this machine');
  });
  afterEach(async () => {
    await sandbox.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  const options = (overrides: Partial<LoopOptions>): LoopOptions => ({
    sandbox,
    workspace,
    testCommand: 'grep -q "==" deps.txt',
    installCommand: 'none',
    installTimeoutMs: 60_000,
    testTimeoutMs: 60_000,
    maxUpdates: 10,
    deadline: Number.POSITIVE_INFINITY,
    tracked: ['deps.txt'],
    now: () => 0,
    log: () => undefined,
    ...overrides,
  });

  function report(loop: Awaited<ReturnType<typeof runUpdates>>): JanitorReport {
    return {
      baseSha: 'a'.repeat(40),
      testCommand: 'grep -q "==" deps.txt',
      isolation: 'not isolated',
      results: loop.results,
      notAttempted: loop.notAttempted,
      majors: [],
      majorIssues: new Map(),
      skipped: [],
      notes: [],
      week: '2026-12-06',
    };
  }

  it('tries only max-updates packages; the rest are left for next week in the pull request body', async () => {
    const loop = await runUpdates(work(), options({ maxUpdates: 2 }));
    expect(loop.results.map((result) => [result.update.name, result.status])).toEqual([
      ['alpha', 'kept'],
      ['bravo', 'kept'],
    ]);
    expect(loop.notAttempted.map((item) => [item.update.name, item.reason])).toEqual([
      ['charlie', 'max-updates (2) reached'],
      ['delta', 'max-updates (2) reached'],
    ]);
    // The checkout holds the two kept pins and not the others.
    expect(readFileSync(join(workspace, 'deps.txt'), 'utf8')).toBe('alpha==1.1.0\nbravo==1.1.0\ncharlie==1.0.0\ndelta==1.0.0\n');
    const body = pullBody(report(loop), undefined);
    expect(body).toContain('### Left for next week (2)');
    expect(body).toContain('Not tried this run: max-updates (2) reached.');
    expect(body).toMatch(/- `charlie` `1\.0\.0` → `1\.1\.0` \(minor\)/);
    expect(body).toMatch(/- `delta` `1\.0\.0` → `1\.1\.0` \(minor\)/);
    expect(body).not.toMatch(/- `alpha`[^\n]*\(minor\)\. \[Changelog\]/);
  });

  it('starts no update once the injected clock passes the deadline; what was not started is left for next week', async () => {
    // Each reading of the clock advances it by 10 minutes; the budget ends at minute 45.
    let minutes = 0;
    const now = () => {
      const reading = minutes * 60_000;
      minutes += 10;
      return reading;
    };
    const loop = await runUpdates(work(), options({ deadline: 45 * 60_000, now }));
    const tried = loop.results.map((result) => result.update.name);
    // Readings at 0, 10, 20 …: alpha starts at minute 0, its three timeouts read 10, 20 and 30; bravo starts at
    // 40; at the next reading (80) the 45-minute budget is over, so charlie and delta are not started.
    expect(tried).toEqual(['alpha', 'bravo']);
    expect(loop.notAttempted.map((item) => item.update.name)).toEqual(PACKAGES.slice(tried.length));
    expect(loop.notAttempted.every((item) => item.reason === 'the time budget ran out')).toBe(true);
    const body = pullBody(report(loop), undefined);
    expect(body).toContain(`### Left for next week (${PACKAGES.length - tried.length})`);
    expect(body).toContain('Not tried this run: the time budget ran out.');
  });

  it('control: with room in both limits every update is tried and nothing is left over', async () => {
    const loop = await runUpdates(work(), options({ maxUpdates: 4, deadline: 1_000 }));
    expect(loop.results.map((result) => result.status)).toEqual(['kept', 'kept', 'kept', 'kept']);
    expect(loop.notAttempted).toEqual([]);
    expect(pullBody(report(loop), undefined)).not.toContain('Left for next week');
  });
});
