import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRunsOn, findings, openPull, runCtoReview, startReviewWorld, type ReviewWorld } from '../review/world.js';
import { filesInRequest, largePull } from '../review/large-pull.js';
import type { ActionRun } from '../harness/runner.js';

// Runner emulation: the 5,000-line, 150-file benchmark pull request (figures in bench/review.bench.ts).

const pullData = largePull();
let world: ReviewWorld;
let run: ActionRun;
let pullNumber: number;
let headSha: string;

beforeAll(async () => {
  world = await startReviewWorld(pullData.base);
  const pull = openPull(world, { files: pullData.head, branch: 'feature/big', title: 'A big change' });
  pullNumber = pull.number;
  headSha = pull.head;
  // One finding per call, on the first file the call shows.
  world.model.script((request) => {
    const [first] = filesInRequest(request.messages.map((message) => message.text).join('\n'));
    return findings(first ? [{ file: first, line: 1, severity: 'low', title: `Looked at ${first}` }] : []);
  });
  run = await runCtoReview(world, { pull });
}, 180_000);

afterAll(async () => {
  await world?.close();
});

describe('bundled cto-review: a 5,000-line, 150-file pull request', () => {
  it('is the size it claims', () => {
    expect(Object.keys(pullData.head)).toHaveLength(150);
    expect(pullData.addedLines).toBe(5000);
  });

  it('reviews every reviewable file within 3 calls of at most 32,000 input tokens, measured by the model emulator', () => {
    expect(run.stderr).toBe('');
    const requests = world.model.requests;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThanOrEqual(3);
    for (const request of requests) expect(request.estimatedInputTokens).toBeLessThanOrEqual(32_000);
    const seen = new Set(requests.flatMap((request) => filesInRequest(request.messages.map((message) => message.text).join('\n'))));
    expect([...seen].sort()).toEqual(pullData.reviewable);
  });

  it('skips the lockfile and the generated files, lists them as not reviewed, and ends neutral: a human must look', () => {
    const text = world.model.requests.map((request) => request.messages.map((message) => message.text).join('\n')).join('\n');
    for (const path of pullData.skipped) {
      expect(text).not.toContain(`=== ${path} `);
      expect(run.summary).toContain(`\`${path}\``);
    }
    expect(run.summary).toMatch(/\| `package-lock.json` \| lockfile \|/);
    expect(run.summary).toMatch(/\| `src\/generated\/api-client.ts` \| generated \|/);
    expect(run.summary).toMatch(/\| `dist\/bundle.js` \| generated \|/);
    expect(run.summary).toContain(`Not reviewed (${pullData.skipped.length}) — needs a human`);
    expect(run.exitCode).toBe(0);
    expect(checkRunsOn(world, headSha)[0]?.conclusion).toBe('neutral');
  });

  it('reads all 150 files through the paginated files API', () => {
    expect(world.gh.countRequests({ method: 'GET', path: `/repos/acme/widgets/pulls/${pullNumber}/files` })).toBe(2);
  });

  it('a budget too small for the diff lists what it left out and ends neutral, not green', async () => {
    const small = await startReviewWorld(pullData.base);
    try {
      const pull = openPull(small, { files: pullData.head, branch: 'feature/big', title: 'A big change' });
      small.model.script(() => findings([]));
      const result = await runCtoReview(small, { pull, inputs: { 'max-review-calls': 1, 'max-input-tokens-per-call': 8000 } });
      expect(small.model.requests).toHaveLength(1);
      expect(small.model.requests[0]?.estimatedInputTokens).toBeLessThanOrEqual(8000);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/::warning::CTO review of #\d+ at [0-9a-f]{7}: 0 findings, incomplete/);
      expect(result.summary).toMatch(/⚠️ \*\*Incomplete:\*\* reviewed \d+ of 147 reviewable files in 1 model call/);
      expect(result.summary).toContain('did not fit max-review-calls × max-input-tokens-per-call');
      const [check] = checkRunsOn(small, pull.head);
      expect(check?.conclusion).toBe('neutral');
      expect(check?.output.summary).toContain('"complete":false');
    } finally {
      await small.close();
    }
  }, 120_000);
});
