import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AGENTS } from '../src/actions/entry.js';
import { DIST } from '../test/harness/runner.js';
import { median, recordFigure } from './figures.js';

const ROUNDS = 15;

function time(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  return performance.now() - started;
}

it('cold start of every bundled action, as a ratio to bare node in the same run', () => {
  // Each action runs with no inputs, the path that must fail fast: start, load the bundle, parse inputs, report.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const bare: number[] = [];
  const perAgent = new Map<string, number[]>(AGENTS.map((agent) => [agent, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved so machine noise hits both sides alike.
    bare.push(time(['-e', '0'], env));
    for (const agent of AGENTS) perAgent.get(agent)?.push(time([join(DIST, `${agent}.js`)], env));
  }
  const baseline = median(bare);
  for (const agent of AGENTS) {
    const ratio = median(perAgent.get(agent) ?? []) / baseline;
    recordFigure({ name: `cold-start ${agent}`, value: ratio, unit: `x bare node (${baseline.toFixed(0)} ms)`, target: '<= 1.8x', pass: ratio <= 1.8 });
    expect(ratio).toBeGreaterThan(0);
  }
});

// DESIGN counts what the product ships: every file of dist/ except the chunks only the CLI's demo loads (the emulators
// and the libraries only they import, listed by the build in dist/chunks.json) and the third-party license texts. The whole directory is recorded beside it.
it('size of dist/, without the demo-only chunks and licenses', () => {
  const size = (file: string) => statSync(join(DIST, file)).size;
  const files = readdirSync(DIST);
  const { demoOnly } = JSON.parse(readFileSync(join(DIST, 'chunks.json'), 'utf8')) as { demoOnly: string[] };
  expect(demoOnly.length).toBeGreaterThan(0);
  const excluded = new Set([...demoOnly, 'licenses.txt']);
  const mb = (names: string[]) => names.reduce((sum, file) => sum + size(file), 0) / 1024 / 1024;
  const shipped = mb(files.filter((file) => !excluded.has(file)));
  const total = mb(files);
  recordFigure({
    name: 'dist size',
    value: shipped,
    unit: 'MB',
    target: '<= 2 MB',
    pass: shipped <= 2,
    note: `without ${demoOnly.length} demo-only chunk(s) (emulators, GraphQL executor) and licenses.txt; all of dist/ is ${total.toFixed(2)} MB`,
  });
  expect(shipped).toBeLessThan(total);
});
