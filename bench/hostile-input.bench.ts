import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sanitizeUntrusted } from '../src/core/llm/index.js';
import { searchWithTimeout } from '../src/implement/agent/regex-search.js';
import { outlineFile } from '../src/implement/context/symbols.js';
import { openSandbox } from '../src/core/sandbox/index.js';
import { runTests } from '../src/implement/test-runner/index.js';
import { fileFromContent } from '../src/scan/diff.js';
import { scanSecrets } from '../src/scan/secrets/scan-secrets.js';
import { recordFigure } from './figures.js';

// Hostile inputs the unit tests feed to the parsers and the agent's tools (test/ checks the results; the time
// they take is measured here, where a busy machine cannot turn it into a failed test).

async function timed(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function record(name: string, ms: number, limitMs: number, note: string): void {
  recordFigure({ name, value: ms, unit: 'ms', target: `< ${limitMs} ms`, pass: ms < limitMs, note });
}

it('secret scan of a line of near-matches', async () => {
  const evil = `${'password='.repeat(20_000)}${'a'.repeat(50_000)} ghp_${'A'.repeat(300_000)}`;
  const ms = await timed(() => scanSecrets([fileFromContent('evil.txt', `${evil}\n`)]));
  record('hostile secret scan', ms, 2000, '420 kB line of near-matches');
  expect(ms).toBeGreaterThan(0);
});

it('outline of huge generated lines', async () => {
  const line = `  run(${'a'.repeat(200_000)};x`;
  const ms = await timed(() => {
    outlineFile('dist/bundle.js', `${line}\n${'  x('.repeat(50_000)}\n`);
    outlineFile('gen.py', `    def ${'a'.repeat(100_000)}\n${' '.repeat(100_000)}x`);
  });
  record('hostile outline', ms, 2000, '200 kB line and 200 kB of open calls');
  expect(ms).toBeGreaterThan(0);
});

it('untrusted-text sanitising of nested and repeated comments', async () => {
  const layers = 100_000;
  const nested = `keep${'<!'.repeat(layers)}-- x -->${'-- y -->'.repeat(layers - 1)}this too`;
  const many = 'abcdefghij<!-- x -->'.repeat(200_000);
  record('hostile sanitise nested', await timed(() => sanitizeUntrusted(nested)), 2000, '100,000 nested reassembled comments');
  record('hostile sanitise many', await timed(() => sanitizeUntrusted(many)), 2000, '200,000 comments');
});

it('a catastrophically backtracking search pattern is stopped at its deadline', async () => {
  const files = [{ path: 'src/b.js', content: `${'a'.repeat(40)}\n` }];
  const ms = await timed(() => searchWithTimeout({ files, pattern: '(a|a)*b', maxMatches: 10, maxLineChars: 300 }, 300));
  record('search stopped after deadline', ms, 3000, 'deadline 300 ms');
  expect(ms).toBeGreaterThan(0);
});

it('a test command is stopped at its deadline with everything it started', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-deadline-'));
  try {
    const sandbox = await openSandbox({ workspace: dir, network: 'allow', privatePaths: [], env: process.env, allowUnisolated: true });
    try {
      const ms = await timed(() => runTests({ sandbox, command: '(sleep 3) & sleep 30', timeoutMs: 500 }));
      record('test command stopped after deadline', ms, 10_000, 'deadline 500 ms');
      expect(ms).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
