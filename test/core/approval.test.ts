import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedSinceApproval, contentHashes } from '../../src/core/approval.js';
import { labelAuthority } from '../../src/core/authority.js';
import { createGitHubClient, type GitHub } from '../../src/core/github.js';
import { resolveBotIdentity, type BotIdentity } from '../../src/core/identity.js';
import { issueEventsFrom, lastLabelEvent, readIssueEvents, renamedAfter } from '../../src/core/issue-events.js';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { removeLabelFromIssue } from '../../src/emulators/github/state/issue-actions.js';

describe('content hashes: what an approval freezes', () => {
  it('ignore line endings and surrounding blanks, and name the part that changed', () => {
    const approved = contentHashes('Add a flag', 'Line one\nLine two\n');
    expect(changedSinceApproval(approved, 'Add a flag', 'Line one\r\nLine two  ')).toEqual([]);
    expect(changedSinceApproval(approved, 'Add a flag', 'Line one\nLine two\nand one more')).toEqual(['body']);
    expect(changedSinceApproval(approved, 'Remove a flag', null)).toEqual(['title', 'body']);
    expect(approved.title).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('issue events', () => {
  const raw = [
    { id: 1, event: 'labeled', label: { name: 'Roadmap' }, actor: { login: 'alice', id: 2, type: 'User' }, created_at: '2026-01-01T00:00:00Z' },
    { id: 2, event: 'assigned', actor: { login: 'alice' }, created_at: '2026-01-01T00:00:01Z' },
    { id: 3, event: 'renamed', rename: { from: 'a', to: 'b' }, actor: null, created_at: '2026-01-01T00:00:01Z' },
    { id: 4, event: 'labeled', label: { name: 'roadmap' }, actor: { login: 'tess', id: 3, type: 'User' }, created_at: '2026-01-01T00:00:01Z' },
    { id: 5, event: 'labeled', label: {}, actor: { login: 'x' }, created_at: '2026-01-01T00:00:02Z' },
  ];

  it('keep label and title events only, and find the newest addition of a label whatever its case', () => {
    const events = issueEventsFrom(raw);
    expect(events.map((event) => event.id)).toEqual([1, 3, 4]);
    expect(lastLabelEvent(events, 'labeled', 'ROADMAP')?.actor?.login).toBe('tess');
    expect(lastLabelEvent(events, 'unlabeled', 'roadmap')).toBeNull();
  });

  it('order renames by position, not by their second-granular times', () => {
    const events = issueEventsFrom(raw);
    expect(renamedAfter(events, 1)).toBe(true);
    expect(renamedAfter(events, 4)).toBe(false);
  });
});

describe('labelAuthority: who set the labels that approve', () => {
  let emulator: GitHubEmulator;
  let gh: GitHub;
  let bot: BotIdentity;
  const repo = { owner: 'acme', repo: 'widgets' };
  const labels = { added: ['roadmap'], removed: ['needs-approval'] };

  beforeEach(async () => {
    emulator = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
    emulator.state.setPermission('alice', 'write');
    emulator.state.setPermission('tess', 'triage');
    gh = createGitHubClient({ token: emulator.botToken, baseUrl: emulator.apiUrl });
    bot = await resolveBotIdentity(gh, BOT_LOGIN);
  });
  afterEach(async () => emulator.close());

  const authorityOf = async (number: number) => labelAuthority(gh, repo, await readIssueEvents(gh, repo, number), labels, bot);

  it('allows a writer’s label and the bot’s (no permission read for the bot), refuses a triage user’s', async () => {
    const byWriter = emulator.state.addIssue({ title: 'w', labels: [] });
    emulator.state.labelIssue(byWriter.number, ['roadmap'], 'alice');
    expect(await authorityOf(byWriter.number)).toMatchObject({ allowed: true, by: { login: 'alice' } });

    const byBot = emulator.state.addIssue({ title: 'b', labels: [] });
    emulator.state.labelIssue(byBot.number, ['roadmap'], BOT_LOGIN);
    emulator.resetRequests();
    expect(await authorityOf(byBot.number)).toMatchObject({ allowed: true, by: { login: BOT_LOGIN } });
    expect(emulator.countRequests({ method: 'GET', path: /\/permission$/ })).toBe(0);

    const byTriage = emulator.state.addIssue({ title: 't', labels: [] });
    emulator.state.labelIssue(byTriage.number, ['roadmap'], 'alice');
    removeLabelFromIssue(emulator.state, byTriage, 'roadmap', 'tess');
    emulator.state.labelIssue(byTriage.number, ['roadmap'], 'tess');
    expect(await authorityOf(byTriage.number)).toMatchObject({ allowed: false, label: 'roadmap', reason: expect.stringContaining('with triage permission') });
  });

  it('counts a removal of needs-approval only after the approval label, and refuses it from a triage user', async () => {
    const early = emulator.state.addIssue({ title: 'e', labels: [] });
    emulator.state.labelIssue(early.number, ['needs-approval'], 'alice');
    removeLabelFromIssue(emulator.state, early, 'needs-approval', 'tess');
    emulator.state.labelIssue(early.number, ['roadmap'], 'alice');
    expect(await authorityOf(early.number)).toMatchObject({ allowed: true, by: { login: 'alice' } });

    const late = emulator.state.addIssue({ title: 'l', labels: [] });
    emulator.state.labelIssue(late.number, ['roadmap', 'needs-approval'], 'alice');
    removeLabelFromIssue(emulator.state, late, 'needs-approval', 'tess');
    expect(await authorityOf(late.number)).toMatchObject({ allowed: false, label: 'needs-approval' });
  });

  it('refuses when the events do not show the label being added', async () => {
    expect(await labelAuthority(gh, repo, [], labels, bot)).toMatchObject({ allowed: false, reason: expect.stringContaining('do not show who added') });
  });
});
