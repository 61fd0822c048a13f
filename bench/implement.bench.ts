import { expect, it } from 'vitest';
import { createGitHubClient } from '../src/core/github.js';
import { resolveBotIdentity } from '../src/core/identity.js';
import { DEFAULT_LABELS } from '../src/core/labels.js';
import { stateLabels } from '../src/core/issue-state.js';
import { checkApproval } from '../src/implement/approval-check.js';
import { readIssueThread } from '../src/implement/issue-thread.js';
import { pickNextIssues } from '../src/implement/pick-query.js';
import type { PickRules } from '../src/implement/pick.js';
import { BOT_LOGIN, startGitHubEmulator } from '../src/emulators/github/index.js';
import { removeLabelFromIssue } from '../src/emulators/github/state/issue-actions.js';
import { recordFigure } from './figures.js';

// Target: pick-next-issue ≤ 2 requests with 500 open issues (DESIGN §9). Each backlog below holds 500 open
// issues; the figure is the most requests the pick made for any of them (every request, REST or GraphQL),
// counted at the emulator. The pick asks every priority band in one GraphQL request.

const RULES: PickRules = {
  candidateLabels: [DEFAULT_LABELS.roadmap],
  excludedLabels: [DEFAULT_LABELS.needsApproval, ...stateLabels(DEFAULT_LABELS)],
  priorityLabels: { high: DEFAULT_LABELS.priorityHigh, medium: DEFAULT_LABELS.priorityMedium, low: DEFAULT_LABELS.priorityLow },
  botLogin: 'github-actions[bot]',
};

type Backlog = Array<{ labels: string[]; count: number }>;

const BACKLOGS: Record<string, { backlog: Backlog; expect: string }> = {
  'high-priority work waiting': {
    backlog: [
      { labels: ['roadmap'], count: 300 },
      { labels: ['roadmap', 'priority-high', 'agent:in-progress'], count: 50 },
      { labels: ['roadmap', 'priority-high'], count: 10 },
      { labels: ['bug'], count: 140 },
    ],
    expect: 'priority-high',
  },
  'medium only, behind excluded high': {
    backlog: [
      { labels: ['roadmap', 'priority-high', 'needs-approval'], count: 100 },
      { labels: ['roadmap'], count: 250 },
      { labels: ['roadmap', 'priority-medium'], count: 50 },
      { labels: ['bug'], count: 100 },
    ],
    expect: 'priority-medium',
  },
  'low among the oldest unprioritised': {
    backlog: [
      { labels: ['roadmap'], count: 60 },
      { labels: ['roadmap', 'priority-low'], count: 40 },
      { labels: ['roadmap'], count: 300 },
      { labels: ['bug'], count: 100 },
    ],
    expect: 'priority-low',
  },
  'medium behind a full page of older low': {
    backlog: [
      { labels: ['roadmap', 'priority-low'], count: 150 },
      { labels: ['roadmap'], count: 200 },
      { labels: ['roadmap', 'priority-medium'], count: 5 },
      { labels: ['bug'], count: 145 },
    ],
    expect: 'priority-medium',
  },
  'unprioritised only': {
    backlog: [
      { labels: ['roadmap'], count: 400 },
      { labels: ['roadmap', 'agent:failed'], count: 100 },
    ],
    expect: 'none',
  },
};

it('pick-next-issue: requests to find the next issue among 500 open issues', async () => {
  const counts: Record<string, number> = {};
  for (const [name, { backlog, expect: wanted }] of Object.entries(BACKLOGS)) {
    const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
    try {
      let day = 0;
      for (const { labels, count } of backlog) {
        for (let i = 0; i < count; i++) gh.state.addIssue({ title: `${name} ${day}`, labels, created_at: new Date(Date.UTC(2024, 0, 1) + day++ * 3_600_000) });
      }
      const client = createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl });
      gh.resetRequests();
      const { picks, requests } = await pickNextIssues(client, { owner: 'acme', repo: 'widgets' }, RULES, 1);
      counts[name] = gh.countRequests();
      expect(requests).toBe(counts[name]);
      const labels = picks[0]?.labels ?? [];
      expect(wanted === 'none' ? labels.filter((label) => label.startsWith('priority-')) : labels).toEqual(
        wanted === 'none' ? [] : expect.arrayContaining([wanted]),
      );
    } finally {
      await gh.close();
    }
  }
  const worst = Math.max(...Object.values(counts));
  recordFigure({
    name: 'pick-next-issue requests (500 open issues)',
    value: worst,
    unit: 'requests',
    target: '<= 2',
    pass: worst <= 2,
    note: Object.entries(counts)
      .map(([name, count]) => `${name}: ${count}`)
      .join('; '),
  });
});

// Target: checking a picked issue's approval costs one events request per 100 events and one permission request per
// person who set the approval labels (the physical minimum: who set the label is only in the events, and whether
// they may approve only in the permission API). An issue already approved by triage's /approve (the bot's label)
// needs no permission request. The body's last edit comes with the pick's search; an issue taken by number
// (not picked) reads it with one more request.
it('approval check at pick time: requests per picked issue', async () => {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
  try {
    const repo = { owner: 'acme', repo: 'widgets' };
    const client = createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl });
    gh.state.setPermission('maintainer', 'write');
    gh.state.setPermission('tess', 'triage');
    const bot = await resolveBotIdentity(client, BOT_LOGIN);
    const deps = { gh: client, repo, bot, labels: DEFAULT_LABELS, candidateLabels: [DEFAULT_LABELS.roadmap] };
    const filed = gh.state.addIssue({ title: 'Filed by a person', labels: [] });
    gh.state.labelIssue(filed.number, ['bug', 'roadmap'], 'maintainer');
    const suggestion = gh.state.addIssue({ title: 'Approved suggestion', user: BOT_LOGIN, labels: ['agent-suggestion'] });
    gh.state.labelIssue(suggestion.number, ['roadmap'], BOT_LOGIN);
    const busy = gh.state.addIssue({ title: 'Long-lived issue', labels: [] });
    for (let i = 0; i < 125; i++) {
      gh.state.labelIssue(busy.number, ['triaged'], 'tess');
      removeLabelFromIssue(gh.state, busy, 'triaged', 'tess');
    }
    gh.state.labelIssue(busy.number, ['roadmap'], 'maintainer');
    // What the pick's search saw of each candidate (its lastEditedAt) goes to the check, as implement passes it.
    const { picks } = await pickNextIssues(client, repo, RULES, 3);
    const counts: Record<string, number> = {};
    for (const [name, number, verdict, fromPick] of [
      ['a person’s issue labelled by a writer', filed.number, 'holds', true],
      ['a suggestion approved by /approve', suggestion.number, 'holds', true],
      ['an issue with 251 label events', busy.number, 'holds', true],
      ['a person’s issue taken by number (its labeled event), lastEditedAt read by the check', filed.number, 'holds', false],
    ] as const) {
      const thread = await readIssueThread(client, repo, number, bot);
      const seen = picks.find((pick) => pick.number === number);
      if (fromPick) expect(seen?.lastEditedAt).toBeNull();
      gh.resetRequests();
      expect((await checkApproval(deps, thread, fromPick ? seen : undefined)).kind).toBe(verdict);
      counts[name] = gh.countRequests();
    }
    const typical = counts['a person’s issue labelled by a writer'] ?? Infinity;
    recordFigure({
      name: 'approval check requests per picked issue',
      value: typical,
      unit: 'requests',
      target: '<= 2 (one events page, one permission read per labeler)',
      pass:
        typical <= 2 &&
        (counts['a suggestion approved by /approve'] ?? Infinity) <= 1 &&
        (counts['an issue with 251 label events'] ?? Infinity) <= 4 &&
        (counts['a person’s issue taken by number (its labeled event), lastEditedAt read by the check'] ?? Infinity) <= 3,
      note: Object.entries(counts)
        .map(([name, count]) => `${name}: ${count}`)
        .join('; '),
    });
  } finally {
    await gh.close();
  }
});
