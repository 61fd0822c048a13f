import { describe, expect } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { runImplement, test } from '../implement/scenario.js';

// Runner emulation: which issue the bundled implement action takes, and what it costs to find it.

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');

function at(day: number): string {
  return new Date(T0 + day * DAY).toISOString();
}

/** 500 open issues of every kind; returns the number that must be picked (the oldest eligible medium one). */
function seedBacklog(gh: GitHubEmulator): number {
  const { state } = gh;
  state.addUser({ login: 'alice' });
  state.setPermission('alice', 'write');
  let day = 0;
  const add = (labels: string[], extra: { assignees?: string[]; state?: 'open' | 'closed' } = {}) =>
    state.addIssue({ title: `Issue ${day}`, labels, created_at: at(day++), ...extra }).number;
  // High priority, but every one excluded for a different reason.
  add(['roadmap', 'priority-high', 'needs-approval']);
  add(['roadmap', 'priority-high', 'agent-suggestion', 'needs-approval']); // a suggestion not yet approved
  add(['roadmap', 'priority-high', 'agent:in-progress']);
  add(['roadmap', 'priority-high', 'agent:failed']);
  add(['roadmap', 'priority-high', 'agent:needs-clarification']);
  add(['roadmap', 'priority-high'], { assignees: ['alice'] });
  add(['roadmap', 'priority-high'], { state: 'closed' });
  add(['priority-high']); // not on the roadmap
  state.commitFiles('feature', { 'x.txt': 'x\n' });
  state.addPullRequest({ head: 'feature', title: 'a PR is not an issue', labels: ['roadmap', 'priority-high'] });
  // Older unprioritised and low-priority work that must wait behind medium.
  for (let i = 0; i < 300; i++) add(['roadmap']);
  for (let i = 0; i < 150; i++) add(['roadmap', 'priority-low']);
  add(['roadmap', 'priority-medium', 'agent:spec-review']);
  const expected = add(['roadmap', 'priority-medium']);
  for (let i = 0; i < 20; i++) add(['roadmap', 'priority-medium']);
  while ([...state.issues.values()].filter((issue) => issue.state === 'open').length < 500) add(['documentation']);
  return expected;
}

/** The pick's requests: the GraphQL search of every priority band, and any REST search. */
const pickRequests = (gh: GitHubEmulator) =>
  gh.countRequests({ method: 'POST', path: '/api/graphql' }) + gh.countRequests({ method: 'GET', path: '/search/issues' });

describe.concurrent('bundled implement: picking the next issue', { timeout: 120_000 }, () => {
  test('among 500 open issues the oldest eligible of the highest priority is picked with one request', async ({ gh, model, workspace }) => {
    const expected = seedBacklog(gh);
    expect([...gh.state.issues.values()].filter((issue) => issue.state === 'open').length).toBeGreaterThanOrEqual(500);
    gh.resetRequests();
    const run = await runImplement({ gh, model, workspace }, { inputs: { phase: 'pick', 'dry-run': true } });

    expect(run.exitCode).toBe(0);
    expect(run.outputs.issues).toBe(JSON.stringify([expected]));
    expect(pickRequests(gh)).toBe(1);
    expect(gh.writes()).toEqual([]);
    expect(run.summary).toContain(`would claim **#${expected}**`);
  });

  test('without high or medium work, the oldest low-priority issue goes before older unprioritised ones', async ({ gh, model, workspace }) => {
    const { state } = gh;
    for (let day = 0; day < 150; day++) state.addIssue({ title: `plain ${day}`, labels: ['roadmap'], created_at: at(day) });
    const low = state.addIssue({ title: 'low', labels: ['roadmap', 'priority-low'], created_at: at(200) }).number;
    state.addIssue({ title: 'newer low', labels: ['roadmap', 'priority-low'], created_at: at(201) });
    gh.resetRequests();
    const run = await runImplement({ gh, model, workspace }, { inputs: { phase: 'pick', 'dry-run': true } });
    expect(run.outputs.issues).toBe(JSON.stringify([low]));
    expect(pickRequests(gh)).toBe(1);
  });

  test('only unprioritised work: the oldest, found in one request; max-parallel claims several at once', async ({ gh, model, workspace }) => {
    const { state } = gh;
    const numbers = [3, 1, 2].map((day) => state.addIssue({ title: `plain ${day}`, labels: ['roadmap'], created_at: at(day) }).number);
    gh.resetRequests();
    const run = await runImplement({ gh, model, workspace }, { inputs: { phase: 'pick', 'max-parallel': 2 } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.issues).toBe(JSON.stringify([numbers[1], numbers[2]]));
    expect(pickRequests(gh)).toBe(1);
    for (const number of [numbers[1], numbers[2]]) {
      const labels = (state.issue(number ?? 0)?.labelIds ?? []).map((id) => state.labels.get(id)?.name);
      expect(labels).toContain('agent:in-progress');
      expect(state.issue(number ?? 0)?.assignees).toEqual(['github-actions[bot]']);
    }
    expect(model.requests).toEqual([]);
  });

  test('no eligible issue: no-work, neutral, and no write', async ({ gh, model, workspace }) => {
    gh.state.addIssue({ title: 'waiting', labels: ['roadmap', 'needs-approval'] });
    const run = await runImplement({ gh, model, workspace });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('no-work');
    expect(run.annotations.some((annotation) => annotation.level === 'warning' && /no issue is ready/.test(annotation.message))).toBe(true);
    expect(gh.writes()).toEqual([]);
  });
});
