import { parse } from '@mermaid-js/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { BOT_LOGIN, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { setIssueState } from '../../src/emulators/github/state/issue-actions.js';
import { mergePull, setPullOpen } from '../../src/emulators/github/state/pull-actions.js';
import { flowchartErrors, mermaidBlocks } from '../triage/flowchart-grammar.js';
import { commentEvent, NOW, reportIssues, runTriage, seedSuggestion, startRepo } from '../triage/harness.js';

// Done when: metrics match a hand-computed fixture (merge rate, acceptance rate, cost per implementation,
// medians) and the Mermaid blocks are valid. The fixture (the same as test/triage/metrics.test.ts), week
// 2026-W48 = 23–29 November 2026:
//
//   PR   claimed → opened (min)   cost   outcome
//   51   11-10 09:00 → 09:40 (40)  0.60   merged 11-10 13:40 (4 h)
//   52   11-23 07:30 → 08:00 (30)  0.40   merged 11-24 08:00 (24 h)        this week
//   53   11-24 08:00 → 09:00 (60)  1.10   closed unmerged 11-24 12:00      this week
//   54   11-25 07:50 → 08:00 (10)  0.30   open                             this week
//   55   11-02 09:00 → 10:00 (60)  0.50   merged 11-03 10:00 (24 h)
//
//   week:     opened 3, merged 1, closed unmerged 1 → merge rate 50%; cost (0.40+1.10+0.30)/3 = $0.6000;
//             claim → PR median(30, 60, 10) = 30 min; PR → merge 24 h
//   all time: opened 5, merged 3, closed unmerged 1 → 75%; cost 2.90/5 = $0.5800;
//             claim → PR median(10, 30, 40, 60, 60) = 40 min; PR → merge median(4, 24, 24) = 24 h
//
//   suggestions: approved before (S1), approved by /approve this week (S3), rejected this week (S4, raised
//   this week), rejected before (S5), waiting (S6 raised this week, S7), closed as completed (S8)
//   week:     approved 1, rejected 1 → acceptance 50%; raised 2, of which rejected 1 → false positives 50%
//   all time: approved 2, rejected 2 → 50%; raised 7, rejected 2 → 29%
describe('bundled triage-report metrics', () => {
  let gh: GitHubEmulator;
  let body = '';

  function automatedPull(number: number, opened: string, claimed: string, costUsd: number): number {
    gh.clock.set(opened);
    gh.state.commitFiles(`automated/${number}-fix`, { [`fix-${number}.txt`]: 'x\n' }, { author: BOT_LOGIN });
    const marker = formatMarker('implement-pr', { issue: number + 100, costUsd, openedAt: opened, claimedAt: claimed });
    const pull = gh.state.addPullRequest({
      head: `automated/${number}-fix`,
      title: `Fix ${number}`,
      body: `Plan…\n\n${marker}`,
      user: BOT_LOGIN,
      labels: ['automated'],
    });
    return pull.number;
  }

  function merge(pull: number, at: string): void {
    gh.clock.set(at);
    const record = gh.state.pull(pull);
    if (!record) throw new Error(`no PR ${pull}`);
    mergePull(gh.state, record, { method: 'merge', actor: 'acme' });
  }

  function closeAt(number: number, reason: 'not_planned' | 'completed', at: string): void {
    gh.clock.set(at);
    const issue = gh.state.issue(number);
    if (!issue) throw new Error(`no issue ${number}`);
    setIssueState(gh.state, issue, 'closed', reason, 'mia');
  }

  beforeAll(async () => {
    gh = await startRepo();
    const p51 = automatedPull(51, '2026-11-10T09:40:00Z', '2026-11-10T09:00:00Z', 0.6);
    merge(p51, '2026-11-10T13:40:00Z');
    const p52 = automatedPull(52, '2026-11-23T08:00:00Z', '2026-11-23T07:30:00Z', 0.4);
    merge(p52, '2026-11-24T08:00:00Z');
    const p53 = automatedPull(53, '2026-11-24T09:00:00Z', '2026-11-24T08:00:00Z', 1.1);
    gh.clock.set('2026-11-24T12:00:00Z');
    const record53 = gh.state.pull(p53);
    if (record53) setPullOpen(gh.state, record53, false, 'acme');
    automatedPull(54, '2026-11-25T08:00:00Z', '2026-11-25T07:50:00Z', 0.3);
    const p55 = automatedPull(55, '2026-11-02T10:00:00Z', '2026-11-02T09:00:00Z', 0.5);
    merge(p55, '2026-11-03T10:00:00Z');
    gh.clock.set(NOW);

    seedSuggestion(gh, { createdAt: '2026-11-01T00:00:00Z', extraLabels: ['roadmap', 'priority-high'], needsApproval: false });
    const s3 = seedSuggestion(gh, { createdAt: '2026-11-15T00:00:00Z' });
    const s4 = seedSuggestion(gh, { createdAt: '2026-11-23T12:00:00Z', needsApproval: false });
    closeAt(s4.number, 'not_planned', '2026-11-24T10:00:00Z');
    const s5 = seedSuggestion(gh, { createdAt: '2026-11-01T00:00:00Z', needsApproval: false });
    closeAt(s5.number, 'not_planned', '2026-11-05T10:00:00Z');
    seedSuggestion(gh, { createdAt: '2026-11-24T00:00:00Z' });
    seedSuggestion(gh, { createdAt: '2026-10-01T00:00:00Z' });
    const s8 = seedSuggestion(gh, { createdAt: '2026-11-02T00:00:00Z', needsApproval: false });
    closeAt(s8.number, 'completed', '2026-11-04T00:00:00Z');
    // Work in flight: a human's roadmap issue that failed, one in progress untouched for 9 hours, one with a PR.
    gh.state.addIssue({ title: 'Export to CSV', user: 'alice', labels: ['roadmap', 'agent:failed'], created_at: '2026-11-20T00:00:00Z' });
    gh.state.addIssue({ title: 'Dark mode', user: 'alice', labels: ['roadmap', 'agent:in-progress'], created_at: '2026-11-25T01:00:00Z' });
    gh.state.addIssue({ title: 'Faster search', user: 'alice', labels: ['roadmap', 'agent:pr-open'], created_at: '2026-11-25T09:00:00Z' });
    gh.clock.set(NOW);

    const first = await runTriage(gh);
    expect(first.exitCode, first.stderr).toBe(0);
    const approve = await runTriage(gh, commentEvent(gh, s3.number, 'alice', '/approve'));
    expect(approve.exitCode, approve.stderr).toBe(0);
    body = reportIssues(gh)[0]?.body ?? '';
  }, 60_000);
  afterAll(async () => gh.close());

  it('computes the table from labels, pull requests and markers', () => {
    const rows = Object.fromEntries([...body.matchAll(/^\| ([^|]+?) \| ([^|]*?) \| ([^|]*?) \| [^|]*\|$/gm)].map((m) => [m[1], [m[2], m[3]]]));
    expect(rows).toMatchObject({
      'Agent pull requests opened': ['3', '5'],
      '… merged': ['1', '3'],
      '… closed without merging': ['1', '1'],
      'Merge rate': ['50% (1 of 2)', '75% (3 of 4)'],
      'Suggestions approved': ['1', '2'],
      'Suggestions rejected': ['1', '2'],
      'Acceptance rate': ['50% (1 of 2)', '50% (2 of 4)'],
      'False positives (share of suggestions raised that were rejected)': ['50%', '29%'],
      'Implementations failed (in `agent:failed` now)': ['—', '1'],
      'Cost per implementation': ['$0.6000', '$0.5800'],
      'Median time from claim to pull request': ['30 min', '40 min'],
      'Median time from pull request to merge': ['24.0 h', '24.0 h'],
    });
  });

  it('draws a pie Mermaid parses and a flowchart that passes the grammar check', async () => {
    const [pie = '', flow = ''] = mermaidBlocks(body);
    const ast = await parse('pie', pie);
    expect(ast.sections.map((s) => [s.label, s.value])).toEqual([
      ['Waiting for a decision', 2],
      ['Approved', 2],
      ['Rejected', 2],
      ['Closed or set aside otherwise', 1],
    ]);
    expect(flowchartErrors(flow)).toEqual([]);
    expect(flow).toContain('inProgress["In progress: 1"]');
    expect(flow).toContain('failed["Failed: 1"]');
    expect(flow).toContain('done["Done: 3"]');
  });

  it('lists work in flight: states, stale claims, agent PRs awaiting review', () => {
    expect(body).toMatch(/- \*\*In progress \(1\):\*\* #\d+ Dark mode/);
    expect(body).toMatch(/- \*\*Failed, needs a human \(1\):\*\* #\d+ Export to CSV/);
    expect(body).toMatch(/- \*\*Claims with no activity for 6 h or more \(1\):\*\*/);
    expect(body).toMatch(/- \*\*Agent pull requests awaiting review or merge \(1\):\*\* #\d+ \(0 days\)/);
  });
});
