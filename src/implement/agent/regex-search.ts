/**
 * Runs the model's regular expression in a worker thread with a time limit. JavaScript regular expressions
 * backtrack, and a pattern such as `(a|a)*b` takes exponential time on a crafted line; on the main thread it
 * would stall the whole run. The worker is simply terminated when time is up.
 */
import { Worker } from 'node:worker_threads';

export interface SearchInput {
  files: Array<{ path: string; content: string }>;
  pattern: string;
  maxMatches: number;
  maxLineChars: number;
}

export type SearchOutcome = { ok: true; matches: string[] } | { ok: false; reason: string };

// Plain JavaScript, evaluated in the worker: it must not import anything from the bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { files, pattern, maxMatches, maxLineChars } = workerData;
const regex = new RegExp(pattern);
const matches = [];
outer: for (const file of files) {
  const lines = file.content.split('\\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!regex.test(line.slice(0, 2000))) continue;
    matches.push(file.path + ':' + (i + 1) + ': ' + line.trim().slice(0, maxLineChars));
    if (matches.length >= maxMatches) break outer;
  }
}
parentPort.postMessage(matches);
`;

export function searchWithTimeout(input: SearchInput, timeoutMs: number): Promise<SearchOutcome> {
  try {
    new RegExp(input.pattern);
  } catch (failure) {
    return Promise.resolve({ ok: false, reason: `pattern is not a valid regular expression: ${failure instanceof Error ? failure.message : String(failure)}` });
  }
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
    let done = false;
    const settle = (outcome: SearchOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        settle({
          ok: false,
          reason: `the search took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; use a simpler pattern (no nested or repeated groups)`,
        }),
      timeoutMs,
    );
    worker.once('message', (matches: string[]) => settle({ ok: true, matches }));
    worker.once('error', (failure) => settle({ ok: false, reason: `the search failed: ${failure.message}` }));
    worker.once('exit', () => settle({ ok: false, reason: 'the search stopped unexpectedly' }));
  });
}
