/**
 * The Root cause and Reproduction sections of a bug fix's pull request. Pure: where the report points is
 * linked at the base commit only after publish checked that the file and line exist there, and every text
 * from the model, the issue or a test run is rendered as data (one line or a fenced block).
 */
import type { BugFixReport } from './bundle/bundle-schema.js';
import { fileRole } from './context/file-role.js';
import { codeBlock, inline, tail } from './render.js';
import { inlineCode } from '../core/untrusted-markdown.js';

/** A place in the code at the base commit; `url` is set when it resolves there. */
export interface BasePlace {
  path: string;
  line?: number;
  fn?: string;
  url?: string;
  /** A file the fix creates: there is nothing to link at the base commit. */
  isNew?: boolean;
}

export interface BugSections {
  bug: BugFixReport;
  baseSha: string;
  /** The trace's in-repository frames, checked against the base commit. */
  frames: readonly BasePlace[];
  /** The changed non-test files, linked at the base commit when they existed there. */
  changed: readonly BasePlace[];
}

/** Pure: whether the fix comes with a test that failed on the base code for the reported reason. */
export function isReproduced(bug: BugFixReport): boolean {
  return bug.reproduction.status === 'reproduced';
}

function place(entry: BasePlace): string {
  const label = inlineCode(entry.line ? `${entry.path}:${entry.line}` : entry.path, 300);
  const where = entry.url ? `[${label}](${entry.url})` : entry.isNew ? `${label} (new file)` : `${label} (not found at the base commit)`;
  return `- ${where}${entry.fn ? ` in ${inlineCode(entry.fn, 120)}` : ''}`;
}

const NOT_REPRODUCED: Record<Exclude<BugFixReport['reproduction']['status'], 'reproduced'>, string> = {
  'no-test': 'the agent wrote no regression test',
  'passed-on-base': 'the new test passes on the base code too, so it does not show the bug',
  'failed-differently': 'the new test fails on the base code, but not with the reported error',
};

export function bugSections(input: BugSections): string {
  const { bug } = input;
  const { reproduction } = bug;
  const parts = ['## Root cause', '', inline(bug.rootCause, 3000) || '_The agent gave no root cause._'];
  if (bug.error) parts.push('', `**Reported error**: ${inlineCode(bug.error, 400)}`);
  parts.push('', `**Where** (at the base commit \`${input.baseSha.slice(0, 12)}\`):`, '');
  if (input.frames.length > 0) parts.push(...input.frames.map(place));
  else parts.push("_The report's stack trace has no frame in this repository's files; the code was found from the issue's text._");
  if (bug.outsideFrames > 0)
    parts.push(
      '',
      `_${bug.outsideFrames} frame(s) of the trace are outside this repository's files (installed packages or files it does not hold): context only._`,
    );
  if (input.changed.length > 0) parts.push('', 'Changed by the fix:', '', ...input.changed.map(place));

  parts.push('', '## Reproduction', '');
  const command = reproduction.command ? inlineCode(reproduction.command, 200) : 'the tests';
  const tests = reproduction.tests.map((path) => inlineCode(path, 300)).join(', ');
  if (reproduction.status === 'reproduced') {
    parts.push(
      `**Reproduced**: ${tests} fail${reproduction.tests.length === 1 ? 's' : ''} on the base code${reproduction.expected ? ` with the reported ${inlineCode(reproduction.expected.split(':')[0] ?? '', 80)}` : ''} and pass${reproduction.tests.length === 1 ? 'es' : ''} with the fix (${command}).`,
    );
  } else {
    parts.push(
      `**Not reproduced**: ${NOT_REPRODUCED[reproduction.status]}${reproduction.tests.length > 0 ? ` (${tests})` : ''}. This pull request is a draft: nothing shows that the change fixes the reported bug.`,
    );
  }
  if (reproduction.baseOutput)
    parts.push('', `<details><summary>Output on the base code (${command})</summary>`, '', codeBlock(tail(reproduction.baseOutput, 5000)), '', '</details>');
  if (bug.fixedOutput) parts.push('', '<details><summary>Output with the fix</summary>', '', codeBlock(tail(bug.fixedOutput, 3000)), '', '</details>');
  return parts.join('\n');
}

/** Pure: the changed files that are the fix (not its tests), for the Where list. */
export function fixFiles(files: ReadonlyArray<{ path: string; action: string }>): Array<{ path: string; action: string }> {
  return files.filter((file) => fileRole(file.path) !== 'test');
}
