/**
 * Whether an issue reports a bug, and what its text says about it: the error (type and message) and the
 * frames of its stack trace that point at the repository's files. A bug is fixed reproduce-first: the agent
 * writes a test that fails on the base commit for the reported reason before the fix counts. Pure.
 */
import { readErrors } from '../core/stack-trace/errors.js';
import { parseStackFrames } from '../core/stack-trace/frames.js';
import { mapStackFrames } from './context/stack-trace.js';

export interface BugFrame {
  path: string;
  line: number;
  fn?: string;
}

export interface BugReport {
  /** Why the issue is handled as a bug: its label, its `[Bug]` title, or a stack trace in its text. */
  because: 'label' | 'title' | 'trace';
  /** The error the report names, when its text holds one (`TypeError`, `Cannot read properties of …`). */
  error?: { type: string; message: string };
  /** Frames in the repository's files, innermost (where the error was raised) first. */
  frames: BugFrame[];
  /** Frames the trace lists outside the repository's files (installed packages, files it does not hold). */
  outsideFrames: number;
}

export interface BugIssue {
  title: string;
  body: string;
  labels: readonly string[];
}

const MAX_FRAMES = 10;
const GENERIC_TYPES = new Set(['Error', 'Exception', 'test failure']);

/** Pure: why an issue is a bug report, from its text alone (no repository needed), or null when it is not one. */
export function bugReportReason(issue: BugIssue, bugLabel = 'bug'): BugReport['because'] | null {
  if (issue.labels.some((label) => label.toLowerCase() === bugLabel.toLowerCase())) return 'label';
  if (/^\s*\[bug\]/i.test(issue.title)) return 'title';
  return parseStackFrames(issue.body).length > 0 ? 'trace' : null;
}

/** Pure: the bug report an issue makes, or null when it is not one. */
export function readBugReport(issue: BugIssue, files: readonly string[], bugLabel = 'bug'): BugReport | null {
  const because = bugReportReason(issue, bugLabel);
  if (!because) return null;
  const text = `${issue.title}\n${issue.body}`;
  const mapped = mapStackFrames(issue.body, files);
  // Python lists the innermost frame last; the other languages first.
  const ordered = [...mapped.filter((frame) => frame.language !== 'python'), ...mapped.filter((frame) => frame.language === 'python').reverse()];
  const frames: BugFrame[] = [];
  for (const frame of ordered) {
    if (!frame.file || frames.some((seen) => seen.path === frame.file && seen.line === frame.line)) continue;
    frames.push({ path: frame.file, line: frame.line, ...(frame.fn ? { fn: frame.fn } : {}) });
    if (frames.length >= MAX_FRAMES) break;
  }
  const event = readErrors(text)[0];
  const error = event ? { type: event.type, message: event.message.slice(0, 300) } : errorLine(text);
  return { because, ...(error ? { error } : {}), frames, outsideFrames: mapped.filter((frame) => !frame.file).length };
}

const ERROR_LINE = /^\s*(?:Uncaught\s+)?((?:[\w$]+\.)*[A-Z][\w$]*(?:Error|Exception))(?::\s?(.*))?$/m;

/** A bare `SomeError: message` line (Java, Ruby, or a Node error quoted without frames). */
function errorLine(text: string): { type: string; message: string } | undefined {
  const match = ERROR_LINE.exec(text);
  if (!match?.[1]) return undefined;
  return { type: match[1].split('.').pop() ?? match[1], message: (match[2] ?? '').trim().slice(0, 300) };
}

/** `TypeError: Cannot read …`, for messages and the PR. */
export function describeError(error: { type: string; message: string }): string {
  return error.message ? `${error.type}: ${error.message}` : error.type;
}

/**
 * Pure: whether a failing test run fails for the reported reason. The output must name the error's type when
 * the type is specific (`KeyError`, not `Error`), or hold the start of its message; a report without an error
 * accepts any failure.
 */
export function failsForReportedReason(output: string, error: BugReport['error']): boolean {
  if (!error) return true;
  if (!GENERIC_TYPES.has(error.type) && error.type !== 'panic' && output.includes(error.type)) return true;
  const start = error.message.replace(/\s+/g, ' ').trim().slice(0, 30);
  return start.length >= 8 && output.replace(/\s+/g, ' ').includes(start);
}
