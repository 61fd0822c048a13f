/**
 * Stack traces in a task's text mapped to the repository's files. The frames are read by `core/stack-trace`
 * (Node/TypeScript, Python, Go, Java, Ruby) with their paths as the failing machine saw them (`/home/runner/
 * work/app/app/src/cart.js`, `/usr/src/app/lib/x.py`, `webpack:///./src/a.ts`); the repository file a path
 * means is the one whose path is the longest suffix of it. Frames in installed packages (node_modules,
 * site-packages, the Go module cache, the JDK) are context, never targets. Pure.
 */
import { parseStackFrames, type StackFrame } from '../../core/stack-trace/frames.js';

export interface MappedFrame extends StackFrame {
  /** The repository file the frame points at, or null for a frame outside the repository. */
  file: string | null;
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
  return parseStackFrames(text).map((frame) => ({ ...frame, file: mapFramePath(frame.path, files) }));
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
