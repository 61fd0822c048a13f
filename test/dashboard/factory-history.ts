/**
 * A repository where the factory has been running for a few weeks, seeded on the GitHub emulator the way the
 * actions leave it: bot suggestions with their markers (some approved, some rejected, one with a hostile
 * title), implement's pull requests with cost markers (merged, closed, open), auto-merge's gate tables, and
 * roadmap issues queued, in flight and failed with implement's report.
 */
import { IMPLEMENT_PR_MARKER_KIND, SUGGESTION_MARKER_KIND } from '../../src/core/contracts.js';
import { formatMarker } from '../../src/core/marker.js';
import { DEFAULT_LABELS } from '../../src/core/labels.js';
import { DEFAULT_TREND_WEEKS, type DashboardSettings } from '../../src/dashboard/build.js';
import { DEFAULT_READ_LIMITS } from '../../src/dashboard/read.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { setIssueState } from '../../src/emulators/github/state/issue-actions.js';
import { mergePull, setPullOpen } from '../../src/emulators/github/state/pull-actions.js';
import { BOT_LOGIN } from '../../src/emulators/github/state/repository-state.js';

const DAY = 86_400_000;
export const HISTORY_NOW = new Date('2026-12-03T12:00:00Z');
export const HOSTILE_TITLE = '<img src=x onerror=alert(1)> Sanitise the <script>alert(2)</script> cart';

function at(daysAgo: number, hours = 0): Date {
  return new Date(HISTORY_NOW.getTime() - daysAgo * DAY + hours * 3_600_000);
}

export interface History {
  queued: number[];
  inFlight: number;
  failed: number;
  openPulls: { ready: number; blocked: number };
  mergedPulls: number;
  hostileSuggestion: number;
  pendingSuggestions: number;
}

function suggestion(
  gh: GitHubEmulator,
  title: string,
  daysAgo: number,
  severity: 'critical' | 'high' | 'medium' | 'low',
  source: 'cto-review' | 'ciso-review',
  pr: number,
): number {
  gh.clock.set(at(daysAgo));
  const marker = formatMarker(SUGGESTION_MARKER_KIND, { fingerprint: `fp-${title.length}-${daysAgo}`, source, severity, category: 'quality', prs: [pr] });
  return gh.state.addIssue({
    title,
    body: `A finding.\n\n${marker}`,
    user: BOT_LOGIN,
    labels: ['agent-suggestion', 'needs-approval', `severity-${severity}`, `source:${source}`],
  }).number;
}

function agentPull(gh: GitHubEmulator, issue: number, daysAgo: number, costUsd: number, end: 'merged' | 'closed' | 'open'): number {
  const branch = `automated/${issue}-change`;
  gh.clock.set(at(daysAgo, -3));
  gh.state.commitFiles(branch, { [`src/change-${issue}.ts`]: `export const change${issue} = ${issue};\n` }, { message: `Change for #${issue}` });
  gh.clock.set(at(daysAgo));
  const marker = formatMarker(IMPLEMENT_PR_MARKER_KIND, { issue, costUsd, claimedAt: at(daysAgo, -3).toISOString(), openedAt: at(daysAgo).toISOString() });
  const pull = gh.state.addPullRequest({
    head: branch,
    title: `Implement #${issue}`,
    body: `Closes #${issue}\n\n${marker}`,
    user: BOT_LOGIN,
    labels: ['automated'],
  });
  if (end === 'merged') {
    gh.clock.set(at(daysAgo, 20));
    mergePull(gh.state, pull, { method: 'squash', actor: BOT_LOGIN });
  } else if (end === 'closed') {
    gh.clock.set(at(daysAgo, 30));
    setPullOpen(gh.state, pull, false, 'maria');
  }
  return pull.number;
}

function gateComment(gh: GitHubEmulator, pull: number, gates: Array<{ name: string; status: 'pass' | 'fail' | 'wait'; reason: string }>): void {
  const status = gates.some((gate) => gate.status === 'fail') ? 'refused' : gates.some((gate) => gate.status === 'wait') ? 'waiting' : 'merged';
  gh.state.addComment({
    issue_number: pull,
    user: BOT_LOGIN,
    body: `### agentic-workflow auto-merge\n\n${formatMarker('auto-merge', { headSha: 'abc1234', status, gates })}`,
  });
}

export function seedHistory(gh: GitHubEmulator): History {
  gh.state.addUser({ login: 'maria', type: 'User' });
  gh.state.setPermission('maria', 'admin');
  const roadmap = (title: string, daysAgo: number, labels: string[]): number => {
    gh.clock.set(at(daysAgo));
    return gh.state.addIssue({ title, body: 'What to build.', labels: ['roadmap', ...labels], user: 'maria' }).number;
  };
  // Six weeks of implemented work: two PRs a week, most merged, one closed.
  let mergedPulls = 0;
  for (let week = 6; week >= 1; week--) {
    for (const [offset, end] of [
      [0, 'merged'],
      [2, week === 3 ? 'closed' : 'merged'],
    ] as const) {
      const issue = roadmap(`Feature ${week}-${offset}`, week * 7 + offset + 1, []);
      agentPull(gh, issue, week * 7 + offset, 0.2 + week * 0.05, end);
      if (end === 'merged') mergedPulls++;
      // A person closed the PR and the issue with it.
      else setIssueState(gh.state, gh.state.issue(issue)!, 'closed', 'not_planned', 'maria');
    }
  }
  // Suggestions raised along the way: rejected, approved and still waiting.
  const rejected = suggestion(gh, 'Rename the helper', 30, 'low', 'cto-review', 1);
  gh.clock.set(at(29));
  setIssueState(gh.state, gh.state.issue(rejected)!, 'closed', 'not_planned', 'maria');
  const pending = [
    suggestion(gh, 'Validate quantities before pricing', 5, 'high', 'ciso-review', 3),
    suggestion(gh, 'Extract the discount rule', 4, 'medium', 'cto-review', 3),
  ];
  const hostileSuggestion = suggestion(gh, HOSTILE_TITLE, 2, 'critical', 'ciso-review', 5);
  // Now: two queued (one high priority, newer), one in flight, one failed, two open PRs.
  const queuedLow = roadmap('Export orders as CSV', 10, []);
  const queuedHigh = roadmap('Fix rounding of totals', 3, ['priority-high']);
  const inFlight = roadmap('Add gift cards', 1, ['agent:in-progress']);
  gh.clock.set(at(0, -2));
  gh.state.addComment({
    issue_number: inFlight,
    user: BOT_LOGIN,
    body: `Working on it.\n\n${formatMarker('implement', { stage: 'working', runUrl: `${gh.serverUrl}/acme/shop/actions/runs/77` })}`,
  });
  const failed = roadmap('Support multiple currencies', 6, ['agent:failed']);
  gh.clock.set(at(1));
  gh.state.addComment({
    issue_number: failed,
    user: BOT_LOGIN,
    body: `The tests still fail.\n\n${formatMarker('implement', { stage: 'failed', failure: { category: 'code', reason: 'The tests still failed after the last of 3 iteration(s) (max-iterations).' } })}`,
  });
  const readyIssue = roadmap('Show stock levels', 2, ['agent:pr-open']);
  const ready = agentPull(gh, readyIssue, 1, 0.31, 'open');
  const blockedIssue = roadmap('Cache prices', 2, ['agent:pr-open']);
  const blocked = agentPull(gh, blockedIssue, 1, 0.44, 'open');
  gh.clock.set(at(0, -1));
  gateComment(gh, ready, [
    { name: 'reviews', status: 'pass', reason: 'both agent reviews passed' },
    { name: 'checks', status: 'wait', reason: 'ci / test is still running' },
  ]);
  gateComment(gh, blocked, [
    { name: 'agent-reviews', status: 'fail', reason: 'ciso-review blocks: a secret in src/config.ts' },
    { name: 'checks', status: 'pass', reason: '1 check passed' },
  ]);
  gh.clock.set(HISTORY_NOW);
  return {
    queued: [queuedHigh, queuedLow],
    inFlight,
    failed,
    openPulls: { ready, blocked },
    mergedPulls,
    hostileSuggestion,
    pendingSuggestions: pending.length + 1,
  };
}

/** The emulator serving `acme/shop` with the history above (real git commits and merges: start it once per file). */
export async function startHistory(): Promise<{ gh: GitHubEmulator; history: History }> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'shop', files: { 'README.md': '# shop\n' } });
  return { gh, history: seedHistory(gh) };
}

/** The dashboard settings a repository with the default policy gets. */
export const HISTORY_DASHBOARD_SETTINGS: DashboardSettings = {
  names: DEFAULT_LABELS,
  rules: {
    candidateLabels: ['roadmap'],
    excludedLabels: ['needs-approval', 'agent:in-progress', 'agent:needs-clarification', 'agent:spec-review', 'agent:pr-open', 'agent:failed', 'agent:done'],
    priorityLabels: { high: 'priority-high', medium: 'priority-medium', low: 'priority-low' },
    botLogin: BOT_LOGIN,
  },
  weeks: DEFAULT_TREND_WEEKS,
  limits: DEFAULT_READ_LIMITS,
};
