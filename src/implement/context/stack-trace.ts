/**
 * Stack traces in a task's text: the frames of Node/TypeScript, Python, Go, Java and Ruby traces, mapped to
 * the repository's files. A frame names a path as the failing machine saw it (`/home/runner/work/app/app/src/
 * cart.js`, `/usr/src/app/lib/x.py`, `webpack:///./src/a.ts`); the repository file it means is the one whose
 * path is the longest suffix of it. Frames in installed packages (node_modules, site-packages, the Go module
 * cache, the JDK) are context, never targets. Pure.
 */

export type TraceLanguage = 'node' | 'python' | 'go' | 'java' | 'ruby';

export interface TraceFrame {
  language: TraceLanguage;
  /** The path (or, for Java, the package path plus file name) as the trace wrote it. */
  rawPath: string;
  line: number;
  fn: string | null;
}

export interface MappedFrame extends TraceFrame {
  /** The repository file the frame points at, or null for a frame outside the repository. */
  file: string | null;
}

const PATTERNS: ReadonlyArray<{ language: TraceLanguage; pattern: RegExp; read: (m: RegExpExecArray) => Omit<TraceFrame, 'language'> | null }> = [
  // Node: "    at fn (/path/file.js:12:5)", "    at /path/file.js:12:5", "at async fn (file:///path/x.mjs:3:1)"
  {
    language: 'node',
    pattern:
      /^\s*at (?:async )?(?:(.+?) \()?((?:file:\/\/|webpack:\/\/\/?|\/|\.{1,2}\/|[A-Za-z]:\\|[\w@.-]+\/)[^():]*?\.(?:[cm]?[jt]sx?|vue|svelte)):(\d+)(?::\d+)?\)?\s*$/,
    read: (m) => ({ fn: m[1] ?? null, rawPath: m[2] ?? '', line: Number(m[3]) }),
  },
  // Python: '  File "/app/pkg/mod.py", line 12, in handler'
  {
    language: 'python',
    pattern: /^\s*File "([^"]+\.py)", line (\d+)(?:, in (.+))?\s*$/,
    read: (m) => ({ rawPath: m[1] ?? '', line: Number(m[2]), fn: m[3]?.trim() ?? null }),
  },
  // Go: "\t/home/runner/work/app/app/internal/cart/cart.go:42 +0x1d"
  {
    language: 'go',
    pattern: /^\s+(\/?[^\s:]+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/,
    read: (m) => ({ rawPath: m[1] ?? '', line: Number(m[2]), fn: null }),
  },
  // Java: "\tat com.acme.cart.Cart.total(Cart.java:42)"
  {
    language: 'java',
    pattern: /^\s*at ((?:[\w$]+\.)+)([\w$<>]+)\(([\w$]+\.(?:java|kt|scala)):(\d+)\)\s*$/,
    read: (m) => {
      const qualified = (m[1] ?? '').replace(/\.$/, '').split('.');
      // The class is the last part of the qualifier; the package before it names the folder.
      const pkg = qualified.slice(0, -1).filter((part) => /^[a-z_]/.test(part));
      return { rawPath: [...pkg, m[3] ?? ''].join('/'), line: Number(m[4]), fn: `${qualified.at(-1) ?? ''}.${m[2] ?? ''}` };
    },
  },
  // Ruby: "/app/lib/cart.rb:12:in `total'" or "app/models/cart.rb:12:in 'Cart#total'"
  {
    language: 'ruby',
    pattern: /^\s*(?:from )?([^\s:]+\.rb):(\d+):in [`']([^']+)'\s*$/,
    read: (m) => ({ rawPath: m[1] ?? '', line: Number(m[2]), fn: m[3] ?? null }),
  },
];

/** Every frame in the text, in the order the trace lists them. */
export function parseStackFrames(text: string): TraceFrame[] {
  const frames: TraceFrame[] = [];
  for (const line of text.split(/\r?\n/)) {
    for (const { language, pattern, read } of PATTERNS) {
      const match = pattern.exec(line);
      const frame = match ? read(match) : null;
      if (frame && frame.rawPath && Number.isInteger(frame.line)) {
        frames.push({ language, ...frame });
        break;
      }
    }
  }
  return frames;
}

const OUTSIDE =
  /(?:^|\/)(?:node_modules|site-packages|dist-packages|\.venv|venv|vendor\/bundle|gems|pkg\/mod|usr\/lib\/python[\d.]*|usr\/local\/go|lib\/ruby)\/|^node:|^internal\/|^<frozen |^java\.|^javax?\/|^jdk\//;

function normalisedPath(raw: string): string {
  return raw
    .replace(/^file:\/\//, '')
    .replace(/^webpack:\/\/\/?(?:\.\/)?/, '')
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:\//, '/')
    .replace(/^\.\//, '');
}

/**
 * The repository file the frame's path means: the repository path is a whole-segment suffix of the frame's
 * (a CI or container prefix before it), or the frame's path of two or more segments is a suffix of the
 * repository path (a Java package path below `src/main/java`, a bundler's relative path). The longest match wins;
 * null when none does.
 */
export function mapFramePath(raw: string, files: readonly string[]): string | null {
  const path = normalisedPath(raw);
  if (OUTSIDE.test(path)) return null;
  const segments = path.split('/').filter(Boolean);
  let best: string | null = null;
  let bestLength = 0;
  for (const file of files) {
    const parts = file.split('/');
    if (parts.at(-1) !== segments.at(-1)) continue;
    let matched = 0;
    while (matched < parts.length && matched < segments.length && parts[parts.length - 1 - matched] === segments[segments.length - 1 - matched]) matched++;
    // A bare file name ("cart.ts") is not enough to claim "src/cart.ts": some folder must agree too.
    const whole = matched === parts.length || (matched === segments.length && matched >= 2);
    if (whole && matched > bestLength) {
      best = file;
      bestLength = matched;
    }
  }
  return best;
}

/** The trace's frames with the repository file each points at. */
export function mapStackFrames(text: string, files: readonly string[]): MappedFrame[] {
  return parseStackFrames(text).map((frame) => ({ ...frame, file: mapFramePath(frame.rawPath, files) }));
}

/**
 * The repository files a trace points at, innermost in-repo frame first (where the error was raised is the
 * likeliest place to fix): Python lists the innermost frame last, the others first.
 */
export function traceTargets(text: string, files: readonly string[]): string[] {
  const frames = mapStackFrames(text, files);
  const ordered = [...frames.filter((f) => f.language !== 'python'), ...frames.filter((f) => f.language === 'python').reverse()];
  const targets: string[] = [];
  for (const frame of ordered) if (frame.file && !targets.includes(frame.file)) targets.push(frame.file);
  return targets;
}
