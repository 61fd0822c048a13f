import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { readMarker } from '../../src/core/markers/registry.js';
import type { ActionRun } from '../harness/runner.js';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  findings,
  openPull,
  push,
  runReviewRun,
  withReviewWorld,
  type OpenedPull,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation of the bundled cto-review: a rerun finishes from the model's answer recorded on the first
// run's check run, and from nothing a pull request's author could plant. Each attack moves or alters the genuine
// record, then the rerun must ask the model as a first run would; the control shows the genuine record is used.

const REPO = '/repos/acme/widgets';
const CHECK = 'agentic/cto-review';
const CHANGED = `${BASE_FILES['src/cart.ts']}\nexport const DISCOUNT = 0.9;\n`;
const FINDING = {
  file: 'src/cart.ts',
  line: 11,
  severity: 'medium' as const,
  category: 'documentation',
  title: 'Document the discount',
  snippet: 'export const DISCOUNT = 0.9;',
};

/**
 * A first run whose summary comment GitHub refuses on every try, after the model answered: its check run holds
 * the record. Returns the record's text, taken off every check run (an attack puts it, or a forgery, elsewhere).
 */
async function interruptedReview(world: ReviewWorld, pull: OpenedPull, options: { keepRecord?: boolean } = {}): Promise<string> {
  world.model.script([findings([FINDING]), findings([FINDING])]);
  world.gh.faults.add({ method: 'POST', path: `${REPO}/issues/${pull.number}/comments`, status: 502, times: 50 });
  const first = await runReviewRun(world, 'cto-review', pull, 7001);
  expect(first.exitCode).toBe(1);
  expect(world.model.requests).toHaveLength(1);
  world.gh.faults.clear();
  const recorded = checkRunsOn(world, pull.head, CHECK).filter((run) => run.output.text?.includes('agentic-workflow:review-record'));
  expect(recorded).toHaveLength(1);
  const text = recorded[0]?.output.text ?? '';
  if (!options.keepRecord) for (const run of recorded) run.output.text = null;
  return text;
}

/** The rerun asked the model once and posted the review as a first run would. */
function expectReviewedAfresh(world: ReviewWorld, pull: OpenedPull, rerun: ActionRun): void {
  expect(rerun.exitCode).toBe(0);
  expect(world.model.requests).toHaveLength(2);
  expect(rerun.stdout).not.toContain('without calling the model');
  const comments = botComments(world, pull.number, 'cto-review');
  expect(comments).toHaveLength(1);
  expect(comments[0]?.body).toContain(FINDING.title);
}

function withWorld(body: (world: ReviewWorld, pull: OpenedPull) => Promise<void>): Promise<void> {
  return withReviewWorld((world) => body(world, openPull(world, { files: { 'src/cart.ts': CHANGED } })));
}

describe.concurrent('bundled cto-review: what a rerun resumes from', { timeout: 600_000 }, () => {
  it("control: the record on the bot's own check run of this head is used, and the model is not asked again", async () => {
    await withWorld(async (world, pull) => {
      await interruptedReview(world, pull, { keepRecord: true });
      const rerun = await runReviewRun(world, 'cto-review', pull, 7002);
      expect(rerun.exitCode).toBe(0);
      expect(world.model.requests).toHaveLength(1);
      expect(rerun.stdout).toContain('without calling the model');
      expect(botComments(world, pull.number, 'cto-review')[0]?.body).toContain(FINDING.title);
      expect(botComments(world, pull.number, 'cto-review')[0]?.body).toContain('this run did not ask the model again');
    });
  });

  it('a check run of another app carrying the genuine record is not trusted', async () => {
    await withWorld(async (world, pull) => {
      const text = await interruptedReview(world, pull);
      const planted = world.gh.state.addCheckRun({ head_sha: pull.head, name: CHECK, status: 'in_progress', app: 'intruder[bot]', external_id: '7001/1' });
      planted.output = { title: 'in progress', summary: 'The review is in progress.', text };

      const rerun = await runReviewRun(world, 'cto-review', pull, 7002);
      expectReviewedAfresh(world, pull, rerun);
      expect(rerun.stdout).toMatch(/Ignored a record on check run \d+: it was written by app intruder/);
    });
  });

  it("the bot's genuine record of another head is not trusted on this head", async () => {
    await withWorld(async (world, pull) => {
      const text = await interruptedReview(world, pull);
      const earlierHead = pull.head;
      push(world, pull, { 'README.md': '# widgets\n\nWith discounts.\n' });
      expect(pull.head).not.toBe(earlierHead);
      const planted = world.gh.state.addCheckRun({ head_sha: pull.head, name: CHECK, status: 'in_progress', external_id: '7001/1' });
      planted.output = { title: 'in progress', summary: 'The review is in progress.', text };

      const rerun = await runReviewRun(world, 'cto-review', pull, 7002);
      expectReviewedAfresh(world, pull, rerun);
      expect(rerun.stdout).toContain(`recorded for head ${earlierHead.slice(0, 7)}`);
    });
  });

  it("a record altered on a check run of the bot's own app (another workflow holding the same token) fails its seal", async () => {
    await withWorld(async (world, pull) => {
      const text = await interruptedReview(world, pull);
      const genuine = readMarker('review-record', text);
      expect(genuine).not.toBeNull();
      // A clean review, claimed under the genuine seal.
      const forged = formatMarker('review-record', { ...genuine, findings: [] });
      const planted = world.gh.state.addCheckRun({ head_sha: pull.head, name: CHECK, status: 'in_progress', external_id: '7001/1' });
      planted.output = { title: 'in progress', summary: 'The review is in progress.', text: forged };

      const rerun = await runReviewRun(world, 'cto-review', pull, 7002);
      expectReviewedAfresh(world, pull, rerun);
      expect(rerun.stdout).toMatch(/Ignored the record on check run \d+: its seal does not match/);
    });
  });

  it('a comment by another account carrying the genuine record is not read at all', async () => {
    await withWorld(async (world, pull) => {
      const text = await interruptedReview(world, pull);
      world.gh.state.addUser({ login: 'mallory' });
      world.gh.state.addComment({ issue_number: pull.number, user: 'mallory', body: `Saving you a model call:\n\n${text}` });

      const rerun = await runReviewRun(world, 'cto-review', pull, 7002);
      expectReviewedAfresh(world, pull, rerun);
    });
  });
});
