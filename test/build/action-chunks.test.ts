import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENTS } from '../../src/actions/entry.js';

const ACTIONS = join(import.meta.dirname, '../../src/actions');

/** The dynamic imports of an entry's first Promise.all: what the action loads once its inputs are valid. */
function loadBatch(agent: string): string[] {
  const text = readFileSync(join(ACTIONS, agent, 'index.ts'), 'utf8');
  const start = text.indexOf('Promise.all([');
  expect(start, `${agent}/index.ts loads its code in one Promise.all`).toBeGreaterThan(0);
  return text.slice(start, text.indexOf('])', start)).match(/import\([^)]*\)/g) ?? [];
}

// Without one chunk name per action, webpack makes each import a sibling chunk and copies every shared module under
// 20 KB into each of them (docs/ARCHITECTURE.md, "The build").
describe('action chunks', () => {
  it.each(AGENTS)('%s loads its code as one named chunk group', (agent) => {
    const imports = loadBatch(agent);
    expect(imports.length).toBeGreaterThan(1);
    expect(imports.filter((call) => !call.includes(`/* webpackChunkName: "${agent}" */`))).toEqual([]);
  });
});
