import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_LOGIN } from '../../src/emulators/github/index.js';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  findings,
  openPull,
  reviewCommentsOn,
  reviewsOn,
  runCtoReview,
  startReviewWorld,
  suggestionIssues,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation of the bundled action: GitHub refusing or rate-limiting the writes.

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

describe('bundled cto-review: GitHub refuses or throttles', { timeout: 120_000 }, () => {
  it('a read-only token (a fork’s pull_request) fails with the permissions it needs, not a stack trace', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING])]);

    const run = await runCtoReview(world, { pull, token: world.gh.tokenFor(BOT_LOGIN, { readOnly: true }) });

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::GitHub refused a write \(.*\): the job needs permissions pull-requests: write, issues: write, checks: write and contents: read/,
    );
    expect(run.stdout).not.toContain('internal error');
    expect(world.model.requests).toEqual([]);
    expect(world.gh.writes().every((request) => request.status === 403)).toBe(true);
  });

  it('rate-limited while posting: neutral with the reason, and a rerun finishes without posting anything twice', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING]), findings([FINDING])]);
    // The review POST is refused three times (the client retries a secondary rate limit twice).
    world.gh.faults.add({ method: 'POST', path: `/repos/acme/widgets/pulls/${pull.number}/reviews`, status: 429, times: 3 });

    const first = await runCtoReview(world, { pull });

    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/::warning::CTO review of #\d+: GitHub's rate limit stopped the review while posting/);
    expect(checkRunsOn(world, pull.head).map((run) => run.conclusion)).toEqual(['neutral']);
    expect(suggestionIssues(world)).toHaveLength(1);
    expect(reviewsOn(world, pull.number)).toEqual([]);
    expect(botComments(world, pull.number, 'cto-review')).toEqual([]);

    const rerun = await runCtoReview(world, { pull });

    expect(rerun.exitCode).toBe(0);
    expect(suggestionIssues(world)).toHaveLength(1);
    expect(reviewCommentsOn(world, pull.number)).toHaveLength(1);
    expect(botComments(world, pull.number, 'cto-review')).toHaveLength(1);
    expect(checkRunsOn(world, pull.head).map((run) => run.conclusion)).toEqual(['neutral', 'success']);
  });
});
