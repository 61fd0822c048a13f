import { describe, expect } from 'vitest';
import { commitPolicy, ISSUE, labelsOf, pullsFor, redThenGreen, runImplement, scriptAgent, stickyOf, test } from '../implement/scenario.js';

// Runner emulation: every failure category ends in a known state with a job summary.

describe.concurrent('bundled implement: error categories', { timeout: 180_000 }, () => {
  test('transient: a model that keeps answering 503 is retried, then the issue is agent:failed with /retry', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    model.faults.add({ status: 503, times: 20 });
    const run = await runImplement({ gh, model, workspace });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(model.requests.length).toBeGreaterThan(1);
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
    const report = stickyOf(gh, issue.number) ?? '';
    expect(report).toContain('a service kept failing');
    expect(report).toContain('/retry');
    expect(pullsFor(gh)).toEqual([]);
    expect(run.summary).toContain('`agent:failed`');
  });

  test('configuration: a bad policy value fails the step with the key, before anything is claimed', async ({ gh, model, workspace }) => {
    commitPolicy(gh, 'implement:\n  max-turns: many\n');
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    gh.resetRequests();
    const run = await runImplement({ gh, model, workspace });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((annotation) => annotation.level === 'error')?.message).toBe(
      '.github/agentic.yml on main has 1 problem:\n.github/agentic.yml:2: implement.max-turns is "many"; expected a number',
    );
    expect(run.summary).toContain('configuration error');
    expect(gh.writes()).toEqual([]);
    expect(labelsOf(gh, issue.number)).toEqual(['roadmap']);
    expect(model.requests).toEqual([]);
  });

  test('configuration: an unsupported event is refused by name, neutral', async ({ gh, model, workspace }) => {
    const run = await runImplement({ gh, model, workspace }, { eventName: 'push', event: { ref: 'refs/heads/main' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('no-work');
    expect(run.annotations.some((annotation) => annotation.level === 'warning' && annotation.message === 'implement does not handle the push event')).toBe(
      true,
    );
    expect(gh.writes()).toEqual([]);
  });
});
