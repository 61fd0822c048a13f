import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src/emulators/github/index.js';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  findings,
  openPull,
  reviewCommentsOn,
  reviewsOn,
  suggestionIssues,
  runReviewRun,
  withReviewWorld,
  type OpenedPull,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation of the bundled reviews: GitHub fails one write step (every retry, or once), then the same
// event runs the review again. Afterwards there is one of everything: one summary comment, one PR review with
// its inline comment, one suggestion issue, the newest check run of the head is the passing result, no check
// run is left in progress, and the rerun did not ask the model again.

const REPO = '/repos/acme/widgets';
const CHANGED = `${BASE_FILES['src/cart.ts']}\nexport const DISCOUNT = 0.9;\n`;

interface Reviewer {
  name: 'cto-review' | 'ciso-review';
  check: string;
  finding: Parameters<typeof findings>[0][number];
}

const REVIEWERS: Reviewer[] = [
  {
    name: 'cto-review',
    check: 'agentic/cto-review',
    finding: {
      file: 'src/cart.ts',
      line: 11,
      severity: 'medium',
      category: 'documentation',
      title: 'Document the discount',
      snippet: 'export const DISCOUNT = 0.9;',
    },
  },
  {
    name: 'ciso-review',
    check: 'agentic/ciso-review',
    finding: {
      file: 'src/cart.ts',
      line: 11,
      severity: 'high',
      category: 'data-exposure',
      title: 'Discount exposed to clients',
      snippet: 'export const DISCOUNT = 0.9;',
      confidence: 0.95,
    } as Parameters<typeof findings>[0][number],
  },
];

interface WriteStep {
  step: string;
  fault: (pull: OpenedPull) => Pick<FaultSpec, 'method' | 'path' | 'skip'>;
  /** What the failure message names. */
  says: RegExp;
  /** The step comes before the model call: the first run reviews nothing. */
  beforeModel?: boolean;
}

const STEPS: WriteStep[] = [
  {
    step: 'check-run creation',
    fault: () => ({ method: 'POST', path: `${REPO}/check-runs` }),
    says: /the check run could not be created: GitHub answered 502/,
    beforeModel: true,
  },
  { step: 'label creation', fault: () => ({ method: 'POST', path: `${REPO}/labels` }), says: /the suggestion issues could not be filed: GitHub answered 502/ },
  {
    step: 'suggestion issue',
    fault: () => ({ method: 'POST', path: `${REPO}/issues` }),
    says: /the suggestion issues could not be filed: GitHub answered 502/,
  },
  {
    step: 'PR review with its inline comment',
    fault: (pull) => ({ method: 'POST', path: `${REPO}/pulls/${pull.number}/reviews` }),
    says: /the review could not be posted: GitHub answered 502/,
  },
  {
    step: 'check-run completion',
    // The first update records the model's answer on the check run; the completion is the second.
    fault: () => ({ method: 'PATCH', path: /^\/repos\/acme\/widgets\/check-runs\/\d+$/, skip: 1 }),
    says: /the check run could not be completed: GitHub answered 502 four times/,
  },
  {
    step: 'summary comment',
    fault: (pull) => ({ method: 'POST', path: `${REPO}/issues/${pull.number}/comments` }),
    says: /the summary comment could not be written: GitHub answered 502/,
  },
];

/** One of everything this reviewer posts, and the head's newest check run passing. */
function expectOneOfEach(world: ReviewWorld, reviewer: Reviewer, pull: OpenedPull): void {
  expect(botComments(world, pull.number, reviewer.name)).toHaveLength(1);
  expect(reviewsOn(world, pull.number)).toHaveLength(1);
  expect(reviewCommentsOn(world, pull.number)).toHaveLength(1);
  expect(suggestionIssues(world)).toHaveLength(1);
  const checks = checkRunsOn(world, pull.head, reviewer.check);
  expect(checks.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
  // An earlier attempt that GitHub stopped is superseded, never left failing or in progress.
  expect(checks.filter((check) => check.conclusion === 'failure')).toEqual([]);
  expect(checks.filter((check) => check.status !== 'completed')).toEqual([]);
}

for (const reviewer of REVIEWERS) {
  describe.concurrent(`bundled ${reviewer.name}: a write GitHub fails, then a rerun`, { timeout: 600_000 }, () => {
    for (const { step, fault, says, beforeModel } of STEPS) {
      it(`${step} answers 502 on every try: the run fails saying what exists, the rerun finishes with one of each`, async () => {
        await withReviewWorld(async (world) => {
          const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
          world.model.script([findings([reviewer.finding]), findings([reviewer.finding])]);
          const injected = world.gh.faults.add({ ...fault(pull), status: 502, times: 50 });

          const first = await runReviewRun(world, reviewer.name, pull, 7001);
          expect(injected.hits).toBeGreaterThan(0);
          expect(first.exitCode).toBe(1);
          const error = first.annotations.find((annotation) => annotation.level === 'error')?.message ?? '';
          expect(error).toMatch(says);
          expect(error).toMatch(/re-run/i);
          if (!beforeModel) expect(error).toContain("The model's answer is recorded on this check run");
          expect(`${first.stdout}\n${first.summary}`).not.toMatch(/internal error|HttpError|Unicorn|\n\s+at /);
          expect(world.model.requests).toHaveLength(beforeModel ? 0 : 1);
          // No failing check is left behind: a check the run could complete says the review did not finish.
          for (const check of checkRunsOn(world, pull.head, reviewer.check)) expect(check.conclusion).not.toBe('failure');
          expect(botComments(world, pull.number, reviewer.name).length).toBeLessThanOrEqual(1);
          expect(suggestionIssues(world).length).toBeLessThanOrEqual(1);

          world.gh.faults.clear();
          const calls = world.model.requests.length;
          const rerun = await runReviewRun(world, reviewer.name, pull, 7002);
          expect(rerun.exitCode).toBe(0);
          // The rerun finishes from the answer recorded on the first run's check run; only a run that stopped
          // before the model answered asks it.
          expect(world.model.requests.length - calls).toBe(beforeModel ? 1 : 0);
          expectOneOfEach(world, reviewer, pull);
          if (!beforeModel) expect(rerun.stdout).toContain('without calling the model');
          if (step === 'check-run completion') {
            // The first run could neither complete its check nor mark it unfinished: the rerun closes it.
            const [stale, ...later] = checkRunsOn(world, pull.head, reviewer.check);
            expect(stale).toMatchObject({ status: 'completed', conclusion: 'neutral' });
            expect(stale?.output.title).toMatch(/^Superseded/);
            expect(stale?.output.summary).toContain(`/runs/${later.at(-1)?.id}`);
          }
          const sticky = botComments(world, pull.number, reviewer.name)[0]?.body ?? '';
          expect(sticky).toContain(reviewer.finding.title);
        });
      });

      it(`${step} answers 502 once: the run absorbs it, and a rerun writes nothing`, async () => {
        await withReviewWorld(async (world) => {
          const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
          world.model.script([findings([reviewer.finding])]);
          const injected = world.gh.faults.add({ ...fault(pull), status: 502, times: 1 });

          const first = await runReviewRun(world, reviewer.name, pull, 7001);
          expect(injected.hits).toBe(1);
          expect(first.exitCode).toBe(0);
          expectOneOfEach(world, reviewer, pull);
          expect(checkRunsOn(world, pull.head, reviewer.check)).toHaveLength(1);

          world.gh.resetRequests();
          const rerun = await runReviewRun(world, reviewer.name, pull, 7002);
          expect(rerun.exitCode).toBe(0);
          expect(world.gh.writes()).toEqual([]);
          expect(world.model.requests).toHaveLength(1);
          expectOneOfEach(world, reviewer, pull);
        });
      });
    }
  });
}
