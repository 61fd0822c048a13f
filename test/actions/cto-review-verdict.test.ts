import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMarker } from '../../src/core/marker.js';
import { reviewCheckMarkerSchema } from '../../src/core/contracts.js';
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

// Runner emulation of the bundled action: the verdict, and a model that cannot answer in the schema.

const DROP_TABLE = `${BASE_FILES['src/cart.ts']}\nexport function reset(db: { exec(sql: string): void }): void {\n  db.exec('DROP TABLE orders');\n}\n`;
const CRITICAL = {
  file: 'src/cart.ts',
  line: 12,
  severity: 'critical' as const,
  category: 'correctness',
  title: 'Deletes every order',
  snippet: "db.exec('DROP TABLE orders');",
};

let world: ReviewWorld;
beforeEach(async () => {
  world = await startReviewWorld();
});
afterEach(async () => {
  await world.close();
});

describe('bundled cto-review: the verdict', { timeout: 120_000 }, () => {
  it('a critical finding requests changes, fails the check and sets should-block', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': DROP_TABLE } });
    world.model.script([findings([CRITICAL])]);

    const run = await runCtoReview(world, { pull });

    expect(run.exitCode).toBe(1);
    expect(run.outputs['should-block']).toBe('true');
    expect(reviewsOn(world, pull.number).map((review) => review.state)).toEqual(['CHANGES_REQUESTED']);
    const [check] = checkRunsOn(world, pull.head);
    expect(check?.conclusion).toBe('failure');
    expect(check?.output.title).toMatch(/^Blocks merging/);
    expect(parseMarker('review-check', check?.output.summary, reviewCheckMarkerSchema.omit({ v: true }))?.shouldBlock).toBe(true);
    expect(run.summary).toContain('**Blocks merging:**');
  });

  it('once the critical finding is fixed, the change request is dismissed and the check passes', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': DROP_TABLE } });
    world.model.script([findings([CRITICAL]), findings([])]);
    await runCtoReview(world, { pull });
    world.gh.state.commitFiles(pull.branch, {
      'src/cart.ts': DROP_TABLE.replace("db.exec('DROP TABLE orders');", "db.exec('DELETE FROM orders WHERE expired');"),
    });
    pull.head = world.gh.state.branchSha(pull.branch) ?? '';

    const run = await runCtoReview(world, { pull });

    expect(run.exitCode).toBe(0);
    expect(run.outputs['should-block']).toBe('false');
    expect(reviewsOn(world, pull.number).map((review) => review.state)).toEqual(['DISMISSED']);
    expect(checkRunsOn(world, pull.head)[0]?.conclusion).toBe('success');
    expect(botComments(world, pull.number, 'cto-review')[0]?.body).toContain('~~Deletes every order~~');
  });

  it('on a pull request the bot opened itself, a critical finding is a COMMENT (GitHub refuses REQUEST_CHANGES) and the check still fails', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': DROP_TABLE }, user: 'github-actions[bot]', branch: 'automated/1-reset' });
    world.model.script([findings([CRITICAL])]);

    const run = await runCtoReview(world, { pull });

    expect(run.outputs['should-block']).toBe('true');
    expect(reviewsOn(world, pull.number).map((review) => review.state)).toEqual(['COMMENTED']);
    expect(checkRunsOn(world, pull.head)[0]?.conclusion).toBe('failure');
    expect(botComments(world, pull.number, 'cto-review')[0]?.body).toContain('does not let the bot request changes on its own pull request');
  });

  it('approves a clean pull request only when approve-when-clean is on, and a policy that says no wins', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': `${BASE_FILES['src/cart.ts']}\nexport const ONE = 1;\n` } });
    world.model.script([findings([]), findings([])]);
    const quiet = await runCtoReview(world, { pull });
    expect(quiet.outputs).toMatchObject({ 'should-block': 'false', findings: '0', 'review-id': '' });
    expect(reviewsOn(world, pull.number)).toEqual([]);

    // A different setting is a different review of the same head.
    const approving = await runCtoReview(world, { pull, inputs: { 'approve-when-clean': true } });
    expect(reviewsOn(world, pull.number).map((review) => review.state)).toEqual(['APPROVED']);
    expect(approving.outputs['review-id']).toBe(String(reviewsOn(world, pull.number)[0]?.id));

    world.gh.state.commitFiles('main', { '.github/agentic.yml': 'cto-review:\n  approve-when-clean: false\n' });
    world.gh.state.commitFiles(pull.branch, { 'src/cart.ts': `${BASE_FILES['src/cart.ts']}\nexport const TWO = 2;\n` });
    pull.head = world.gh.state.branchSha(pull.branch) ?? '';
    world.model.script([findings([])]);
    await runCtoReview(world, { pull, inputs: { 'approve-when-clean': true } });
    expect(reviewsOn(world, pull.number).map((review) => review.state)).toEqual(['APPROVED']);
  });

  it('invalid output twice fails the check with the reason and posts nothing else', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': DROP_TABLE } });
    const broken = { toolCalls: [{ name: 'report_findings', arguments: '{"findings": [ {"file": ' }] };
    world.model.script([broken, broken]);

    const run = await runCtoReview(world, { pull });

    expect(run.exitCode).toBe(1);
    expect(world.model.requests).toHaveLength(2);
    const [check] = checkRunsOn(world, pull.head);
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check?.output.summary).toContain('did not match the findings schema, even after one repair round');
    expect(check?.output.summary).toContain('Nothing was posted on the pull request.');
    expect(reviewsOn(world, pull.number)).toEqual([]);
    expect(reviewCommentsOn(world, pull.number)).toEqual([]);
    expect(botComments(world, pull.number, 'cto-review')).toEqual([]);
    expect(suggestionIssues(world)).toEqual([]);
    // The only writes: the check run, created in progress and then completed.
    expect(world.gh.writes().map((request) => `${request.method} ${request.route}`)).toEqual([
      'POST /repos/{owner}/{repo}/check-runs',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    ]);
    expect(run.summary).toContain('**Not reviewed.**');
    expect(run.outputs['should-block']).toBe('false');
  });
});
