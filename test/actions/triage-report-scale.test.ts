import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_LOGIN, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { REPORT_TITLE, reportIssues, runTriage, seedSuggestion, startRepo, WEEK, type Severity } from '../triage/harness.js';

// Done when: 1,000 open suggestions give one report issue within 15 reads, grouped and counted correctly; a
// second run in the same week edits that issue and creates nothing.
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const SOURCES = ['cto-review', 'ciso-review', 'discovery'] as const;

describe('bundled triage-report over 1,000 open suggestions', () => {
  let gh: GitHubEmulator;
  const expected = new Map<string, number>();

  beforeAll(async () => {
    gh = await startRepo();
    for (let i = 0; i < 1000; i++) {
      const severity = SEVERITIES[i % 4] ?? 'medium';
      const source = SOURCES[i % 3] ?? 'cto-review';
      seedSuggestion(gh, { severity, source, createdAt: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 3_600_000).toISOString() });
      expected.set(`${severity}/${source}`, (expected.get(`${severity}/${source}`) ?? 0) + 1);
    }
    // Already decided: not in the report's list.
    seedSuggestion(gh, { state: 'closed', stateReason: 'not_planned', needsApproval: false });
    seedSuggestion(gh, { extraLabels: ['roadmap', 'priority-medium'], needsApproval: false });
    // Someone else's issue labelled like a suggestion is not one: the agents did not open it.
    seedSuggestion(gh, { author: 'bob' });
  }, 60_000);
  afterAll(async () => gh.close());

  it('creates one report within 15 reads, with every group counted', async () => {
    gh.resetRequests();
    const run = await runTriage(gh);
    expect(run.exitCode, run.stderr).toBe(0);
    const reports = reportIssues(gh);
    expect(reports.map((r) => [r.title, r.author])).toEqual([[REPORT_TITLE, BOT_LOGIN]]);
    expect(gh.state.issue(reports[0]?.number ?? 0)?.labelIds.map((id) => gh.state.labels.get(id)?.name)).toEqual(['triage-report']);
    expect(run.outputs).toEqual({
      'report-issue-number': String(reports[0]?.number),
      pending: '1000',
      approved: '0',
      rejected: '0',
      'dashboard-path': expect.any(String) as unknown as string,
    });

    const reads = gh.reads().length;
    expect(reads).toBeLessThanOrEqual(15);
    expect(gh.writes().map((w) => `${w.method} ${w.route}`)).toEqual(['POST /repos/{owner}/{repo}/labels', 'POST /repos/{owner}/{repo}/issues']);

    const body = reports[0]?.body ?? '';
    expect(body).toContain('## Waiting for a decision (1000)');
    const titles: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
    for (const severity of SEVERITIES) {
      for (const source of SOURCES) expect(body).toContain(`### ${titles[severity]} · ${source} (${expected.get(`${severity}/${source}`)})`);
    }
    // Severity first, then source, in that order.
    const headings = [...body.matchAll(/^### (.*) \(\d+\)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(SEVERITIES.flatMap((severity) => SOURCES.map((source) => `${titles[severity]} · ${source}`)));
    expect(body).toContain(`"period":"${WEEK}"`);
    expect(body.length).toBeLessThan(65_536);
    expect(run.summary).toContain('## Waiting for a decision (1000)');
  });

  it('a second run in the same week finds the same issue, creates nothing and, unchanged, writes nothing', async () => {
    const before = reportIssues(gh).map((r) => r.number);
    gh.resetRequests();
    const run = await runTriage(gh);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(reportIssues(gh).map((r) => r.number)).toEqual(before);
    expect(gh.writes()).toEqual([]);
    expect(gh.reads().length).toBeLessThanOrEqual(15);
    expect(run.summary).toContain('unchanged (nothing written)');
  });

  it('a later run of the same week edits that issue in place when something changed', async () => {
    // Oldest first within its group, so it is among the rows shown.
    seedSuggestion(gh, { severity: 'critical', title: 'A new finding', createdAt: '2026-08-01T00:00:00Z' });
    gh.resetRequests();
    const run = await runTriage(gh, { now: '2026-11-27T10:00:00Z' });
    expect(run.exitCode, run.stderr).toBe(0);
    const [report] = reportIssues(gh);
    expect(reportIssues(gh)).toHaveLength(1);
    expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /repos/acme/widgets/issues/${report?.number}`]);
    expect(report?.body).toContain('## Waiting for a decision (1001)');
    expect(report?.body).toContain('A new finding');
  });
});
