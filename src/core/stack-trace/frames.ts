/**
 * The frames of a stack trace, one line each, in the formats the runtimes print: Node/V8 (`at fn (path:12:5)`,
 * source-mapped paths such as `webpack:///./src/a.ts` and `file:///…` included) and vitest's `❯ fn path:12:5`,
 * Python's `File "…", line 12, in fn`, Go's tab-indented `path.go:12 +0x1d` under its function line, Java's
 * `at pkg.Class.method(File.java:12)` and Ruby's `path.rb:12:in 'fn'`. A frame keeps the path as the trace wrote
 * it: what that path means (a repository file, an installed package) is for the caller to decide. Pure; the
 * text is untrusted and only matched, never interpreted.
 */

export type TraceLanguage = 'node' | 'python' | 'go' | 'java' | 'ruby';

export interface StackFrame {
  language: TraceLanguage;
  /** The path as the trace wrote it (for Java, the package path plus the file name). */
  path: string;
  line: number;
  /** The function, as the trace names it, when it names one. */
  fn?: string;
  /** V8's `at async fn (…)`: the frame awaited the one above it. */
  async?: true;
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

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;

type Reader = (match: RegExpExecArray) => Omit<StackFrame, 'language'> | null;

function named(fn: string | undefined): { fn: string } | Record<string, never> {
  const trimmed = fn?.trim();
  return trimmed ? { fn: trimmed } : {};
}

const FRAME_LINES: ReadonlyArray<{ language: TraceLanguage; pattern: RegExp; read: Reader }> = [
  // V8: "    at fn (/path/file.js:12:5)", "    at /path/file.js:12:5", "at async fn (file:///path/x.mjs:3:1)".
  // The path holds no parenthesis (an `eval at` frame is not a file); without a column it needs a source file's
  // extension, so prose such as "at least (see 3:4)" is not a frame.
  {
    language: 'node',
    pattern: /^\s*at (?:(async) )?(?:(.+?) \(([^()]+?):(\d+)(?::(\d+))?\)|([^()\s][^()]*?):(\d+)(?::(\d+))?)\s*$/,
    read: (m) => {
      const path = m[3] ?? m[6] ?? '';
      const column = m[5] ?? m[8];
      if (!/[A-Za-z]/.test(path) || (column === undefined && !SOURCE_FILE.test(path))) return null;
      return { path, line: Number(m[4] ?? m[7]), ...named(m[2]), ...(m[1] ? { async: true as const } : {}) };
    },
  },
  // vitest: "  ❯ lineTotal src/cart.ts:14:22", "  ❯ test/cart.test.ts:38:5"
  {
    language: 'node',
    pattern: /^\s*❯ (?:(\S+) )?(\S+?):(\d+):\d+\s*$/,
    read: (m) => ({ path: m[2] ?? '', line: Number(m[3]), ...named(m[1]) }),
  },
  // Python: '  File "/app/pkg/mod.py", line 12, in handler'
  {
    language: 'python',
    pattern: /^\s*File "(.+?)", line (\d+)(?:, in (.+?))?\s*$/,
    read: (m) => ({ path: m[1] ?? '', line: Number(m[2]), ...named(m[3]) }),
  },
  // Go: "\t/home/runner/work/app/app/internal/cart/cart.go:42 +0x1d"
  {
    language: 'go',
    pattern: /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/,
    read: (m) => ({ path: m[1] ?? '', line: Number(m[2]) }),
  },
  // Java: "\tat com.acme.cart.Cart.total(Cart.java:42)"
  {
    language: 'java',
    pattern: /^\s*at ((?:[\w$]+\.)+)([\w$<>]+)\(([\w$]+\.(?:java|kt|scala)):(\d+)\)\s*$/,
    read: (m) => {
      const qualified = (m[1] ?? '').replace(/\.$/, '').split('.');
      // The class is the last part of the qualifier; the package before it names the folder.
      const pkg = qualified.slice(0, -1).filter((part) => /^[a-z_]/.test(part));
      return { path: [...pkg, m[3] ?? ''].join('/'), line: Number(m[4]), fn: `${qualified.at(-1) ?? ''}.${m[2] ?? ''}` };
    },
  },
  // Ruby: "/app/lib/cart.rb:12:in `total'" or "app/models/cart.rb:12:in 'Cart#total'"
  {
    language: 'ruby',
    pattern: /^\s*(?:from )?([^\s:]+\.rb):(\d+):in [`']([^']+)'\s*$/,
    read: (m) => ({ path: m[1] ?? '', line: Number(m[2]), ...named(m[3]) }),
  },
];

/** The frame one line of a trace names, or null when the line is not a frame. */
export function parseFrameLine(line: string): StackFrame | null {
  for (const { language, pattern, read } of FRAME_LINES) {
    const match = pattern.exec(line);
    const frame = match ? read(match) : null;
    if (frame && frame.path && Number.isInteger(frame.line)) return { language, ...frame };
  }
  return null;
}

/**
 * The function a line of a Go goroutine trace names (`pkg.(*T).Method({0x1, 0x2})`, `created by pkg.run in
 * goroutine 7`), which the file line below it belongs to; undefined for any other line.
 */
export function goFunctionLine(line: string): string | undefined {
  if (!/^\S.*\)$/.test(line) && !line.startsWith('created by ')) return undefined;
  return line
    .replace(/^created by /, '')
    .replace(/\((?:[^()]|\.\.\.)*\)$/, '')
    .replace(/ in goroutine \d+$/, '');
}

/**
 * Every frame in the text, in the order the trace lists them (a job log's timestamps and colours do not get in
 * the way); a Go frame carries the function line above it.
 */
export function parseStackFrames(text: string): StackFrame[] {
  const frames: StackFrame[] = [];
  let goFunction: string | undefined;
  for (const line of text.split('\n').map(cleanLogLine)) {
    const frame = parseFrameLine(line);
    if (frame?.language === 'go' && goFunction) frames.push({ ...frame, fn: goFunction });
    else if (frame) frames.push(frame);
    goFunction = frame ? undefined : goFunctionLine(line);
  }
  return frames;
}
