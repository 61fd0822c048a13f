import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GitHubEmulator } from '../src/emulators/github/index.js';
import { runTriage, seedSuggestion, startRepo, type Severity } from '../test/triage/harness.js';
import { recordFigure } from './figures.js';

// Target: triage over 1,000 suggestions in at most 11 reads (DESIGN: the limit is 10 list pages). Counted are all read requests of the
// bundled action's run against the emulator (gh.reads()), 11 in all:
// - 1: one GraphQL query reads the policy file at the default branch's tip (with the branch's name) and the open roadmap issues
//   and pull requests (one page, for the default label name; a renamed label or more than 100 items are listed through REST);
// - 10: the listing of everything the bot opened, 100 a page: the 1,000 suggestions.
// The bot's identity costs nothing: its id and type come from its own listing. That is the physical minimum: the 1,000
// suggestions take 10 pages, and the policy, which names the bot and the labels, must be read before them. The rerun's
// listing also holds the week's report issue (1,001 items, 11 pages), so it reads 12.
let gh: GitHubEmulator;

beforeAll(async () => {
  gh = await startRepo();
  const severities: Severity[] = ['critical', 'high', 'medium', 'low'];
  for (let i = 0; i < 1000; i++) seedSuggestion(gh, { severity: severities[i % 4], source: (['cto-review', 'ciso-review', 'discovery'] as const)[i % 3] });
});
afterAll(async () => gh.close());

it('triage report over 1,000 open suggestions: reads, and writes of a rerun', async () => {
  gh.resetRequests();
  const first = await runTriage(gh);
  expect(first.exitCode).toBe(0);
  const reads = gh.reads().length;
  const routes = gh.reads().map((request) => request.route ?? request.path);
  const note = `${routes.filter((route) => route.startsWith('graphql:')).join(', ')} + ${routes.filter((route) => route.endsWith('/issues')).length} listing pages`;
  recordFigure({ name: 'triage reads (1,000 suggestions)', value: reads, unit: 'requests', target: '<= 11', pass: reads <= 11, note });

  gh.resetRequests();
  const second = await runTriage(gh);
  expect(second.exitCode).toBe(0);
  const writes = gh.writes().length;
  recordFigure({
    name: 'triage rerun writes (unchanged week)',
    value: writes,
    unit: 'requests',
    target: '0',
    pass: writes === 0,
    note: `${gh.reads().length} reads (the report issue adds a listing page)`,
  });
  expect(reads).toBeGreaterThan(0);
});
