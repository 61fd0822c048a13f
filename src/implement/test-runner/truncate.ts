/**
 * Test output for the model: the start (what ran), the lines that name failures, and the end (the summary and
 * the last error), within a character budget. A long log cut only at one end loses exactly what matters.
 */

export const MAX_TEST_OUTPUT_CHARS = 12_000;

const FAILURE_LINE = /\b(?:fail(?:ed|ure|ing)?|error|assert(?:ion)?|expected|received|exception|traceback|panic|not ok)\b|✗|✖|×/i;

// eslint-disable-next-line no-control-regex -- terminal colour codes are control sequences
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Pure: `output` cut to at most `maxChars`, keeping head, failure lines (with a line of context) and tail. */
export function truncateTestOutput(output: string, maxChars: number = MAX_TEST_OUTPUT_CHARS): string {
  const text = stripAnsi(output);
  if (text.length <= maxChars) return text;
  const lines = text.split('\n');
  const headBudget = Math.floor(maxChars * 0.2);
  const failureBudget = Math.floor(maxChars * 0.35);
  const tailBudget = maxChars - headBudget - failureBudget - 200;

  let headEnd = 0;
  for (let used = 0; headEnd < lines.length && used + (lines[headEnd]?.length ?? 0) + 1 <= headBudget; headEnd++) used += (lines[headEnd]?.length ?? 0) + 1;
  let tailStart = lines.length;
  for (let used = 0; tailStart > headEnd && used + (lines[tailStart - 1]?.length ?? 0) + 1 <= tailBudget; tailStart--)
    used += (lines[tailStart - 1]?.length ?? 0) + 1;

  const picked = new Set<number>();
  let used = 0;
  for (let i = headEnd; i < tailStart && used < failureBudget; i++) {
    if (!FAILURE_LINE.test(lines[i] ?? '')) continue;
    for (const j of [i - 1, i, i + 1]) {
      if (j < headEnd || j >= tailStart || picked.has(j)) continue;
      const length = Math.min(lines[j]?.length ?? 0, 500) + 1;
      if (used + length > failureBudget) break;
      picked.add(j);
      used += length;
    }
  }

  const out: string[] = lines.slice(0, headEnd);
  let previous = headEnd - 1;
  for (const i of [...picked].sort((a, b) => a - b)) {
    if (i > previous + 1) out.push(`[… ${i - previous - 1} line(s) omitted …]`);
    out.push((lines[i] ?? '').slice(0, 500));
    previous = i;
  }
  if (tailStart > previous + 1) out.push(`[… ${tailStart - previous - 1} line(s) omitted …]`);
  out.push(...lines.slice(tailStart));
  const result = out.join('\n');
  // A single enormous line can still overflow; the end is the part that holds the verdict.
  return result.length <= maxChars ? result : `[… cut …]\n${result.slice(result.length - maxChars + 20)}`;
}
