import { expect, it } from 'vitest';
import { filesInRequest, largePull } from '../test/review/large-pull.js';
import { findings, openPull, runCtoReview, startReviewWorld } from '../test/review/world.js';
import { recordFigure } from './figures.js';

const MAX_CALLS = 3;
const MAX_TOKENS = 32_000;

it('cto-review: a 5,000-line, 150-file diff reviewed within the call and token budget, then rerun', async () => {
  const pullData = largePull();
  const world = await startReviewWorld(pullData.base);
  try {
    const pull = openPull(world, { files: pullData.head, branch: 'feature/big', title: 'A big change' });
    world.model.script(() => findings([]));
    const started = performance.now();
    const run = await runCtoReview(world, { pull });
    const seconds = (performance.now() - started) / 1000;
    expect(run.stderr).toBe('');

    const requests = world.model.requests;
    const tokens = requests.map((request) => request.estimatedInputTokens);
    const seen = new Set(requests.flatMap((request) => filesInRequest(request.messages.map((message) => message.text).join('\n'))));
    const covered = pullData.reviewable.filter((path) => seen.has(path)).length;
    const skippedSeen = pullData.skipped.filter((path) => seen.has(path)).length;
    const size = `${Object.keys(pullData.head).length} files, ${pullData.addedLines} lines`;
    recordFigure({
      name: 'cto-review model calls',
      value: requests.length,
      unit: `calls (${size})`,
      target: `<= ${MAX_CALLS}`,
      pass: requests.length <= MAX_CALLS,
    });
    recordFigure({
      name: 'cto-review input tokens per call',
      value: Math.max(...tokens),
      unit: 'tokens, largest call (model emulator estimate)',
      target: `<= ${MAX_TOKENS}`,
      pass: Math.max(...tokens) <= MAX_TOKENS,
      note: `per call: ${tokens.join(', ')}`,
    });
    recordFigure({
      name: 'cto-review reviewable files covered',
      value: covered,
      unit: `of ${pullData.reviewable.length} files`,
      target: 'all',
      pass: covered === pullData.reviewable.length && skippedSeen === 0,
      note: `lockfile and ${pullData.skipped.length - 1} generated files skipped and listed; ${seconds.toFixed(1)} s end to end`,
    });

    world.gh.resetRequests();
    await runCtoReview(world, { pull });
    const writes = world.gh.writes().length;
    recordFigure({
      name: 'cto-review rerun writes',
      value: writes,
      unit: 'writes (unchanged head)',
      target: '0',
      pass: writes === 0,
      note: `${world.gh.requests.length} reads, ${world.model.requests.length - requests.length} model calls`,
    });
    expect(covered).toBeGreaterThan(0);
  } finally {
    await world.close();
  }
});
