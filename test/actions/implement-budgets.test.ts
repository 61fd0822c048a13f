import { describe, expect } from 'vitest';
import { parseMarker } from '../../src/core/marker.js';
import { implementMarkerSchema } from '../../src/core/markers/schemas.js';
import type { ScriptedReply } from '../../src/emulators/model/index.js';
import { webhookExample } from '../harness/runner.js';
import { commitPolicy, ISSUE, labelsOf, pullsFor, runImplement, scriptAgent, stickyOf, test } from '../implement/scenario.js';

// Runner emulation: every budget stops the loop in a known state, and the per-issue spend is kept.

function readingForever(count: number, usage?: { input: number; output: number }): ScriptedReply[] {
  return Array.from({ length: count }, () => ({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/format.js' } }], ...(usage ? { usage } : {}) }));
}

describe.concurrent('bundled implement: budgets', { timeout: 240_000 }, () => {
  test('max-turns: the loop stops, the issue is agent:failed and the comment names the budget', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    const agent = scriptAgent(model, { loop: readingForever(10) });
    const run = await runImplement({ gh, model, workspace }, { inputs: { 'max-turns': 3 } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(agent.loopCalls()).toBe(3);
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
    expect(stickyOf(gh, issue.number)).toContain('turn budget exhausted');
    expect(stickyOf(gh, issue.number)).toContain('max-turns 3');
    expect(run.summary).toContain('max-turns');
    expect(pullsFor(gh)).toEqual([]);
  });

  test('max-cost-usd-per-issue: the spend is kept in the marker and a /retry cannot spend past it', async ({ gh, model, workspace }) => {
    gh.state.addUser({ login: 'maintainer' });
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    // Each loop turn reports 100k input tokens: about $0.21 at gpt-4.1 prices.
    scriptAgent(model, { loop: readingForever(10, { input: 100_000, output: 1_000 }) });
    const first = await runImplement({ gh, model, workspace }, { inputs: { 'max-cost-usd-per-issue': 0.5 } });
    expect(first.outputs.status).toBe('failed');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
    const report = stickyOf(gh, issue.number) ?? '';
    expect(report).toContain('cost budget exhausted');
    expect(report).toContain('max-cost-usd-per-issue');
    const spent = parseMarker('implement', report, implementMarkerSchema)?.costUsd ?? 0;
    expect(spent).toBeGreaterThan(0.5);
    expect(Number(first.outputs['cost-usd'])).toBeCloseTo(spent, 6);

    const comment = gh.state.addComment({ issue_number: issue.number, user: 'maintainer', body: '/retry' });
    const event = webhookExample('issue_comment', 'created');
    Object.assign(event.issue as object, { number: issue.number, title: ISSUE.title, pull_request: undefined, labels: [] });
    Object.assign(event.comment as object, {
      id: comment.id,
      body: '/retry',
      user: { login: 'maintainer', id: gh.state.user('maintainer')?.id, type: 'User' },
    });
    const callsBefore = model.requests.length;
    const retry = await runImplement({ gh, model, workspace }, { eventName: 'issue_comment', event, inputs: { 'max-cost-usd-per-issue': 0.5 } });
    expect(retry.outputs.status).toBe('failed');
    expect(model.requests.length).toBe(callsBefore);
    const after = stickyOf(gh, issue.number) ?? '';
    expect(after).toContain('per-issue budget exhausted');
    expect(parseMarker('implement', after, implementMarkerSchema)?.costUsd).toBeCloseTo(spent, 6);
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
  });

  // A model the shipped price table does not know (a gateway's own name) counts as $0 unless the policy prices it.
  const UNLISTED = { model: 'acme-coder-2', 'max-turns': 6, 'max-cost-usd-per-issue': 0.5 };

  test('models.prices: a priced unlisted model spends its budget and the run stops on cost', async ({ gh, model, workspace }) => {
    commitPolicy(gh, 'models:\n  prices:\n    acme-coder-2: { input: 2, output: 8 }\n');
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    // 100k input and 1k output tokens a turn: $0.208 at the policy's prices, so the third turn passes $0.5.
    const agent = scriptAgent(model, { loop: readingForever(10, { input: 100_000, output: 1_000 }) });
    const run = await runImplement({ gh, model, workspace }, { inputs: UNLISTED });
    expect(run.outputs.status).toBe('failed');
    expect(agent.loopCalls()).toBeLessThan(6);
    expect(stickyOf(gh, issue.number)).toContain('cost budget exhausted');
    expect(Number(run.outputs['cost-usd'])).toBeGreaterThan(0.5);
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
  });

  test('models.prices: without a price the same model counts as $0 and only the turn budget stops it', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    const agent = scriptAgent(model, { loop: readingForever(10, { input: 100_000, output: 1_000 }) });
    const run = await runImplement({ gh, model, workspace }, { inputs: UNLISTED });
    expect(agent.loopCalls()).toBe(6);
    expect(stickyOf(gh, issue.number)).toContain('turn budget exhausted');
    expect(Number(run.outputs['cost-usd'])).toBe(0);
    expect(run.stdout).toContain("No price is known for model 'acme-coder-2' (openai)");
    expect(run.stdout).toContain('Set models.prices for it in the policy file');
  });

  test('models.prices: a negative price is refused with a one-line error before any model call', async ({ gh, model, workspace }) => {
    commitPolicy(gh, 'models:\n  prices:\n    acme-coder-2: { input: -2, output: 8 }\n');
    gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    const run = await runImplement({ gh, model, workspace }, { inputs: UNLISTED });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('models.prices.acme-coder-2.input is -2; expected at least 0');
    expect(model.requests).toEqual([]);
  });

  test('timeout-minutes: the wall-clock limit stops the loop', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    // A slow model: each loop reply takes 4 s, and the run may take 0.1 min (6 s).
    scriptAgent(model, { loop: readingForever(10).map((step) => ({ ...step, fault: { delayMs: 4000 } })) });
    const run = await runImplement({ gh, model, workspace }, { inputs: { 'timeout-minutes': 0.1 } });
    expect(run.outputs.status).toBe('failed');
    expect(stickyOf(gh, issue.number)).toContain('timeout-minutes');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
  });
});
