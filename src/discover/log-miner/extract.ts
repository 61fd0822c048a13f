/**
 * Reads error events out of CI output: Node (V8 `at` frames, vitest `❯` frames, jest `●` test names),
 * Python (tracebacks, pytest's FAILED lines) and Go (panics with goroutine traces, `--- FAIL:` tests).
 * Pure: text in, events out. The text is untrusted; nothing here executes or interprets it.
 */
import { repositoryPath } from './normalise.js';

export interface Frame {
  /** Repository-relative path when the frame is the repository's code, else the path as printed. */
  file: string;
  line: number;
  fn?: string;
  inRepo: boolean;
}

export interface ErrorEvent {
  language: 'node' | 'python' | 'go';
  /** The error type (`TypeError`, `KeyError`, `panic`, `test failure`). */
  type: string;
  message: string;
  /** Most recent call first. */
  frames: Frame[];
  /** The failing test, when the output names one. */
  test?: string;
  /** The lines the event was read from (trace included), as printed, for the evidence. */
  trace: string;
}

const RUNNER_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** A job log line without the runner's timestamp, colour codes and workflow-command prefixes. */
export function cleanLogLine(line: string): string {
  return line
    .replace(RUNNER_PREFIX, '')
    .replace(ANSI, '')
    .replace(/^##\[(?:error|warning)\]/, '')
    .replace(/\r$/, '');
}

const NODE_HEADER = /^\s*(?:Uncaught\s+)?((?:[A-Z][\w$]*)?(?:Error|Exception))(?:\s*\[[\w-]+\])?(?::\s?(.*))?$/;
const NODE_AT = /^\s+at (?:(.+?) \((.+?):(\d+):\d+\)|(.+?):(\d+):\d+)\s*$/;
const VITEST_AT = /^\s*❯ (?:(\S+) )?(\S+?):(\d+):\d+\s*$/;
const PY_TRACEBACK = /^\s*Traceback \(most recent call last\):\s*$/;
const PY_FRAME = /^\s*File "(.+?)", line (\d+)(?:, in (.+))?$/;
const PY_END = /^\s*([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Failure|Warning)?)(?::\s?(.*))?$/;
const PYTEST_FAILED = /^FAILED (\S+?)::(\S+)(?: - (.*))?$/;
const PYTEST_LOCATION = /^(\S+\.py):(\d+): (\w+)$/;
const GO_PANIC = /^panic: (.*?)(?: \[recovered\])?$/;
const GO_FILE = /^\t(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/;
const GO_TEST_FAIL = /^\s*--- FAIL: (\S+) \(/;
const GO_TEST_LINE = /^\s{4,}(\S+_test\.go):(\d+): (.+)$/;
const VITEST_FAIL = /^\s*FAIL\s+(\S+)\s+>\s+(.+?)\s*$/;
const JEST_FAIL = /^\s*● (.+?)\s*$/;

function frame(file: string, line: string | number, fn: string | undefined, roots: readonly string[]): Frame {
  const relative = repositoryPath(file, roots);
  return { file: relative ?? file, line: Number(line), ...(fn ? { fn: fn.trim() } : {}), inRepo: relative !== undefined };
}

const MAX_TRACE_LINES = 40;

export interface ExtractOptions {
  /** Checkout paths other than the runner's usual ones, stripped from frame paths. */
  roots?: readonly string[];
}

/** Every error event in a log, in the order printed. */
export function extractErrors(log: string, options: ExtractOptions = {}): ErrorEvent[] {
  const roots = options.roots ?? [];
  const lines = log.split('\n').map(cleanLogLine);
  const events: ErrorEvent[] = [];
  let currentTest: string | undefined;
  // pytest prints `app/invoice.py:42: KeyError` where each failure was raised; its summary names the type.
  const pytestLocations = new Map<string, Frame>();
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
      const frames: Frame[] = [];
      let j = i + 1;
      let end: RegExpExecArray | null = null;
      while (j < lines.length) {
        const current = lines[j] ?? '';
        const pyFrame = PY_FRAME.exec(current);
        if (pyFrame) frames.push(frame(pyFrame[1] ?? '', pyFrame[2] ?? 0, pyFrame[3], roots));
        else if (!/^\s/.test(current) && (end = PY_END.exec(current))) break;
        j++;
      }
      if (end) {
        events.push({
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
    if (pytestLocation) pytestLocations.set(pytestLocation[3] ?? '', frame(pytestLocation[1] ?? '', pytestLocation[2] ?? 0, undefined, roots));
    const pytest = PYTEST_FAILED.exec(line);
    if (pytest) {
      const detail = pytest[3] ?? '';
      const typed = /^([A-Za-z_][\w.]*(?:Error|Exception)):\s?(.*)$/.exec(detail);
      const file = pytest[1] ?? '';
      const located = typed ? pytestLocations.get(typed[1]?.split('.').pop() ?? '') : undefined;
      events.push({
        language: 'python',
        type: typed?.[1] ?? 'test failure',
        message: (typed ? typed[2] : detail) ?? '',
        frames: [...(located ? [located] : []), frame(file, 0, pytest[2], roots)],
        test: `${file}::${pytest[2]}`,
        trace: line,
      });
      i++;
      continue;
    }

    // Go panic: the goroutine trace alternates function lines and tab-indented file lines.
    const panic = GO_PANIC.exec(line);
    if (panic) {
      const frames: Frame[] = [];
      let j = i + 1;
      while (j < lines.length && ((lines[j] ?? '').trim() === '' || /^(goroutine \d+ \[|\[signal |\s+panic: )/.test(lines[j] ?? ''))) j++;
      let fn: string | undefined;
      while (j < lines.length) {
        const current = lines[j] ?? '';
        const goFile = GO_FILE.exec(current);
        if (goFile) frames.push(frame(goFile[1] ?? '', goFile[2] ?? 0, fn, roots));
        else if (/^\S.*\)$/.test(current) || current.startsWith('created by '))
          fn = current
            .replace(/^created by /, '')
            .replace(/\((?:[^()]|\.\.\.)*\)$/, '')
            .replace(/ in goroutine \d+$/, '');
        else break;
        j++;
      }
      // Frames inside the runtime (panic itself) come first; the repository's code is what matters.
      events.push({ language: 'go', type: 'panic', message: panic[1] ?? '', frames, ...(currentTest ? { test: currentTest } : {}), trace: take(i, j) });
      i = j;
      continue;
    }
    const goTest = GO_TEST_FAIL.exec(line);
    if (goTest) {
      const name = goTest[1] ?? '';
      const detail = GO_TEST_LINE.exec(lines[i + 1] ?? '');
      currentTest = name;
      if (detail) {
        events.push({
          language: 'go',
          type: 'test failure',
          message: detail[3] ?? '',
          frames: [frame(detail[1] ?? '', detail[2] ?? 0, name, roots)],
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
      const frames: Frame[] = [];
      let j = i + 1;
      const messageLines = [header[2] ?? ''];
      // Multi-line messages (assertion diffs) come before the first frame; allow a few.
      while (j < lines.length && j <= i + 12 && !NODE_AT.test(lines[j] ?? '') && !VITEST_AT.test(lines[j] ?? '')) {
        if ((lines[j] ?? '').trim() === '' && j > i + 1) break;
        j++;
      }
      if (NODE_AT.test(lines[j] ?? '') || VITEST_AT.test(lines[j] ?? '')) {
        while (j < lines.length) {
          const current = lines[j] ?? '';
          const at = NODE_AT.exec(current);
          const vite = VITEST_AT.exec(current);
          if (at) frames.push(at[2] ? frame(at[2], at[3] ?? 0, at[1], roots) : frame(at[4] ?? '', at[5] ?? 0, undefined, roots));
          else if (vite) frames.push(frame(vite[2] ?? '', vite[3] ?? 0, vite[1], roots));
          // `❯ Array.reduce <anonymous>`, `at new Promise (<anonymous>)`: frames without a file.
          else if (!/^\s*(?:❯|at) /.test(current)) break;
          j++;
        }
        events.push({
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
  return events;
}
