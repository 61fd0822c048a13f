import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { GITHUB_ACTIONS_BOT as bot } from '../../src/core/identity.js';
import { DEFAULT_LABELS as names } from '../../src/core/labels.js';
import { buildSnapshot, suggestionStatus, type ListedIssue } from '../../src/triage/snapshot.js';
import { suggestion } from './fixtures.js';

function item(overrides: Partial<ListedIssue> & { number: number }): ListedIssue {
  return {
    title: `Issue ${overrides.number}`,
    body: null,
    state: 'open',
    html_url: `https://github.com/acme/widgets/issues/${overrides.number}`,
    created_at: '2026-11-20T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    closed_at: null,
    user: { login: bot.login, id: bot.id, type: bot.type },
    labels: [],
    ...overrides,
  };
}

const marker = formatMarker('suggestion', { fingerprint: 'abc', source: 'ciso-review', severity: 'critical', category: 'injection', prs: [4, 9] });

describe('building the snapshot', () => {
  it('reads a suggestion’s severity, source and PRs from its marker, labels first', () => {
    const snapshot = buildSnapshot(
      [
        item({ number: 1, body: marker, labels: [{ name: 'agent-suggestion' }, { name: 'needs-approval' }] }),
        item({ number: 2, body: marker, labels: ['agent-suggestion', 'severity-low', 'source:cto-review'] }),
      ],
      [],
      bot,
      names,
    );
    expect(snapshot.suggestions.map((s) => [s.number, s.severity, s.source, s.prs, s.fingerprint])).toEqual([
      [1, 'critical', 'ciso-review', [4, 9], 'abc'],
      [2, 'low', 'cto-review', [4, 9], 'abc'],
    ]);
  });

  it('groups a suggestion without marker or source label as discovery', () => {
    const snapshot = buildSnapshot([item({ number: 3, labels: ['agent-suggestion', 'needs-approval'] })], [], bot, names);
    expect(snapshot.suggestions[0]).toMatchObject({ source: 'discovery', severity: null, prs: [] });
  });

  it('trusts nothing not authored by the bot: same login with another id, or a user named like it', () => {
    const impostors = [
      item({ number: 4, body: marker, labels: ['agent-suggestion'], user: { login: bot.login, id: 1, type: 'Bot' } }),
      item({ number: 5, body: marker, labels: ['agent-suggestion'], user: { login: bot.login, id: bot.id, type: 'User' } }),
      item({ number: 6, labels: ['triage-report'], title: 'Triage report — 2026-W48', user: { login: 'mallory', id: 66, type: 'User' } }),
    ];
    const snapshot = buildSnapshot(impostors, [], bot, names);
    expect(snapshot.suggestions).toEqual([]);
    expect(snapshot.reports).toEqual([]);
  });

  it('keeps implement’s pull requests (label or marker) with merge times, and roadmap issues with their state', () => {
    const prMarker = formatMarker('implement-pr', { issue: 9, costUsd: 0.25, openedAt: '2026-11-20T09:00:00Z' });
    const snapshot = buildSnapshot(
      [
        item({ number: 10, body: prMarker, pull_request: { merged_at: '2026-11-21T09:00:00Z' }, state: 'closed' }),
        item({ number: 11, labels: ['automated'], pull_request: { merged_at: null } }),
        item({ number: 12, pull_request: { merged_at: null } }),
      ],
      [item({ number: 9, labels: ['roadmap', 'agent:pr-open'], user: { login: 'alice', id: 5, type: 'User' } })],
      bot,
      names,
    );
    expect(snapshot.pulls.map((p) => [p.number, p.mergedAt, p.marker?.costUsd ?? null])).toEqual([
      [10, '2026-11-21T09:00:00Z', 0.25],
      [11, null, null],
    ]);
    expect(snapshot.roadmap).toEqual([expect.objectContaining({ number: 9, state: 'pr-open' })]);
  });
});

describe('suggestion status', () => {
  it('rejected = closed as not planned or duplicate; approved = roadmap; pending = open with needs-approval', () => {
    expect(suggestionStatus(suggestion({ number: 1 }), names)).toBe('pending');
    expect(suggestionStatus(suggestion({ number: 2, labels: ['roadmap'] }), names)).toBe('approved');
    expect(suggestionStatus(suggestion({ number: 3, open: false, stateReason: 'duplicate' }), names)).toBe('rejected');
    expect(suggestionStatus(suggestion({ number: 4, open: false, stateReason: 'completed', labels: [] }), names)).toBe('other');
  });
});
