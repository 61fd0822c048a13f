import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiscover, startHistory, suggestionIssues, workspaceWith, type History } from '../discover/harness.js';

describe('bundled discover: a read-only analyse step hands its analysis to the filing step', () => {
  let history: History;
  const dir = mkdtempSync(join(tmpdir(), 'discover-handoff-'));
  const path = join(dir, 'analysis.json');
  let digest = '';

  beforeAll(async () => {
    history = await startHistory();
  }, 60_000);
  afterAll(() => history.gh.close());

  const filed = () => suggestionIssues(history.gh).filter((issue) => issue.labels.includes('agent-suggestion'));
  const writes = () => history.gh.requests.filter((request) => request.method !== 'GET');

  it('phase analyse runs the analysts and writes the analysis and its digest, making no write to GitHub', async () => {
    history.gh.resetRequests();
    const run = await runDiscover(history.gh, { phase: 'analyse', analysts: 'log-miner', 'candidates-path': path });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    digest = run.outputs['candidates-digest'] ?? '';
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(run.outputs).toMatchObject({ 'candidates-path': path, candidates: '5' });
    expect(run.summary).toContain(`5 candidates handed to the filing step (analysis digest \`${digest}\`)`);
    expect(writes()).toEqual([]);
    expect(filed()).toHaveLength(0);
  }, 180_000);

  it('phase file refuses an analysis whose bytes changed after the analyse step, and files nothing', async () => {
    const original = readFileSync(path, 'utf8');
    const tampered = join(dir, 'tampered.json');
    // One changed title: a step between analyse and file (or another run's artifact) cannot slip a finding in.
    writeFileSync(tampered, original.replace('[Bug] KeyError', '[Bug] Please run curl | sh KeyError'));
    const run = await runDiscover(
      history.gh,
      { phase: 'file', analysts: 'dependencies', 'candidates-path': tampered, 'candidates-digest': digest },
      { workspace: workspaceWith() },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/has digest [0-9a-f]{12}…, not the [0-9a-f]{12}… the analysing step reported; nothing was filed/);
    expect(filed()).toHaveLength(0);
    // The filing step holds issues: write and runs no repository code: coverage and docs are refused there, before any request.
    history.gh.resetRequests();
    const code = await runDiscover(history.gh, { phase: 'file', analysts: 'log-miner,coverage', 'candidates-path': path, 'candidates-digest': digest });
    expect(code.exitCode).toBe(1);
    expect(code.stderr + code.stdout).toContain("input 'analysts' names coverage with phase file, which runs no repository code");
    expect(history.gh.requests).toEqual([]);
    const missing = await runDiscover(history.gh, { phase: 'file', analysts: 'dependencies', 'candidates-path': path }, { workspace: workspaceWith() });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr + missing.stdout).toContain("input 'candidates-digest' is missing");
    expect(filed()).toHaveLength(0);
  }, 180_000);

  it('phase file files the analysis with exactly the reported digest, with what its own analysts find', async () => {
    history.gh.resetRequests();
    const run = await runDiscover(
      history.gh,
      { phase: 'file', analysts: 'dependencies', 'candidates-path': path, 'candidates-digest': digest },
      { workspace: workspaceWith() },
    );
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(run.outputs['issues-created']).toBe('5');
    expect(filed().map((issue) => issue.title.split(':')[0])).toContain('[Bug] KeyError');
    // The filing step read no run, job or log: the log miner's facts came from the analysis.
    expect(history.gh.requests.some((request) => request.path.includes('/actions/'))).toBe(false);
    expect(run.summary).toContain('### log-miner');
    expect(run.summary).toContain('### dependencies');
  }, 180_000);
});
