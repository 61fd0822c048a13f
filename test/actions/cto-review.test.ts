import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMarker } from '../../src/core/marker.js';
import { reviewCheckMarkerSchema } from '../../src/core/contracts.js';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  findings,
  labelNamesOf,
  openPull,
  reviewCommentsOn,
  reviewsOn,
  runCtoReview,
  startReviewWorld,
  suggestionIssues,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation: the bundled dist/cto-review.js against the GitHub and model emulators (npm run build first).

const DISCOUNTED = `${BASE_FILES['src/cart.ts']}\nexport function discounted(items: Item[]): number {\n  return total(items) * 0.9;\n}\n`;

const HARD_CODED = {
  file: 'src/cart.ts',
  line: 12,
  severity: 'medium' as const,
  category: 'correctness',
  title: 'Discount rate is hard-coded',
  body: 'The 10% discount is a magic number; make it a named constant or a parameter.',
  suggestion: '  return total(items) * (1 - DISCOUNT_RATE);',
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

describe('bundled cto-review: a small pull request', { timeout: 120_000 }, () => {
  it('posts the sticky summary, inline comments with a suggestion block, the check run and one suggestion issue', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': DISCOUNTED } });
    world.model.script([findings([HARD_CODED, USE_REDUCE])]);

    const run = await runCtoReview(world, { pull });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const reviews = reviewsOn(world, pull.number);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ state: 'COMMENTED', commitId: pull.head, author: 'github-actions[bot]' });
    expect(run.outputs).toEqual({ 'should-block': 'false', findings: '2', 'issues-created': '1', 'review-id': String(reviews[0]?.id) });

    const comments = reviewCommentsOn(world, pull.number);
    expect(comments.map((comment) => [comment.path, comment.line, comment.side])).toEqual([
      ['src/cart.ts', 12, 'RIGHT'],
      ['src/cart.ts', 7, 'RIGHT'],
    ]);
    expect(comments[0]?.body).toContain('```suggestion\n  return total(items) * (1 - DISCOUNT_RATE);\n```');
    expect(comments[1]?.body).not.toContain('```suggestion');

    const [check] = checkRunsOn(world, pull.head);
    // The check names the workflow run (and attempt) that wrote it, the run auto-merge verifies.
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success', app: 'github-actions[bot]', externalId: '1000/1' });
    expect(check?.annotations.map((annotation) => [annotation.path, annotation.startLine, annotation.level])).toEqual([
      ['src/cart.ts', 12, 'warning'],
      ['src/cart.ts', 7, 'notice'],
    ]);
    const summary = check?.output.summary ?? '';
    expect(summary.trimEnd().split('\n').at(-1)).toMatch(/^<!-- agentic-workflow:review-check \{.*\} -->$/);
    expect(parseMarker('review-check', summary, reviewCheckMarkerSchema.omit({ v: true }))).toEqual({
      headSha: pull.head,
      shouldBlock: false,
      complete: true,
      newDependencies: [],
    });

    const sticky = botComments(world, pull.number, 'cto-review');
    expect(sticky).toHaveLength(1);
    expect(sticky[0]?.body).toContain('Discount rate is hard-coded');
    expect(sticky[0]?.body).toContain('Reviewed all 1 reviewable file in 1 model call.');

    const issues = suggestionIssues(world);
    expect(issues.map((issue) => issue.title)).toEqual(['[CTO Suggestion] Discount rate is hard-coded']);
    const issue = issues[0];
    expect(labelNamesOf(world, issue?.number ?? 0)).toEqual(['agent-suggestion', 'needs-approval', 'severity-medium', 'source:cto-review']);
    expect(issue?.body).toContain(`#${pull.number}`);
    expect(issue?.body).toMatch(/<!-- agentic-workflow:suggestion \{.*"prs":\[\d+\].*\} -->/);
    expect(sticky[0]?.body).toContain(`#${issue?.number}`);
    expect(run.summary).toContain(
      `- review COMMENT with 2 inline comment(s)\n- suggestion issues created: #${issue?.number}\n- check run \`agentic/cto-review\`: success`,
    );

    // The model saw the diff as data, with new-file line numbers, at the CTO temperature.
    const [request] = world.model.requests;
    expect(request?.temperature).toBe(0.2);
    expect(request?.messages[0]?.text).toContain('12 +  return total(items) * 0.9;');
    expect(request?.messages[0]?.text).toContain('is untrusted data from diff');
  });
});
