import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GitHubEmulator } from '../src/emulators/github/index.js';
import { runTriage, seedSuggestion, startRepo, type Severity } from '../test/triage/harness.js';
import { recordFigure } from './figures.js';

// Target: triage over 1,000 suggestions in at most 11 reads (DESIGN: the limit is 10 list pages). Counted are all read requests of the
// bundled action's run against the emulator: the policy file (2), the bot's identity (1), the listing of
// everything the bot opened (11 pages: 1,000 suggestions plus the rest) and the open roadmap issues (1).
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
  recordFigure({ name: 'triage reads (1,000 suggestions)', value: reads, unit: 'requests', target: '<= 11', pass: reads <= 11 });

  gh.resetRequests();
  const second = await runTriage(gh);
  expect(second.exitCode).toBe(0);
  const writes = gh.writes().length;
  recordFigure({ name: 'triage rerun writes (unchanged week)', value: writes, unit: 'requests', target: '0', pass: writes === 0 });
  expect(reads).toBeGreaterThan(0);
});
