/**
 * Reads the errors out of program output (a CI job log, a logger's stack, an issue's pasted trace): Node (a V8
 * error header with its `at` frames, vitest `❯` frames, jest `●` test names), Python (tracebacks, pytest's
 * FAILED lines) and Go (panics with goroutine traces, `--- FAIL:` tests). The frames come from `frames.ts` and
 * keep their paths as printed. Pure: text in, errors out; the text is untrusted and nothing here runs it.
 */
import { cleanLogLine, goFunctionLine, parseFrameLine, type StackFrame } from './frames.js';

export interface TracedError {
  language: 'node' | 'python' | 'go';
  /** The error type (`TypeError`, `KeyError`, `panic`, `test failure`). */
  type: string;
  message: string;
  /** Most recent call first. */
  frames: StackFrame[];
  /** The failing test, when the output names one. */
  test?: string;
  /** The lines the error was read from (trace included), as printed, for the evidence. */
  trace: string;
}

const NODE_HEADER = /^\s*(?:Uncaught\s+)?((?:[A-Z][\w$]*)?(?:Error|Exception))(?:\s*\[[\w-]+\])?(?::\s?(.*))?$/;
const PY_TRACEBACK = /^\s*Traceback \(most recent call last\):\s*$/;
const PY_END = /^\s*([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Failure|Warning)?)(?::\s?(.*))?$/;
const PYTEST_FAILED = /^FAILED (\S+?)::(\S+)(?: - (.*))?$/;
const PYTEST_LOCATION = /^(\S+\.py):(\d+): (\w+)$/;
const GO_PANIC = /^panic: (.*?)(?: \[recovered\])?$/;
const GO_TEST_FAIL = /^\s*--- FAIL: (\S+) \(/;
const GO_TEST_LINE = /^\s{4,}(\S+_test\.go):(\d+): (.+)$/;
const VITEST_FAIL = /^\s*FAIL\s+(\S+)\s+>\s+(.+?)\s*$/;
const JEST_FAIL = /^\s*● (.+?)\s*$/;

const MAX_TRACE_LINES = 40;

function frameOf(language: TracedError['language'], path: string, line: string | number, fn: string | undefined): StackFrame {
  const name = fn?.trim();
  return { language, path, line: Number(line), ...(name ? { fn: name } : {}) };
}

/** The frame a line of a trace in `language` names (Node's V8 and vitest frames both count as Node). */
function frameIn(language: TracedError['language'], line: string): StackFrame | null {
  const frame = parseFrameLine(line);
  return frame?.language === language ? frame : null;
}

/** Every error in the output, in the order printed. */
export function readErrors(output: string): TracedError[] {
  const lines = output.split('\n').map(cleanLogLine);
  const errors: TracedError[] = [];
  let currentTest: string | undefined;
  // pytest prints `app/invoice.py:42: KeyError` where each failure was raised; its summary names the type.
  const pytestLocations = new Map<string, StackFrame>();
  let i = 0;
  const take = (from: number, to: number) => lines.slice(from, Math.min(to, from + MAX_TRACE_LINES)).join('\n');
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const vitest = VITEST_FAIL.exec(line);
    if (vitest) {
      currentTest = `${vitest[1]} > ${vitest[2]}`;
      i++;
      continue;
    }
    const jest = JEST_FAIL.exec(line);
    if (jest && !/^Test suite failed/.test(jest[1] ?? '')) {
      currentTest = jest[1];
      i++;
      continue;
    }

    // Python traceback: frames until the exception line (most recent call last, so reversed).
    if (PY_TRACEBACK.test(line)) {
      const frames: StackFrame[] = [];
      let j = i + 1;
      let end: RegExpExecArray | null = null;
      while (j < lines.length) {
        const current = lines[j] ?? '';
        const frame = frameIn('python', current);
        if (frame) frames.push(frame);
        else if (!/^\s/.test(current) && (end = PY_END.exec(current))) break;
        j++;
      }
      if (end) {
        errors.push({
          language: 'python',
          type: end[1] ?? 'Exception',
          message: (end[2] ?? '').trim(),
          frames: frames.reverse(),
          ...(currentTest ? { test: currentTest } : {}),
          trace: take(i, j + 1),
        });
        i = j + 1;
        continue;
      }
    }
    const pytestLocation = PYTEST_LOCATION.exec(line);
    if (pytestLocation) pytestLocations.set(pytestLocation[3] ?? '', frameOf('python', pytestLocation[1] ?? '', pytestLocation[2] ?? 0, undefined));
    const pytest = PYTEST_FAILED.exec(line);
    if (pytest) {
      const detail = pytest[3] ?? '';
      const typed = /^([A-Za-z_][\w.]*(?:Error|Exception)):\s?(.*)$/.exec(detail);
      const file = pytest[1] ?? '';
      const located = typed ? pytestLocations.get(typed[1]?.split('.').pop() ?? '') : undefined;
      errors.push({
        language: 'python',
        type: typed?.[1] ?? 'test failure',
        message: (typed ? typed[2] : detail) ?? '',
        frames: [...(located ? [located] : []), frameOf('python', file, 0, pytest[2])],
        test: `${file}::${pytest[2]}`,
        trace: line,
      });
      i++;
      continue;
    }

    // Go panic: the goroutine trace alternates function lines and tab-indented file lines.
    const panic = GO_PANIC.exec(line);
    if (panic) {
      const frames: StackFrame[] = [];
      let j = i + 1;
      while (j < lines.length && ((lines[j] ?? '').trim() === '' || /^(goroutine \d+ \[|\[signal |\s+panic: )/.test(lines[j] ?? ''))) j++;
      let fn: string | undefined;
      while (j < lines.length) {
        const current = lines[j] ?? '';
        const frame = frameIn('go', current);
        const called = frame ? undefined : goFunctionLine(current);
        if (frame) frames.push(frameOf('go', frame.path, frame.line, fn));
        else if (called !== undefined) fn = called;
        else break;
        j++;
      }
      // Frames inside the runtime (panic itself) come first; the repository's code is what matters.
      errors.push({ language: 'go', type: 'panic', message: panic[1] ?? '', frames, ...(currentTest ? { test: currentTest } : {}), trace: take(i, j) });
      i = j;
      continue;
    }
    const goTest = GO_TEST_FAIL.exec(line);
    if (goTest) {
      const name = goTest[1] ?? '';
      const detail = GO_TEST_LINE.exec(lines[i + 1] ?? '');
      currentTest = name;
      if (detail) {
        errors.push({
          language: 'go',
          type: 'test failure',
          message: detail[3] ?? '',
          frames: [frameOf('go', detail[1] ?? '', detail[2] ?? 0, name)],
          test: name,
          trace: take(i, i + 4),
        });
        i += 2;
        continue;
      }
    }

    // Node: an error header followed by at least one stack frame (a bare "Error: ..." line is only noise).
    const header = NODE_HEADER.exec(line);
    if (header) {
      const frames: StackFrame[] = [];
      let j = i + 1;
      const messageLines = [header[2] ?? ''];
      // Multi-line messages (assertion diffs) come before the first frame; allow a few.
      while (j < lines.length && j <= i + 12 && !frameIn('node', lines[j] ?? '')) {
        if ((lines[j] ?? '').trim() === '' && j > i + 1) break;
        j++;
      }
      if (frameIn('node', lines[j] ?? '')) {
        while (j < lines.length) {
          const current = lines[j] ?? '';
          const frame = frameIn('node', current);
          if (frame) frames.push(frame);
          // `❯ Array.reduce <anonymous>`, `at new Promise (<anonymous>)`: frames without a file.
          else if (!/^\s*(?:❯|at) /.test(current)) break;
          j++;
        }
        errors.push({
          language: 'node',
          type: header[1] ?? 'Error',
          message: messageLines.join(' ').trim(),
          frames,
          ...(currentTest ? { test: currentTest } : {}),
          trace: take(i, j),
        });
        i = j;
        continue;
      }
    }
    i++;
  }
  return errors;
}
