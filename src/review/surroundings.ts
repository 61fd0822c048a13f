/**
 * Unchanged code around each hunk, read from the head version of the file: what a human reviewer scrolls
 * up to see (the enclosing function, the imports). Sent only in budget the diff left over.
 */
import type { Hunk } from './diff.js';

/** Pure: up to `radius` lines before and after each hunk that the hunk does not show, numbered. */
export function renderSurroundings(path: string, fileText: string, hunks: readonly Hunk[], radius: number): string {
  const lines = fileText.replace(/\r\n/g, '\n').split('\n');
  const shown = new Set<number>();
  const wanted = new Set<number>();
  for (const hunk of hunks) {
    const numbers = hunk.lines.flatMap((line) => (line.newLine === undefined ? [] : [line.newLine]));
    for (const n of numbers) shown.add(n);
    const first = numbers.length > 0 ? Math.min(...numbers) : hunk.newStart;
    const last = numbers.length > 0 ? Math.max(...numbers) : hunk.newStart;
    for (let n = Math.max(1, first - radius); n < first; n++) wanted.add(n);
    for (let n = last + 1; n <= Math.min(lines.length, last + radius); n++) wanted.add(n);
  }
  const numbers = [...wanted].filter((n) => !shown.has(n) && n <= lines.length).sort((a, b) => a - b);
  if (numbers.length === 0) return '';
  const out = [`=== ${path} ===`];
  let previous = 0;
  for (const n of numbers) {
    if (previous !== 0 && n !== previous + 1) out.push('...');
    out.push(`${n}| ${lines[n - 1] ?? ''}`);
    previous = n;
  }
  return out.join('\n');
}
