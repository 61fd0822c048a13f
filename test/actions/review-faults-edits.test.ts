import { describe, expect, it } from 'vitest';
import { readMarker } from '../../src/core/markers/registry.js';
import type { ActionRun } from '../harness/runner.js';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  findings,
  openPull,
  push,
  reviewsOn,
  runReviewRun,
  withReviewWorld,
  type OpenedPull,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation of the bundled reviews on a second head: GitHub fails, on every try, a write that edits what
// the first review left — the sticky summary comment, or the dismissal of the earlier request for changes — then
// the job is re-run. The rerun finishes from the model's recorded answer (no model request) and leaves one
// summary comment, the dismissal done once and the new verdict given once.

const REPO = '/repos/acme/widgets';
const WITH_DISCOUNT = `${BASE_FILES['src/cart.ts']}\nexport const DISCOUNT = 0.9;\n`;
const DROP_TABLE = `${BASE_FILES['src/cart.ts']}\nexport function reset(db: { exec(sql: string): void }): void {\n  db.exec('DROP TABLE orders');\n}\n`;

interface Reviewer {
  name: 'cto-review' | 'ciso-review';
  check: string;
  category: string;
}

const REVIEWERS: Reviewer[] = [
  { name: 'cto-review', check: 'agentic/cto-review', category: 'correctness' },
  { name: 'ciso-review', check: 'agentic/ciso-review', category: 'data-exposure' },
];

function errorOf(run: ActionRun): string {
  return run.annotations.find((annotation) => annotation.level === 'error')?.message ?? '';
}

function expectNoCheckLeftOpen(world: ReviewWorld, reviewer: Reviewer, pull: OpenedPull): void {
  const checks = checkRunsOn(world, pull.head, reviewer.check);
  expect(checks.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
  expect(checks.filter((check) => check.status !== 'completed' || check.conclusion === 'failure')).toEqual([]);
}

for (const reviewer of REVIEWERS) {
  describe.concurrent(`bundled ${reviewer.name}: an edit GitHub fails on the second head, then a rerun`, { timeout: 600_000 }, () => {
    it('the sticky summary comment cannot be updated: the rerun updates the one comment, without the model', async () => {
      await withReviewWorld(async (world) => {
        const pull = openPull(world, { files: { 'src/cart.ts': WITH_DISCOUNT } });
        const finding = {
          file: 'src/cart.ts',
          line: 11,
          severity: 'medium' as const,
          category: reviewer.category,
          title: 'Document the discount',
          confidence: 0.95,
        };
        world.model.script([findings([finding]), findings([{ ...finding, title: 'Name the discount rate' }])]);
        expect((await runReviewRun(world, reviewer.name, pull, 7001)).exitCode).toBe(0);
        const [sticky] = botComments(world, pull.number, reviewer.name);
        expect(sticky).toBeDefined();

        push(world, pull, { 'README.md': '# widgets\n\nCarts take a discount.\n' });
        world.gh.faults.add({ method: 'PATCH', path: `${REPO}/issues/comments/${sticky?.id}`, status: 502, times: 50 });
        const second = await runReviewRun(world, reviewer.name, pull, 7002);
        expect(second.exitCode).toBe(1);
        expect(errorOf(second)).toMatch(/the summary comment could not be written: GitHub answered 502 four times/);
        expect(errorOf(second)).toContain("The model's answer is recorded on this check run");
        expect(`${second.stdout}\n${second.summary}`).not.toMatch(/internal error|HttpError|Unicorn|\n\s+at /);
        expect(world.model.requests).toHaveLength(2);
        expect(readMarker(reviewer.name, botComments(world, pull.number, reviewer.name)[0]?.body)?.headSha).not.toBe(pull.head);

        world.gh.faults.clear();
        const rerun = await runReviewRun(world, reviewer.name, pull, 7003);
        expect(rerun.exitCode).toBe(0);
        expect(world.model.requests).toHaveLength(2);
        const comments = botComments(world, pull.number, reviewer.name);
        expect(comments.map((comment) => comment.id)).toEqual([sticky?.id]);
        expect(readMarker(reviewer.name, comments[0]?.body)?.headSha).toBe(pull.head);
        expect(comments[0]?.body).toContain('Name the discount rate');
        expectNoCheckLeftOpen(world, reviewer, pull);
      });
    });

    it('the earlier request for changes cannot be dismissed: the rerun dismisses it once and approves once, without the model', async () => {
      await withReviewWorld(async (world) => {
        const pull = openPull(world, { files: { 'src/cart.ts': DROP_TABLE } });
        const critical = {
          file: 'src/cart.ts',
          line: 12,
          severity: 'critical' as const,
          category: reviewer.category,
          title: 'Deletes every order',
          snippet: "db.exec('DROP TABLE orders');",
          confidence: 0.95,
        };
        world.model.script([findings([critical]), findings([])]);
        const inputs = { 'approve-when-clean': 'true' };
        expect((await runReviewRun(world, reviewer.name, pull, 7001, inputs)).exitCode).toBe(1);
        expect(reviewsOn(world, pull.number).map((review) => review.state)).toEqual(['CHANGES_REQUESTED']);
        const changeRequest = reviewsOn(world, pull.number)[0];

        push(world, pull, { 'src/cart.ts': DROP_TABLE.replace("db.exec('DROP TABLE orders');", "db.exec('DELETE FROM orders WHERE expired');") });
        const dismissal = world.gh.faults.add({
          method: 'PUT',
          path: `${REPO}/pulls/${pull.number}/reviews/${changeRequest?.id}/dismissals`,
          status: 502,
          times: 50,
        });
        const second = await runReviewRun(world, reviewer.name, pull, 7002, inputs);
        expect(dismissal.hits).toBeGreaterThan(0);
        expect(second.exitCode).toBe(1);
        expect(errorOf(second)).toMatch(/the earlier request for changes could not be dismissed: GitHub answered 502/);
        expect(errorOf(second)).toContain('Already posted: the review (APPROVE)');
        expect(world.model.requests).toHaveLength(2);

        world.gh.faults.clear();
        const rerun = await runReviewRun(world, reviewer.name, pull, 7003, inputs);
        expect(rerun.exitCode).toBe(0);
        expect(world.model.requests).toHaveLength(2);
        expect(reviewsOn(world, pull.number).map((review) => review.state)).toEqual(['DISMISSED', 'APPROVED']);
        expect(botComments(world, pull.number, reviewer.name)).toHaveLength(1);
        expectNoCheckLeftOpen(world, reviewer, pull);
      });
    });
  });
}
