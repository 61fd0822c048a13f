import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENTS } from '../../src/actions/entry.js';

const SRC = join(import.meta.dirname, '../../src');

/** The libraries a module loads when it is evaluated: its static imports and re-exports, followed through src/. */
function staticLibraries(entry: string): { libraries: Set<string>; chain: Map<string, string> } {
  const libraries = new Set<string>();
  const chain = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?'([^']+)';/gms)) {
      if (spec === undefined || spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        libraries.add(spec);
        chain.set(spec, file);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(target)) queue.push(target);
    }
  }
  return { libraries, chain };
}

// An action reads and checks its inputs before anything heavy loads, so a bad value fails at once and the cold
// start stays near bare node (npm run bench). What the entry imports statically is what that start pays for.
describe('action entries', () => {
  it.each(AGENTS)('%s checks its inputs without loading zod, Octokit, YAML or a model SDK', (agent) => {
    const { libraries, chain } = staticLibraries(join(SRC, 'actions', agent, 'index.ts'));
    const heavy = [...libraries].filter((name) => /^(zod|yaml|openai|@anthropic-ai\/|@octokit\/(core|rest|plugin-))/.test(name));
    expect(heavy.map((name) => `${name} (from ${chain.get(name)?.slice(SRC.length + 1)})`)).toEqual([]);
  });
});
