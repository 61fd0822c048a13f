/**
 * Reproduce first: a bug fix counts only when its regression test fails on the base commit for the reported
 * reason. The check puts the base version of every changed non-test file back into the workspace for one
 * test run (the agent's tests stay), runs the suite in the sandbox, and restores the agent's files whatever
 * happens. The action's own workspace is the source of truth; the sandbox copy follows it on the next run.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describeError, failsForReportedReason, type BugReport } from '../bug-report.js';
import { readHeadFile } from '../change-set.js';
import { fileRole } from '../context/file-role.js';
import type { TestRun } from '../test-runner/run-tests.js';
import type { ChangedFile } from './types.js';

export type ReproductionStatus = 'reproduced' | 'no-test' | 'passed-on-base' | 'failed-differently';

export interface Reproduction {
  status: ReproductionStatus;
  /** The regression test files: changed files the run treats as tests. */
  tests: string[];
  command: string;
  /** The suite's output with the base code and the new tests (it must fail). */
  baseOutput: string;
  /** The reported error the failure must show, when the issue names one. */
  expected?: string;
}

/** Pure: which changed files are tests (they stay for the base run) and which are the fix (they go back to base). */
export function splitChanges(changed: readonly ChangedFile[]): { tests: ChangedFile[]; fix: ChangedFile[] } {
  const tests = changed.filter((file) => file.action !== 'delete' && fileRole(file.path) === 'test');
  return { tests, fix: changed.filter((file) => !tests.includes(file)) };
}

/** Runs `run` with the fix's files at their base content, then puts the agent's files back. */
export async function withBaseCode<T>(workspace: string, fix: readonly ChangedFile[], run: () => Promise<T>): Promise<T> {
  const saved = new Map<string, Buffer | null>();
  try {
    for (const file of fix) {
      const path = join(workspace, file.path);
      saved.set(file.path, file.action === 'delete' ? null : await readFile(path));
      const base = await readHeadFile(workspace, file.path);
      if (base === null) await rm(path, { force: true });
      else {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, base);
      }
    }
    return await run();
  } finally {
    for (const [relative, content] of saved) {
      const path = join(workspace, relative);
      if (content === null) await rm(path, { force: true });
      else {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, content);
      }
    }
  }
}

export interface ReproductionCheck {
  workspace: string;
  changed: readonly ChangedFile[];
  command: string;
  error: BugReport['error'];
  runSuite: () => Promise<TestRun>;
}

/** Whether the agent's tests reproduce the bug on the base code. */
export async function checkReproduction(check: ReproductionCheck): Promise<Reproduction> {
  const { tests, fix } = splitChanges(check.changed);
  const expected = check.error ? { expected: describeError(check.error) } : {};
  const paths = tests.map((file) => file.path);
  if (tests.length === 0) return { status: 'no-test', tests: [], command: check.command, baseOutput: '', ...expected };
  const run = await withBaseCode(check.workspace, fix, check.runSuite);
  const status: ReproductionStatus = run.passed ? 'passed-on-base' : failsForReportedReason(run.output, check.error) ? 'reproduced' : 'failed-differently';
  return { status, tests: paths, command: check.command, baseOutput: run.output, ...expected };
}

/** Pure: what the agent is told when its finish is refused for want of a reproduction. */
export function reproductionRefusal(reproduction: Reproduction): string {
  const expected = reproduction.expected ? ` The issue reports \`${reproduction.expected}\`.` : '';
  switch (reproduction.status) {
    case 'no-test':
      return `finish refused: this issue reports a bug, so reproduce it first. Add a regression test (in a test file) that fails on the current base code for the reported reason, see it fail with run_tests, then fix the code.${expected}`;
    case 'passed-on-base':
      return `finish refused: your new test (${reproduction.tests.join(', ')}) passes on the base code too, so it does not reproduce the bug. Write a test that fails without your fix for the reported reason.${expected}\n\nOutput with the base code:\n${reproduction.baseOutput}`;
    case 'failed-differently':
      return `finish refused: with the base code your new test fails, but not for the reported reason.${expected} Make the test exercise the reported failure.\n\nOutput with the base code:\n${reproduction.baseOutput}`;
    case 'reproduced':
      return '';
  }
}
