import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_LOGIN } from '../../src/emulators/github/index.js';
import { BASE_FILES, botComments, checkRunsOn, commentEvent, findings, openPull, runCtoReview, startReviewWorld, type ReviewWorld } from '../review/world.js';

// Runner emulation of the bundled cto-review: only writers command a review, whichever path the event took,
// and review spend is capped per pull request and per repository.

const CHANGED = `${BASE_FILES['src/cart.ts']}\nexport const DISCOUNT = 0.9;\n`;

let world: ReviewWorld;
beforeEach(async () => {
  world = await startReviewWorld();
});
afterEach(async () => {
  await world.close();
});

describe('bundled cto-review: only writers command a review', { timeout: 180_000 }, () => {
  it('a reader’s /review passed on as pull-request-number (workflow_call) starts nothing and is answered once', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const mallory = world.gh.state.addUser({ login: 'mallory' });
    world.gh.state.setPermission('mallory', 'read');
    const event = commentEvent(pull, '/review', { login: 'mallory', id: mallory.id });

    // The reusable workflow always passes the number; the caller's event is still the comment.
    const first = await runCtoReview(world, { eventName: 'issue_comment', event, inputs: { 'pull-request-number': pull.number } });
    const again = await runCtoReview(world, { eventName: 'issue_comment', event, inputs: { 'pull-request-number': pull.number } });

    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/::warning::CTO review did not run: @mallory has read permission; only people with write access/);
    expect(again.exitCode).toBe(0);
    expect(world.model.requests).toEqual([]);
    expect(checkRunsOn(world, pull.head)).toEqual([]);
    const replies = botComments(world, pull.number, 'refusal');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain('`@mallory`, thanks for asking. Only people with write access');
  });

  it('control: a writer’s /review passed on as pull-request-number runs the review', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const alice = world.gh.state.addUser({ login: 'alice' });
    world.gh.state.setPermission('alice', 'write');
    world.model.script([findings([])]);

    const run = await runCtoReview(world, {
      eventName: 'issue_comment',
      event: commentEvent(pull, '/review', { login: 'alice', id: alice.id }),
      inputs: { 'pull-request-number': pull.number },
    });

    expect(run.exitCode).toBe(0);
    expect(world.model.requests).toHaveLength(1);
    expect(checkRunsOn(world, pull.head)[0]?.conclusion).toBe('success');
    expect(botComments(world, pull.number, 'refusal')).toEqual([]);
  });

  it('a workflow_dispatch by a triage-role user is refused; by a maintainer it runs', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const trina = world.gh.state.addUser({ login: 'trina' });
    world.gh.state.setPermission('trina', 'triage');
    const maya = world.gh.state.addUser({ login: 'maya' });
    world.gh.state.setPermission('maya', 'maintain');

    const refused = await runCtoReview(world, {
      eventName: 'workflow_dispatch',
      event: { inputs: {}, sender: { login: 'trina', id: trina.id, type: 'User' } },
      actor: 'trina',
      inputs: { 'pull-request-number': pull.number },
    });
    expect(refused.stdout).toContain('@trina has triage permission');
    expect(world.gh.writes()).toEqual([]);
    expect(world.model.requests).toEqual([]);

    world.model.script([findings([])]);
    const run = await runCtoReview(world, {
      eventName: 'workflow_dispatch',
      event: { inputs: {}, sender: { login: 'maya', id: maya.id, type: 'User' } },
      actor: 'maya',
      inputs: { 'pull-request-number': pull.number },
    });
    expect(run.exitCode).toBe(0);
    expect(checkRunsOn(world, pull.head)).toHaveLength(1);
  });
});

describe('bundled cto-review: review caps', { timeout: 180_000 }, () => {
  it('at max-reviews-per-pr-per-day it calls no model and says once when reviews resume', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    for (let i = 0; i < 6; i += 1) world.gh.state.addCheckRun({ head_sha: pull.head, name: 'agentic/cto-review', status: 'completed', conclusion: 'success' });

    const first = await runCtoReview(world, { pull });
    const again = await runCtoReview(world, { pull });

    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/reviewed 6 times in the last 24 hours \(max-reviews-per-pr-per-day: 6\)/);
    expect(again.exitCode).toBe(0);
    expect(world.model.requests).toEqual([]);
    expect(checkRunsOn(world, pull.head)).toHaveLength(6);
    const notices = botComments(world, pull.number, 'review-cap');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toMatch(/Reviews resume at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  });

  it('check runs of that name from another app do not count towards the cap (control: the review runs)', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.gh.state.addUser({ login: 'other-app[bot]', type: 'Bot' });
    for (let i = 0; i < 6; i += 1)
      world.gh.state.addCheckRun({ head_sha: pull.head, name: 'agentic/cto-review', status: 'completed', conclusion: 'success', app: 'other-app[bot]' });
    world.model.script([findings([])]);

    const run = await runCtoReview(world, { pull });

    expect(run.exitCode).toBe(0);
    expect(world.model.requests).toHaveLength(1);
    expect(botComments(world, pull.number, 'review-cap')).toEqual([]);
  });

  it('at max-reviews-per-day from the policy, reviews of other pull requests count', async () => {
    world.gh.state.commitFiles('main', { '.github/agentic.yml': 'review:\n  max-reviews-per-day: 2\n' }, { message: 'policy' });
    const other = openPull(world, { branch: 'feature/other', files: { 'README.md': '# widgets!\n' } });
    for (let i = 0; i < 2; i += 1)
      world.gh.state.addCheckRun({ head_sha: other.head, name: 'agentic/cto-review', status: 'completed', conclusion: 'success', app: BOT_LOGIN });
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });

    const run = await runCtoReview(world, { pull });

    expect(run.stdout).toMatch(/the repository had 2 reviews in the last 24 hours \(max-reviews-per-day: 2\)/);
    expect(world.model.requests).toEqual([]);
    expect(botComments(world, pull.number, 'review-cap')).toHaveLength(1);
  });
});
