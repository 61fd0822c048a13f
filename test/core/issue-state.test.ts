import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunActive, isStaleClaim } from '../../src/core/claims.js';
import { createGitHubClient } from '../../src/core/github.js';
import {
  ALLOWED_TRANSITIONS,
  TransitionRefusedError,
  WORK_STATES,
  currentState,
  isAllowedTransition,
  planTransition,
  stateLabel,
  stateLabels,
  transitionIssue,
  type WorkState,
} from '../../src/core/issue-state.js';
import { DEFAULT_LABELS, resolveLabelNames } from '../../src/core/labels.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const names = DEFAULT_LABELS;

describe('currentState', () => {
  it('reads no state from an issue without agent labels', () => {
    expect(currentState(['roadmap', 'priority-high'], names)).toEqual({ state: null, present: [], conflict: false });
  });

  it('reads the one state label, ignoring case', () => {
    expect(currentState(['roadmap', 'Agent:PR-Open'], names)).toEqual({ state: 'pr-open', present: ['pr-open'], conflict: false });
  });

  it('reports every state when several are present and picks the same one whatever the order', () => {
    const a = currentState(['agent:in-progress', 'agent:pr-open'], names);
    const b = currentState(['agent:pr-open', 'agent:in-progress'], names);
    expect(a).toEqual({ state: 'pr-open', present: ['pr-open', 'in-progress'], conflict: true });
    expect(b).toEqual(a);
    // a finished or waiting state always beats a working one
    expect(currentState(['agent:in-progress', 'agent:failed'], names).state).toBe('failed');
    expect(currentState(['agent:in-progress', 'agent:spec-review'], names).state).toBe('spec-review');
    expect(currentState(['agent:pr-open', 'agent:done'], names).state).toBe('done');
  });

  it('uses configured names', () => {
    const custom = resolveLabelNames({ agentInProgress: 'wip' });
    expect(currentState(['wip'], custom).state).toBe('in-progress');
    expect(currentState(['agent:in-progress'], custom).state).toBeNull();
    expect(stateLabels(custom)).toContain('wip');
    expect(stateLabels(custom)).toHaveLength(WORK_STATES.length);
  });
});

describe('transition table', () => {
  const allowed: Array<[WorkState | null, WorkState]> = [
    [null, 'in-progress'],
    ['in-progress', 'needs-clarification'],
    ['in-progress', 'spec-review'],
    ['in-progress', 'pr-open'],
    ['in-progress', 'failed'],
    ['needs-clarification', 'in-progress'],
    ['spec-review', 'in-progress'],
    ['spec-review', 'failed'],
    ['pr-open', 'done'],
    ['pr-open', 'in-progress'],
    ['pr-open', 'failed'],
    ['failed', 'in-progress'],
  ];

  it('allows exactly the listed moves (plus staying put)', () => {
    for (const from of [null, ...WORK_STATES] as Array<WorkState | null>) {
      for (const to of WORK_STATES) {
        const expected = from === to || allowed.some(([f, t]) => f === from && t === to);
        expect(isAllowedTransition(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
    expect(ALLOWED_TRANSITIONS.done).toEqual([]);
  });
});

describe('planTransition', () => {
  it('claims an unclaimed issue by adding the state and removing nothing', () => {
    expect(planTransition(['roadmap'], 'in-progress', names)).toEqual({ ok: true, from: null, to: 'in-progress', add: ['agent:in-progress'], remove: [] });
  });

  it('adds the new state and removes the old one', () => {
    expect(planTransition(['roadmap', 'agent:in-progress'], 'pr-open', names)).toEqual({
      ok: true,
      from: 'in-progress',
      to: 'pr-open',
      add: ['agent:pr-open'],
      remove: ['agent:in-progress'],
    });
  });

  it('refuses a move the table does not allow, naming both states', () => {
    expect(planTransition(['agent:done'], 'in-progress', names)).toEqual({
      ok: false,
      from: 'done',
      to: 'in-progress',
      reason: 'cannot move an issue from done to in-progress',
    });
    expect(planTransition([], 'pr-open', names)).toMatchObject({ ok: false, from: null, to: 'pr-open', reason: expect.stringMatching(/no state to pr-open/) });
    expect(planTransition(['agent:needs-clarification'], 'pr-open', names).ok).toBe(false);
  });

  it('repairs the state left by a crash between adding and removing: rerunning the same move only removes', () => {
    // in-progress -> pr-open crashed after the add
    const plan = planTransition(['agent:in-progress', 'agent:pr-open'], 'pr-open', names);
    expect(plan).toEqual({ ok: true, from: 'pr-open', to: 'pr-open', add: [], remove: ['agent:in-progress'] });
  });

  it('removes every other state label when several are present', () => {
    const plan = planTransition(['agent:failed', 'agent:in-progress', 'agent:spec-review'], 'in-progress', names);
    expect(plan).toMatchObject({ ok: true, from: 'failed', add: [], remove: ['agent:failed', 'agent:spec-review'] });
  });

  it('makes no write to re-assert a clean state', () => {
    expect(planTransition(['agent:pr-open'], 'pr-open', names)).toMatchObject({ ok: true, add: [], remove: [] });
  });

  it('uses configured label names', () => {
    const custom = resolveLabelNames({ agentInProgress: 'wip', agentPrOpen: 'has-pr' });
    expect(planTransition(['WIP'], 'pr-open', custom)).toMatchObject({ ok: true, add: ['has-pr'], remove: ['wip'] });
    expect(stateLabel('pr-open', custom)).toBe('has-pr');
  });
});

describe('isStaleClaim', () => {
  const now = new Date('2025-01-10T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

  it('keeps a fresh claim whatever its run', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(1), runId: 5 }, now, 6, false)).toBe(false);
    expect(isStaleClaim({ claimedAt: hoursAgo(1), runId: undefined }, now, 6, undefined)).toBe(false);
  });

  it('reclaims an old claim whose run is gone or unknown', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(7), runId: 5 }, now, 6, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(6), runId: 5 }, now, 6, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(7), runId: undefined }, now, 6, undefined)).toBe(true);
  });

  it('never reclaims while the run is still going', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(30), runId: 5 }, now, 6, true)).toBe(false);
    expect(isStaleClaim({ claimedAt: undefined, runId: 5 }, now, 6, true)).toBe(false);
  });

  it('honours the configured age', () => {
    expect(isStaleClaim({ claimedAt: hoursAgo(2), runId: 5 }, now, 1, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(2), runId: 5 }, now, 24, false)).toBe(false);
  });

  it('treats a claim without a readable time as old, and one from the future as fresh', () => {
    expect(isStaleClaim({ claimedAt: undefined, runId: undefined }, now, 6, undefined)).toBe(true);
    expect(isStaleClaim({ claimedAt: 'yesterday-ish', runId: 5 }, now, 6, false)).toBe(true);
    expect(isStaleClaim({ claimedAt: hoursAgo(-3), runId: 5 }, now, 6, false)).toBe(false);
  });
});

describe('against the GitHub emulator', () => {
  const repo = { owner: 'acme', repo: 'widgets' };
  let gh: GitHubEmulator;

  beforeEach(async () => {
    gh = await startGitHubEmulator(repo);
  });
  afterEach(async () => {
    await gh.close();
  });

  const client = () => createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl, retries: 0 });
  const labelsOf = (issueNumber: number) => (gh.state.issue(issueNumber)?.labelIds ?? []).map((id) => gh.state.labels.get(id)?.name).sort();

  describe('transitionIssue', () => {
    it('claims an issue: creates the state label with its colour and adds it', async () => {
      const issue = gh.state.addIssue({ title: 'Add search', labels: ['roadmap'] });
      const result = await transitionIssue(client(), repo, issue.number, 'in-progress', names);
      expect(result).toMatchObject({ from: null, to: 'in-progress', added: ['agent:in-progress'], removed: [] });
      expect(result.labels.sort()).toEqual(['agent:in-progress', 'roadmap']);
      expect(labelsOf(issue.number)).toEqual(['agent:in-progress', 'roadmap']);
      expect([...gh.state.labels.values()].find((l) => l.name === 'agent:in-progress')?.color).toBe('1d76db');
    });

    it('adds the new state before removing the old, with one read, one add and one delete', async () => {
      gh.state.addLabel({ name: 'agent:in-progress' });
      gh.state.addLabel({ name: 'agent:pr-open' });
      const issue = gh.state.addIssue({ title: 'x', labels: ['roadmap', 'agent:in-progress'] });
      const api = client();
      await transitionIssue(api, repo, issue.number, 'pr-open', names);
      expect(labelsOf(issue.number)).toEqual(['agent:pr-open', 'roadmap']);
      const issuePath = `/repos/acme/widgets/issues/${issue.number}/labels`;
      expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${issuePath}`,
        'GET /repos/acme/widgets/labels',
        `POST ${issuePath}`,
        `DELETE ${issuePath}/agent%3Ain-progress`,
      ]);
      // a second transition in the same run reuses the label list and the caller's labels
      gh.resetRequests();
      await transitionIssue(api, repo, issue.number, 'done', names, { currentLabels: ['roadmap', 'agent:pr-open'] });
      expect(gh.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'DELETE']);
      expect(labelsOf(issue.number)).toEqual(['agent:done', 'roadmap']);
    });

    it('leaves a recognisable state when the run dies between the add and the delete, and the rerun repairs it', async () => {
      const issue = gh.state.addIssue({ title: 'x', labels: ['agent:in-progress'] });
      gh.faults.add({ method: 'DELETE', path: `/repos/acme/widgets/issues/${issue.number}/labels/agent%3Ain-progress`, status: 500 });
      await expect(transitionIssue(client(), repo, issue.number, 'pr-open', names)).rejects.toMatchObject({ status: 500 });
      const afterCrash = labelsOf(issue.number) as string[];
      expect(afterCrash).toEqual(['agent:in-progress', 'agent:pr-open']);
      expect(currentState(afterCrash, names)).toMatchObject({ state: 'pr-open', conflict: true });
      const repaired = await transitionIssue(client(), repo, issue.number, 'pr-open', names);
      expect(repaired).toMatchObject({ from: 'pr-open', added: [], removed: ['agent:in-progress'] });
      expect(labelsOf(issue.number)).toEqual(['agent:pr-open']);
    });

    it('refuses a move the table forbids and writes nothing', async () => {
      const issue = gh.state.addIssue({ title: 'x', labels: ['agent:done'] });
      const attempt = transitionIssue(client(), repo, issue.number, 'in-progress', names);
      await expect(attempt).rejects.toBeInstanceOf(TransitionRefusedError);
      await expect(attempt).rejects.toMatchObject({ from: 'done', to: 'in-progress', issueNumber: issue.number });
      expect(gh.writes()).toEqual([]);
    });

    it('makes no write when the issue is already in the state', async () => {
      const issue = gh.state.addIssue({ title: 'x', labels: ['agent:spec-review'] });
      await transitionIssue(client(), repo, issue.number, 'spec-review', names);
      expect(gh.writes()).toEqual([]);
    });

    it('skips a stale label someone removed after the caller read the labels', async () => {
      const issue = gh.state.addIssue({ title: 'x', labels: [] });
      await transitionIssue(client(), repo, issue.number, 'in-progress', names, { currentLabels: ['agent:failed'] });
      expect(labelsOf(issue.number)).toEqual(['agent:in-progress']);
      expect(gh.countRequests({ method: 'DELETE' })).toBe(0);
    });

    it('tolerates a label removed between the add and its delete', async () => {
      const issue = gh.state.addIssue({ title: 'x', labels: ['agent:failed'] });
      const path = `/repos/acme/widgets/issues/${issue.number}/labels/agent%3Afailed`;
      gh.faults.add({ method: 'DELETE', path, status: 404, body: JSON.stringify({ message: 'Label does not exist' }) });
      const result = await transitionIssue(client(), repo, issue.number, 'in-progress', names);
      expect(result.removed).toEqual([]);
      expect(result.labels).toEqual(['agent:in-progress']);
    });
  });

  describe('isRunActive', () => {
    it('sees queued and in-progress runs as active, completed and deleted ones as gone', async () => {
      const running = gh.state.addWorkflowRun({ status: 'in_progress' });
      const queued = gh.state.addWorkflowRun({ status: 'queued' });
      const done = gh.state.addWorkflowRun({ status: 'completed', conclusion: 'cancelled' });
      const api = client();
      expect(await isRunActive(api, repo, running.id)).toBe(true);
      expect(await isRunActive(api, repo, queued.id)).toBe(true);
      expect(await isRunActive(api, repo, done.id)).toBe(false);
      gh.state.removeWorkflowRun(running.id);
      expect(await isRunActive(api, repo, running.id)).toBe(false);
    });

    it('reports unknown when the token may not read runs', async () => {
      const run = gh.state.addWorkflowRun({ status: 'in_progress' });
      const token = gh.tokenFor('github-actions[bot]', { permissions: { issues: 'write' } });
      const narrow = createGitHubClient({ token, baseUrl: gh.apiUrl, retries: 0 });
      expect(await isRunActive(narrow, repo, run.id)).toBeUndefined();
    });

    it('passes other failures on', async () => {
      gh.faults.add({ method: 'GET', path: '/repos/acme/widgets/actions/runs/5', status: 500 });
      await expect(isRunActive(client(), repo, 5)).rejects.toMatchObject({ status: 500 });
    });
  });
});
