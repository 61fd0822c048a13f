import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  findings,
  openPull,
  push,
  reviewCommentsOn,
  reviewsOn,
  runCtoReview,
  startReviewWorld,
  suggestionIssues,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation of the bundled action: reruns write nothing, new pushes post only what is new.

const DISCOUNTED = `${BASE_FILES['src/cart.ts']}\nexport function discounted(items: Item[]): number {\n  return total(items) * 0.9;\n}\n`;
const HARD_CODED = {
  file: 'src/cart.ts',
  line: 12,
  severity: 'medium' as const,
  category: 'correctness',
  title: 'Discount rate is hard-coded',
  snippet: 'return total(items) * 0.9;',
};
const USE_REDUCE = {
  file: 'src/cart.ts',
  line: 7,
  severity: 'low' as const,
  category: 'quality',
  title: 'Sum with reduce',
  snippet: 'for (const item of items) sum += item.price;',
};

let world: ReviewWorld;
beforeEach(async () => {
  world = await startReviewWorld();
});
afterEach(async () => {
  await world.close();
});

describe('bundled cto-review: reruns and new pushes', { timeout: 120_000 }, () => {
  it('a rerun on the same head makes zero writes and no model call, and reports the same verdict', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': DISCOUNTED } });
    world.model.script([findings([HARD_CODED, USE_REDUCE])]);
    const first = await runCtoReview(world, { pull });
    expect(first.exitCode).toBe(0);
    expect(world.gh.writes().length).toBeGreaterThan(0);

    world.gh.resetRequests();
    const calls = world.model.requests.length;
    const rerun = await runCtoReview(world, { pull });

    expect(rerun.exitCode).toBe(0);
    expect(world.gh.writes()).toEqual([]);
    expect(world.model.requests).toHaveLength(calls);
    expect(rerun.outputs).toMatchObject({ 'should-block': 'false', findings: '2', 'issues-created': '0', 'review-id': first.outputs['review-id'] });
    expect(rerun.summary).toContain('was already reviewed with these settings');
  });

  it('a new push with one finding fixed and one new: one new inline comment, the fixed one resolved, no duplicate issue', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': DISCOUNTED } });
    world.model.script([findings([HARD_CODED, USE_REDUCE])]);
    await runCtoReview(world, { pull });
    expect(suggestionIssues(world)).toHaveLength(1);

    // Line 7 is rewritten (the reduce finding is gone); a new line 15 gets a finding; line 12 is unchanged.
    const fixed = DISCOUNTED.replace('  for (const item of items) sum += item.price;', '  for (const { price } of items) sum += price;');
    push(world, pull, { 'src/cart.ts': `${fixed}\nexport const LEGACY_DISCOUNT = 0.85;\n` });
    const NEW = {
      file: 'src/cart.ts',
      line: 15,
      severity: 'medium' as const,
      category: 'quality',
      title: 'Unused constant',
      snippet: 'export const LEGACY_DISCOUNT = 0.85;',
    };
    world.model.script([findings([HARD_CODED, NEW])]);
    world.gh.resetRequests();

    const second = await runCtoReview(world, { pull });

    expect(second.exitCode).toBe(0);
    const reviews = reviewsOn(world, pull.number);
    expect(reviews).toHaveLength(2);
    const newComments = reviewCommentsOn(world, pull.number).filter((comment) => comment.reviewId === reviews[1]?.id);
    expect(newComments.map((comment) => [comment.path, comment.line])).toEqual([['src/cart.ts', 15]]);
    expect(newComments[0]?.body).toContain('Unused constant');

    const sticky = botComments(world, pull.number, 'cto-review');
    expect(sticky).toHaveLength(1);
    expect(sticky[0]?.body).toContain('**Resolved (1)**');
    expect(sticky[0]?.body).toContain('~~Sum with reduce~~');
    // Edited in place: one PATCH, no second comment.
    expect(world.gh.countRequests({ method: 'POST', path: `/repos/acme/widgets/issues/${pull.number}/comments` })).toBe(0);
    expect(world.gh.countRequests({ method: 'PATCH', path: /\/issues\/comments\/\d+$/ })).toBe(1);

    // The hard-coded discount keeps its issue; the new medium finding gets one; no duplicate.
    const titles = suggestionIssues(world)
      .map((issue) => issue.title)
      .sort();
    expect(titles).toEqual(['[CTO Suggestion] Discount rate is hard-coded', '[CTO Suggestion] Unused constant']);
    expect(second.outputs).toMatchObject({ findings: '2', 'issues-created': '1' });
    // The new head has its own check run; the old one is untouched.
    expect(checkRunsOn(world, pull.head)).toHaveLength(1);
  });
});
