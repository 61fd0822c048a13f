import { expect, it } from 'vitest';
import { buildRepoIndex, rankFiles } from '../src/implement/context/index.js';
import { traceFixtures } from '../test/implement/context/trace-fixtures.js';
import { recordFigure } from './figures.js';

// Bug reports with a stack trace: for traces produced by running failing projects (Node and Python run here;
// Go's is the format go test prints), how often the file that must change is among the first three files
// context selection picks, with the trace in the issue and without it.
it('stack trace → the file to change in the first three context files', () => {
  const fixtures = traceFixtures();
  let withTrace = 0;
  let without = 0;
  let firstWith = 0;
  let firstWithout = 0;
  for (const fixture of fixtures) {
    const index = buildRepoIndex(Object.entries(fixture.files).map(([path, content]) => ({ path, content })));
    const top = (query: string): string[] =>
      rankFiles(index, query)
        .slice(0, 3)
        .map((entry) => entry.path);
    if (top(`${fixture.issue}\n\n${fixture.trace}`).includes(fixture.mustChange)) withTrace++;
    if (top(fixture.issue).includes(fixture.mustChange)) without++;
    if (top(`${fixture.issue}\n\n${fixture.trace}`)[0] === fixture.mustChange) firstWith++;
    if (top(fixture.issue)[0] === fixture.mustChange) firstWithout++;
  }
  const names = fixtures.map((fixture) => fixture.name).join(', ');
  recordFigure({
    name: 'bug traces: file to change in the first 3 (with the trace)',
    value: withTrace,
    unit: `of ${fixtures.length} (${names})`,
    target: `${fixtures.length}`,
    pass: withTrace === fixtures.length,
    note: `without the trace: ${without}; first file: ${firstWith} with the trace, ${firstWithout} without (6 to 7 files a project)`,
  });
  expect(withTrace).toBeGreaterThanOrEqual(without);
});
