import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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

it('total size of dist/', () => {
  const bytes = readdirSync(DIST).reduce((sum, file) => sum + statSync(join(DIST, file)).size, 0);
  const megabytes = bytes / 1024 / 1024;
  recordFigure({ name: 'dist size', value: megabytes, unit: 'MB', target: '<= 4 MB', pass: megabytes <= 4 });
  expect(bytes).toBeGreaterThan(0);
});
