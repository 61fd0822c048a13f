/**
 * The log miner's error events: the errors `core/stack-trace` reads out of CI output, with each frame's path
 * made repository-relative when it is the repository's code (the runner's checkout prefix and any configured
 * root stripped, installed packages and runtime internals left out). Pure.
 */
import { readErrors, type TracedError } from '../../core/stack-trace/errors.js';
import type { StackFrame } from '../../core/stack-trace/frames.js';
import { repositoryPath } from './normalise.js';

export interface Frame {
  /** Repository-relative path when the frame is the repository's code, else the path as printed. */
  file: string;
  line: number;
  fn?: string;
  inRepo: boolean;
}

export interface ErrorEvent extends Omit<TracedError, 'frames'> {
  /** Most recent call first. */
  frames: Frame[];
}

export interface ExtractOptions {
  /** Checkout paths other than the runner's usual ones, stripped from frame paths. */
  roots?: readonly string[];
}

function frameOf(frame: StackFrame, roots: readonly string[]): Frame {
  const relative = repositoryPath(frame.path, roots);
  // V8's `async` stays part of the function's name: error signatures (and the fingerprints of filed issues) hold it.
  const fn = frame.async && frame.fn ? `async ${frame.fn}` : frame.fn;
  return { file: relative ?? frame.path, line: frame.line, ...(fn ? { fn } : {}), inRepo: relative !== undefined };
}

/** Every error event in a log, in the order printed. */
export function extractErrors(log: string, options: ExtractOptions = {}): ErrorEvent[] {
  const roots = options.roots ?? [];
  return readErrors(log).map((error) => ({ ...error, frames: error.frames.map((frame) => frameOf(frame, roots)) }));
}
