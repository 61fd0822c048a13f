import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { fixture, runDiscover, startHistory, suggestionIssues, workspaceWith, type History } from '../discover/harness.js';

describe('bundled discover: the log miner on a week of CI history', () => {
  let history: History;
  let model: ModelEmulator;

  beforeAll(async () => {
    history = await startHistory();
    model = await startModelEmulator();
  }, 60_000);
  afterAll(async () => {
    await history.gh.close();
    await model.close();
  });

  it('files one suggestion per recurring error, bugs apart from the flaky test, with the evidence, and calls no model', async () => {
    const { gh } = history;
    // A model is configured and reachable: the log miner must still not call it.
    const run = await runDiscover(gh, { 'openai-api-key': 'sk-test-key-for-the-emulator', 'base-url': model.openaiBaseUrl });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(model.requests).toHaveLength(0);
    const issues = suggestionIssues(gh);
    expect(run.outputs['issues-created']).toBe('5');
    expect(JSON.parse(run.outputs['created-issues'] ?? '[]')).toEqual(issues.map((issue) => issue.number));
    const titles = issues.map((issue) => issue.title);
    expect(titles).toEqual([
      "[Bug] TypeError: Cannot read properties of undefined (reading 'price') for line 1 of order 1234abcd99 in src/cart.ts",
      "[Bug] KeyError: 'customer' in app/invoice.py",
      '[Bug] OrderNotFoundError: order 19233 not found in /var/data/orders.db in src/orders/load.ts',
      '[Bug] panic: runtime error: index out of range [5] with length 3 in cart/cart.go',
      '[Flaky test] notifier › sends the shipping e-mail: Error: Exceeded timeout of 5000 ms for a test.',
    ]);
    const [cart, , , , flaky] = issues;
    // Equal value and severity: the order is stable (by title) so reruns decide the same way.
    expect(cart?.labels).toEqual(['agent-suggestion', 'needs-approval', 'severity-medium', 'source:log-miner']);
    expect(cart?.body).toMatch(/\| Occurrences \| 3 \|/);
    expect(cart?.body).toMatch(/\| First seen \| 2026-12-01 \d\d:\d\d UTC \|/);
    expect(cart?.body).toContain('❯ lineTotal src/cart.ts:14:22');
    expect(cart?.body).toContain(`${gh.serverUrl}/acme/widgets/actions/runs/`);
    expect(cart?.body).toMatch(/<!-- agentic-workflow:suggestion \{.*"source":"discovery".*"category":"log-miner:bug"/);
    expect(flaky?.labels).toContain('severity-low');
    expect(flaky?.body).toContain('failed and passed on the same commit');
    // Noise stays out: the feature branch and the run older than the window both held a ValueError.
    expect(issues.some((issue) => issue.title.includes('ValueError'))).toBe(false);
    expect(run.summary).toContain('1 failed job log has expired');
    expect(run.summary).toMatch(/Workflow runs on main since 2026-11-29: 8 failed/);
  });

  it('files nothing new when run again on the same data', async () => {
    const before = suggestionIssues(history.gh).length;
    const run = await runDiscover(history.gh);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ 'issues-created': '0', known: '5' });
    expect(suggestionIssues(history.gh)).toHaveLength(before);
  });

  it('never files a rejected finding again, even when it keeps happening', async () => {
    const { gh, shas } = history;
    const go = suggestionIssues(gh).find((issue) => issue.title.includes('panic'));
    const record = gh.state.issue(go?.number ?? 0);
    if (!record) throw new Error('no Go suggestion');
    // Rejected in triage: closed as not planned.
    record.state = 'closed';
    record.stateReason = 'not_planned';
    gh.state.addWorkflowRun({ status: 'completed', conclusion: 'failure', head_sha: shas[5], created_at: '2026-12-05T09:00:00Z', workflow: 'go.yml' });
    const latest = [...gh.state.workflowRuns.values()].at(-1);
    gh.state.addWorkflowJob({ run_id: latest?.id ?? 0, name: 'go test', log: fixture('logs/go-panic.log') });
    const run = await runDiscover(gh);
    expect(run.outputs).toMatchObject({ 'issues-created': '0', rejected: '1', known: '4' });
    expect(run.summary).toMatch(/rejected before in \[#\d+\]/);
  });

  it('holds the nightly cap, most valuable first, and leaves the rest for the next night', async () => {
    const fresh = await startHistory();
    try {
      const run = await runDiscover(fresh.gh, { 'max-new-issues': '2' });
      expect(run.outputs).toMatchObject({ 'issues-created': '2', deferred: '3' });
      // The TypeError (3 occurrences on 3 commits) and the KeyError (2 on 2) outrank the one-off failures.
      expect(suggestionIssues(fresh.gh).map((issue) => issue.title.slice(0, 14))).toEqual(['[Bug] TypeErro', '[Bug] KeyError']);
      expect(run.summary).toMatch(/over tonight's cap of 2: next night/);
      const next = await runDiscover(fresh.gh, { 'max-new-issues': '2' });
      expect(next.outputs).toMatchObject({ 'issues-created': '2', known: '2', deferred: '1' });
    } finally {
      await fresh.gh.close();
    }
  });

  it('clusters a JSON-lines error log with the CI failures and names the lines that are not JSON', async () => {
    const fresh = await startHistory();
    try {
      const workspace = workspaceWith({ 'errors.jsonl': fixture('errors.jsonl') });
      const run = await runDiscover(fresh.gh, { 'log-file': 'errors.jsonl', 'log-source-root': '/srv/app', 'max-new-issues': '10' }, { workspace });
      expect(run.exitCode, run.stderr).toBe(0);
      const titles = suggestionIssues(fresh.gh).map((issue) => issue.title);
      expect(titles).toContain("[Bug] TypeError: Cannot read properties of null (reading 'email') in src/notify.js");
      expect(titles.some((title) => title.startsWith('[Bug] decimal.InvalidOperation'))).toBe(true);
      expect(run.summary).toContain('Error log errors.jsonl: 6 lines, 3 errors.');
      expect(run.summary).toMatch(/1 line is not a JSON object and was skipped \(line 5\)/);
    } finally {
      await fresh.gh.close();
    }
  });

  it('redacts a token a CI step printed before it reaches an issue', async () => {
    const fresh = await startHistory();
    try {
      const token = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
      const log = fixture('logs/node-server.log').replace('order 19233 not found in /var/data/orders.db', `order 19233 not found (auth ${token})`);
      const run = fresh.gh.state.addWorkflowRun({
        status: 'completed',
        conclusion: 'failure',
        head_sha: fresh.shas[0],
        created_at: '2026-12-05T10:00:00Z',
        workflow: 'leak.yml',
      });
      fresh.gh.state.addWorkflowJob({ run_id: run.id, name: 'smoke', log });
      const result = await runDiscover(fresh.gh, { 'max-new-issues': '10' });
      expect(result.exitCode, result.stderr).toBe(0);
      const bodies = suggestionIssues(fresh.gh)
        .map((issue) => `${issue.title}\n${issue.body}`)
        .join('\n');
      expect(bodies).not.toContain(token);
      // Control: the rest of the same error is there.
      expect(bodies).toContain('OrderNotFoundError: order 19233 not found (auth ghp_');
    } finally {
      await fresh.gh.close();
    }
  });

  it('refuses an unknown analyst with a one-line error naming the known ones', async () => {
    const run = await runDiscover(history.gh, { analysts: 'log-miner,crystal-ball' });
    expect(run.exitCode).not.toBe(0);
    expect(run.summary).toContain(`input 'analysts' names "crystal-ball"; expected some of log-miner`);
  });
});
