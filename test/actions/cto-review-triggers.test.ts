import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  commentEvent,
  findings,
  openPull,
  pullRequestEvent,
  reviewCommentsOn,
  reviewsOn,
  runCtoReview,
  startReviewWorld,
  suggestionIssues,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation of the bundled action: which events start a review, and dry runs.

const CHANGED = `${BASE_FILES['src/cart.ts']}\nexport const DISCOUNT = 0.9;\n`;
const FINDING = {
  file: 'src/cart.ts',
  line: 11,
  severity: 'medium' as const,
  category: 'documentation',
  title: 'Document the discount',
  snippet: 'export const DISCOUNT = 0.9;',
};

let world: ReviewWorld;
beforeEach(async () => {
  world = await startReviewWorld();
});
afterEach(async () => {
  await world.close();
});

describe('bundled cto-review: triggers', { timeout: 120_000 }, () => {
  it('a /review comment from a writer reviews the pull request', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const alice = world.gh.state.addUser({ login: 'alice' });
    world.gh.state.setPermission('alice', 'write');
    world.model.script([findings([FINDING])]);

    const run = await runCtoReview(world, {
      pull,
      eventName: 'issue_comment',
      event: commentEvent(pull, 'Looks ready.\n\n/review', { login: 'alice', id: alice.id }),
    });

    expect(run.exitCode).toBe(0);
    expect(reviewCommentsOn(world, pull.number)).toHaveLength(1);
    expect(run.stdout).toContain(`reviewing #${pull.number} (/review by @alice)`);
  });

  it('a /review comment from someone without write access reviews nothing and gets one polite reply', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const mallory = world.gh.state.addUser({ login: 'mallory' });
    world.gh.state.setPermission('mallory', 'read');

    const run = await runCtoReview(world, { pull, eventName: 'issue_comment', event: commentEvent(pull, '/review', { login: 'mallory', id: mallory.id }) });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/::warning::CTO review did not run: @mallory has read permission; only people with write access can ask the bot to act/);
    expect(world.gh.writes().map((write) => `${write.method} ${write.path}`)).toEqual([`POST /repos/acme/widgets/issues/${pull.number}/comments`]);
    expect(world.model.requests).toEqual([]);
  });

  it('a comment that only quotes /review is not a command', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const run = await runCtoReview(world, {
      pull,
      eventName: 'issue_comment',
      event: commentEvent(pull, '> /review\n\nwhy did you ask for this?', { login: 'acme', id: 1 }),
    });
    expect(run.stdout).toContain('the comment holds no /review command');
    expect(world.gh.writes()).toEqual([]);
  });

  it('skips a draft (neutral, no writes) unless review-drafts is true', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED }, draft: true });
    const skipped = await runCtoReview(world, { pull, event: pullRequestEvent(pull, 'opened', true) });
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toMatch(/::warning::#\d+ is a draft; not reviewed/);
    expect(world.gh.writes()).toEqual([]);

    world.model.script([findings([FINDING])]);
    const reviewed = await runCtoReview(world, { pull, event: pullRequestEvent(pull, 'opened', true), inputs: { 'review-drafts': true } });
    expect(reviewed.exitCode).toBe(0);
    expect(checkRunsOn(world, pull.head)).toHaveLength(1);
  });

  it('workflow_dispatch reviews the pull request named by the input, and refuses without one', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const refused = await runCtoReview(world, { eventName: 'workflow_dispatch', event: { inputs: {} } });
    expect(refused.stdout).toContain('workflow_dispatch needs the pull-request-number input');
    expect(world.gh.writes()).toEqual([]);

    world.model.script([findings([])]);
    const run = await runCtoReview(world, { eventName: 'workflow_dispatch', event: { inputs: {} }, inputs: { 'pull-request-number': pull.number } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'should-block': 'false', findings: '0' });
    expect(checkRunsOn(world, pull.head)[0]?.conclusion).toBe('success');
  });

  it('refuses pull_request actions and events it does not review, by name', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    const closed = await runCtoReview(world, { pull, event: pullRequestEvent(pull, 'labeled') });
    expect(closed.stdout).toContain('pull_request.labeled is not reviewed (only opened, synchronize, reopened, ready_for_review)');
    const pushed = await runCtoReview(world, { eventName: 'push', event: { ref: 'refs/heads/main', after: pull.head } });
    expect(pushed.exitCode).toBe(0);
    expect(pushed.stdout).toContain('the push event is not supported');
    expect(world.gh.writes()).toEqual([]);
  });
});

describe('bundled cto-review: dry run and providers', { timeout: 120_000 }, () => {
  it('dry-run writes nothing and prints the would-be review in the job summary', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([{ ...FINDING, suggestion: '/** The discount for loyal customers. */\nexport const DISCOUNT = 0.9;' }])]);

    const run = await runCtoReview(world, { pull, inputs: { 'dry-run': true } });

    expect(run.exitCode).toBe(0);
    expect(world.gh.writes()).toEqual([]);
    expect(run.summary).toContain('## Dry run: nothing was written');
    expect(run.summary).toContain('### Review (COMMENT)');
    expect(run.summary).toContain('#### Inline comment on `src/cart.ts:11`');
    expect(run.summary).toContain('```suggestion');
    expect(run.summary).toContain(
      'would create **[CTO Suggestion] Document the discount** with labels `agent-suggestion`, `needs-approval`, `severity-medium`, `source:cto-review`',
    );
    expect(run.summary).toContain('### Check run `agentic/cto-review`');
    expect(reviewsOn(world, pull.number)).toEqual([]);
    expect(suggestionIssues(world)).toEqual([]);
  });

  it.each(['anthropic', 'openai-compatible'] as const)('works with the %s provider', async (provider) => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING])]);

    const run = await runCtoReview(world, { pull, provider });

    // The Anthropic SDK warns on stderr that the default model will be retired; nothing else may be there.
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.exitCode).toBe(0);
    expect(world.model.requests[0]?.provider).toBe(provider === 'anthropic' ? 'anthropic' : 'openai');
    expect(reviewCommentsOn(world, pull.number).map((comment) => comment.line)).toEqual([11]);
    expect(botComments(world, pull.number, 'cto-review')[0]?.body).toContain(
      provider === 'anthropic' ? 'anthropic/claude-sonnet-4-5' : 'openai-compatible/qwen2.5-coder',
    );
  });
});
